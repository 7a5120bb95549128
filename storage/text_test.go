package storage

import (
	"errors"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
)

func TestCheckStringsNamesEveryBadField(t *testing.T) {
	e := salesrec.Engagement{
		Goal: "ok",
		Interactions: []salesrec.Interaction{{
			Topic:  "bad\x00",
			Points: []salesrec.Point{{Text: "fine"}, {Handling: "bad\xff"}},
		}},
		Proposal: &salesrec.Proposal{Summary: "\x00"},
	}
	err := checkStrings(e)
	var ve *salesrec.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, salesrec.ErrInvalid) {
		t.Fatalf("checkStrings: %v, want a *ValidationError", err)
	}
	for _, f := range []string{"interactions[0].topic", "interactions[0].points[1].handling", "proposal.summary"} {
		if _, ok := ve.Fields[f]; !ok {
			t.Errorf("%s not named in %v", f, ve.Fields)
		}
	}
	if len(ve.Fields) != 3 {
		t.Errorf("fields %v, want exactly 3", ve.Fields)
	}
	if err := checkStrings(salesrec.Engagement{Goal: `O'Brien "100%_\ "; --`}); err != nil {
		t.Errorf("clean text refused: %v", err)
	}
}

func TestCursorRoundTrip(t *testing.T) {
	c := encodeCursor(1767225600000000, "abc.def")
	at, id, err := decodeCursor(c)
	if err != nil || at != 1767225600000000 || id != "abc.def" {
		t.Fatalf("decodeCursor(encodeCursor) = %d %q %v", at, id, err)
	}
	for _, bad := range []string{"!!", "bm90LWEtY3Vyc29y", encodeCursor(1, "")} {
		if _, _, err := decodeCursor(bad); !errors.Is(err, salesrec.ErrInvalid) {
			t.Errorf("decodeCursor(%q): %v, want ErrInvalid", bad, err)
		}
	}
}

func BenchmarkCheckStrings(b *testing.B) {
	g := salesrectest.New(7)
	team := g.Team()
	e := g.Engagement(team, g.Members(team, 6), g.Customer(team))
	for b.Loop() {
		if err := checkStrings(e); err != nil {
			b.Fatal(err)
		}
	}
}
