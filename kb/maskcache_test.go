package kb

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/kb/kbtest"
	"github.com/dealtrail/dealtrail/salesrec"
)

// The mask cache keeps at most its bound of identities over all teams: a
// host of many teams does not keep a masker per team. A team dropped to
// make room is read again when it is needed, and masks as before.
func TestMaskCacheIsBounded(t *testing.T) {
	src := kbtest.New(salesrec.FixedClock(testNow))
	const teams, perTeam = 12, 3 // each customer holds a name and a short name
	for i := range teams {
		team := "t" + strconv.Itoa(i)
		for j := range perTeam {
			src.PutCustomer(salesrec.Customer{
				ID: team + "-c" + strconv.Itoa(j), TeamID: team,
				Name: "客户" + team + "号" + strconv.Itoa(j) + "有限公司", ShortNames: []string{"简" + team + "x" + strconv.Itoa(j)},
				Kind: salesrec.CustomerNew, Industry: "制造业",
			})
		}
	}
	ctx := context.Background()
	c := maskCache{limit: 4 * perTeam * 2} // room for four teams
	for round := range 2 {
		for i := range teams {
			team := "t" + strconv.Itoa(i)
			m, err := c.forTeam(ctx, src, team)
			if err != nil {
				t.Fatal(err)
			}
			if c.held > c.limit {
				t.Fatalf("round %d, team %s: the cache holds %d identities, bound %d", round, team, c.held, c.limit)
			}
			if c.teams[team] == nil {
				t.Fatalf("round %d: the masker just loaded for %s is not cached", round, team)
			}
			text := "和简" + team + "x1谈了报价"
			if got := m.mask(text); strings.Contains(got, "简"+team+"x1") {
				t.Errorf("round %d: %s's masker left its short name in %q", round, team, got)
			}
			held := 0
			for _, tm := range c.teams {
				held += len(tm.has)
			}
			if held != c.held {
				t.Fatalf("the cache counts %d identities, its maskers hold %d", c.held, held)
			}
		}
	}
	if len(c.teams) > 4 {
		t.Errorf("%d teams cached, room for 4", len(c.teams))
	}
	c.forget("t11")
	c.clear()
	if c.held != 0 || len(c.teams) != 0 {
		t.Errorf("after clear: %d identities in %d teams", c.held, len(c.teams))
	}
}

// seqSource records identities with the given numbers only.
type seqSource struct {
	Source
	seqs  []int64 // ascending
	reads int
	back  bool // answers with a number not after the one asked for
}

func (s *seqSource) IdentitiesAfter(ctx context.Context, after int64, limit int) ([]salesrec.Identity, error) {
	s.reads++
	for _, q := range s.seqs {
		if q > after {
			if s.back {
				q = after
			}
			return []salesrec.Identity{{Seq: q, TeamID: "t1", Kind: salesrec.IdentityName, Value: "x"}}, nil
		}
	}
	return nil, nil
}

// identityHead finds the last identity with a few reads, whatever the
// numbers recorded, and refuses a source that does not move forward.
func TestIdentityHead(t *testing.T) {
	ctx := context.Background()
	for _, seqs := range [][]int64{nil, {1}, {2}, {1, 2, 3}, {3, 7, 1000, 1001, 5_000_000}, {1 << 40}, {5, 1<<62 + 3}} {
		src := &seqSource{Source: kbtest.New(salesrec.FixedClock(testNow)), seqs: seqs}
		x := &Index{src: src}
		got, err := x.identityHead(ctx, 0)
		if err != nil {
			t.Fatalf("%v: %v", seqs, err)
		}
		want := int64(0)
		if len(seqs) > 0 {
			want = seqs[len(seqs)-1]
		}
		if got != want {
			t.Errorf("identityHead of %v = %d, want %d", seqs, got, want)
		}
		if src.reads > 130 {
			t.Errorf("identityHead of %v took %d reads", seqs, src.reads)
		}
		// From the head itself it is one read, and from any recorded
		// identity it ends at the same head.
		for _, from := range seqs {
			src.reads = 0
			got, err := x.identityHead(ctx, from)
			if err != nil || got != want {
				t.Errorf("identityHead of %v from %d = %d, %v; want %d", seqs, from, got, err, want)
			}
			if from == want && src.reads != 1 {
				t.Errorf("identityHead of %v from its head took %d reads, want 1", seqs, src.reads)
			}
		}
	}
	src := &seqSource{Source: kbtest.New(salesrec.FixedClock(testNow)), seqs: []int64{4, 9}, back: true}
	if _, err := (&Index{src: src}).identityHead(ctx, 0); err == nil {
		t.Error("identityHead accepted a source that went backwards")
	}
}
