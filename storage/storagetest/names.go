package storagetest

import (
	"fmt"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// testCustomerNamesBatches asks CustomerNames for lists of every length
// around the statement sizes the store prepares (10, 25, 100, 500): a list
// is padded by repeating its last id, which must neither add a name nor
// lose one, whether that id is one the actor may read, one of another
// team or one that names nothing. Duplicates in the list are answered
// once; a list past 500 ids is refused.
func testCustomerNamesBatches(t *testing.T, w *world) {
	mine := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	theirs := w.create(t, w.rep2, w.engagement(w.rep2, w.custA2, w.today(3)))
	teamB := w.create(t, w.repB, w.engagement(w.repB, w.custB, w.today(3)))
	want := map[string]string{mine.ID: w.custA1.Name}
	for _, n := range []int{1, 2, 9, 10, 11, 24, 25, 26, 99, 100, 101, 499, 500} {
		for _, last := range []string{mine.ID, theirs.ID, teamB.ID, "no-such-engagement"} {
			ids := make([]string, n)
			for i := range ids {
				ids[i] = []string{theirs.ID, teamB.ID, fmt.Sprintf("missing-%d", i), mine.ID}[i%4]
			}
			ids[n-1] = last
			got, err := w.s.CustomerNames(w.ctx, w.rep1.ID, ids)
			if err != nil {
				t.Fatalf("%d ids ending in %s: %v", n, last, err)
			}
			expect := map[string]string{}
			for _, id := range ids {
				if name, ok := want[id]; ok {
					expect[id] = name
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(expect) {
				t.Errorf("%d ids ending in %s: names %v, want %v", n, last, got, expect)
			}
		}
	}
	tooMany := make([]string, 501)
	for i := range tooMany {
		tooMany[i] = mine.ID
	}
	_, err := w.s.CustomerNames(w.ctx, w.rep1.ID, tooMany)
	wantErr(t, err, salesrec.ErrInvalid, "501 ids")
}
