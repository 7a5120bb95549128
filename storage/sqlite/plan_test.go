package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// TestCustomerNamesReadsOnlyIndexes holds the plan migration 0010 is for:
// a knowledge-base search names its hits' customers by reading only index
// pages, each engagement and each customer one lookup by team and id, and
// never scans a table or a team.
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
			"SEARCH e ": "USING COVERING INDEX dealtrail_engagements_team_id (team_id=? AND id=?)",
			"SEARCH c ": "USING COVERING INDEX dealtrail_customers_team_id_name (team_id=? AND id=?)",
		}
		for _, line := range plan {
			if strings.HasPrefix(line, "SCAN") {
				t.Errorf("%d ids: the plan scans: %q (plan %q)", n, line, plan)
			}
			for prefix, how := range want {
				if strings.HasPrefix(line, prefix) {
					if !strings.Contains(line, how) {
						t.Errorf("%d ids: %q, want %s", n, line, how)
					}
					delete(want, prefix)
				}
			}
		}
		for prefix := range want {
			t.Errorf("%d ids: no %q step in the plan %q", n, prefix, plan)
		}
	}
}
