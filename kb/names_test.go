package kb

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/dealtrail/dealtrail/kb/kbtest"
	"github.com/dealtrail/dealtrail/salesrec"
)

// nameReadCounter counts the reads Search makes to name customers.
type nameReadCounter struct {
	*kbtest.Source
	engagementReads, namerCalls atomic.Int64
}

func (s *nameReadCounter) Engagement(ctx context.Context, actor, id string) (salesrec.Engagement, error) {
	s.engagementReads.Add(1)
	return s.Source.Engagement(ctx, actor, id)
}

func (s *nameReadCounter) CustomerNames(ctx context.Context, actor string, customerOf map[string]string) (map[string]string, error) {
	s.namerCalls.Add(1)
	return s.Source.CustomerNames(ctx, actor, customerOf)
}

// perHit hides CustomerNames so Search falls back to per-hit reads.
type perHit struct{ Source }

// TestCustomerNamesInOneRead requires Search to name the customers of a
// page with one CustomerNames call when the source offers it, and the
// names (and their absence for actors who may not read an engagement) to
// equal what per-hit reads give.
func TestCustomerNamesInOneRead(t *testing.T) {
	f, _ := teamsFixture(t)
	counting := &nameReadCounter{Source: f.src}
	batched, err := Open(t.TempDir(), counting, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer batched.Close()
	single, err := Open(t.TempDir(), perHit{f.src}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer single.Close()
	ctx := context.Background()
	for _, x := range []*Index{batched, single} {
		if err := x.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for _, actor := range []string{"m1", "r1", "r2", "m2"} {
		counting.engagementReads.Store(0)
		counting.namerCalls.Store(0)
		q := Query{PageSize: 100}
		got, err := batched.Search(ctx, actor, q)
		if err != nil {
			t.Fatal(err)
		}
		want, err := single.Search(ctx, actor, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Hits) < 2 {
			t.Fatalf("%s: %d hits; the test needs several", actor, len(got.Hits))
		}
		if n := counting.namerCalls.Load(); n != 1 {
			t.Errorf("%s: %d CustomerNames calls for one page, want 1", actor, n)
		}
		if n := counting.engagementReads.Load(); n != 0 {
			t.Errorf("%s: %d Engagement reads beside CustomerNames, want 0", actor, n)
		}
		if g, w := names(got), names(want); g != w {
			t.Errorf("%s: names\n got %s\nwant %s", actor, g, w)
		}
	}
}

func names(r Result) string {
	var s string
	for _, h := range r.Hits {
		s += fmt.Sprintf("%s=%q ", h.ID, h.CustomerName)
	}
	return s
}
