package kbtest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// FuzzReadFeed: any text given as a feed position is read without a panic,
// and is ErrInvalid unless it is a position; every position the feed
// returned reads back the changes after it.
func FuzzReadFeed(f *testing.F) {
	for _, s := range []string{"", "000000000001", "3", "4", "99", "-1", "-9999999999", "+2", "1.5", " 1", "x", "\x00",
		"9223372036854775807", "9223372036854775808"} {
		f.Add(s, 2)
	}
	f.Add("1", 0)
	f.Add("1", -1)
	src := New(salesrec.FixedClock(time.Date(2024, 4, 12, 10, 0, 0, 0, time.UTC)))
	for _, id := range []string{"e1", "e2", "e1"} {
		src.Put(salesrec.Engagement{ID: id, TeamID: "t1"})
	}
	ctx := context.Background()
	all, err := src.ReadFeed(ctx, "", 100)
	if err != nil || len(all) != 3 {
		f.Fatalf("ReadFeed from the start = %d changes, %v; want 3", len(all), err)
	}
	f.Fuzz(func(t *testing.T, after string, limit int) {
		limit = max(limit, 1)
		got, err := src.ReadFeed(ctx, after, limit)
		if err != nil {
			if !errors.Is(err, salesrec.ErrInvalid) {
				t.Fatalf("ReadFeed(%q): %v does not wrap ErrInvalid", after, err)
			}
			return
		}
		if len(got) > limit {
			t.Fatalf("ReadFeed(%q, %d) returned %d changes", after, limit, len(got))
		}
		for i, c := range got {
			// What follows a position read back from the feed is the
			// feed after it.
			rest, err := src.ReadFeed(ctx, c.Pos, 100)
			if err != nil {
				t.Fatalf("ReadFeed(%q), a position the feed returned: %v", c.Pos, err)
			}
			k := 0
			for k < len(all) && all[k].Pos != c.Pos {
				k++
			}
			if k == len(all) || len(rest) != len(all)-k-1 {
				t.Fatalf("after %q (change %d of ReadFeed(%q)) the feed has %d changes, want %d", c.Pos, i, after, len(rest), len(all)-k-1)
			}
		}
	})
}
