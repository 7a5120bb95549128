package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// TestCustomerNamesReadsOnlyIndexes holds the plan CustomerNames is
// written for: a knowledge-base search names its hits' customers by
// reading only index pages, each customer one lookup by team and id in the
// index holding its name (migration 0010), each participation one lookup
// in the participants' key; it never reads the engagements and never
// scans a table or a team (only the statement's own list of hits).
func TestCustomerNamesReadsOnlyIndexes(t *testing.T) {
	ctx := context.Background()
	s, p, err := sqlite.OpenProbed(ctx, filepath.Join(t.TempDir(), "plan.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, n := range []int{10, 500} {
		q := p.CustomerNamesQuery(n)
		args := make([]any, strings.Count(q, "?"))
		for i := range args {
			args[i] = "x"
		}
		rows, err := p.DB.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"SEARCH m ": "USING INDEX sqlite_autoindex_dealtrail_members_1 (id=?)",
			"SEARCH c ": "USING COVERING INDEX dealtrail_customers_team_id_name (team_id=? AND id=?)",
			"SEARCH p ": "USING COVERING INDEX sqlite_autoindex_dealtrail_participants_1 (engagement_id=? AND member_id=?)",
		}
		for _, line := range plan {
			if strings.Contains(line, "dealtrail_engagements") {
				t.Errorf("%d hits: the plan reads the engagements: %q (plan %q)", n, line, plan)
			}
			if strings.HasPrefix(line, "SCAN") && !strings.HasPrefix(line, "SCAN hit") && !strings.Contains(line, "CONSTANT ROWS") {
				t.Errorf("%d hits: the plan scans: %q (plan %q)", n, line, plan)
			}
			for prefix, how := range want {
				if strings.HasPrefix(line, prefix) {
					if !strings.Contains(line, how) {
						t.Errorf("%d hits: %q, want %s", n, line, how)
					}
					delete(want, prefix)
				}
			}
		}
		for prefix := range want {
			t.Errorf("%d hits: no %q step in the plan %q", n, prefix, plan)
		}
	}
}
