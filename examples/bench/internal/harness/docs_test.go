package harness

import (
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
)

// TestBareDocsMatchWhatKBIndexes checks the bare side indexes one document
// per lesson, termination reason and objection, as kb does.
func TestBareDocsMatchWhatKBIndexes(t *testing.T) {
	err := salesrectest.New(4).Stream(300, func(it salesrectest.Item) error {
		e := it.Engagement
		want := len(e.Lessons)
		if e.Status == salesrec.StatusTerminated {
			want++
		}
		for _, in := range e.Interactions {
			for _, p := range in.Points {
				if p.Kind == salesrec.PointObjection {
					want++
				}
			}
		}
		ids, docs := bareDocs(e, it.Customer)
		if len(ids) != want || len(docs) != want {
			t.Errorf("engagement %d: %d ids, %d docs, want %d", it.Index, len(ids), len(docs), want)
		}
		seen := map[string]bool{}
		for i, d := range docs {
			if seen[ids[i]] {
				t.Errorf("engagement %d: duplicate document id %s", it.Index, ids[i])
			}
			seen[ids[i]] = true
			if d.Team != e.TeamID || d.EngagementID != e.ID || strings.TrimSpace(d.Text) == "" {
				t.Errorf("engagement %d: document %s lacks team, engagement or text: %+v", it.Index, ids[i], d)
			}
			if d.Kind == "objection" && strings.Count(d.Text, "\n") != 2 {
				t.Errorf("objection %s should carry text, handling and result: %q", ids[i], d.Text)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
