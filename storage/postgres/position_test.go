package postgres

import (
	"cmp"
	"errors"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// FuzzParsePos: any text given as a feed position is read without a panic;
// what parses survives formatPos, and the rest is ErrInvalid.
func FuzzParsePos(f *testing.F) {
	for _, s := range []string{"", "0.0", formatPos(42, 7), "1", ".", "1.", ".1", "1.-1", "-1.1", "1.2.3",
		"18446744073709551615.9223372036854775807", "18446744073709551616.0", " 1.1", "+1.+1", "x.y", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		xid, seq, err := parsePos(s)
		if err != nil {
			if !errors.Is(err, salesrec.ErrInvalid) {
				t.Fatalf("parsePos(%q): %v does not wrap ErrInvalid", s, err)
			}
			return
		}
		if seq < 0 || (s == "" && (xid != 0 || seq != 0)) {
			t.Fatalf("parsePos(%q) = %d.%d", s, xid, seq)
		}
		if x2, s2, err := parsePos(formatPos(xid, seq)); err != nil || x2 != xid || s2 != seq {
			t.Fatalf("parsePos(%q) = %d.%d does not survive formatPos: %d.%d, %v", s, xid, seq, x2, s2, err)
		}
	})
}

// FuzzFormatPos: every (xid, seq) comes back from its position, and
// positions sort as text in the order of the pairs (kb and hosts may
// compare them as strings).
func FuzzFormatPos(f *testing.F) {
	f.Add(uint64(0), int64(0), uint64(0), int64(1))
	f.Add(uint64(9), int64(99), uint64(10), int64(0))
	f.Add(uint64(18446744073709551615), int64(9223372036854775807), uint64(1), int64(1))
	f.Fuzz(func(t *testing.T, xa uint64, sa int64, xb uint64, sb int64) {
		sa, sb = natural(sa), natural(sb) // seq is never negative
		pa, pb := formatPos(xa, sa), formatPos(xb, sb)
		if x, s, err := parsePos(pa); err != nil || x != xa || s != sa {
			t.Fatalf("parsePos(formatPos(%d, %d)) = %d, %d, %v", xa, sa, x, s, err)
		}
		num := cmp.Or(cmp.Compare(xa, xb), cmp.Compare(sa, sb))
		if text := strings.Compare(pa, pb); text != num {
			t.Fatalf("%q vs %q compare %d as text, %d as pairs", pa, pb, text, num)
		}
	})
}

// natural maps any int64 onto the non-negative ones.
func natural(n int64) int64 {
	if n < 0 {
		return -(n + 1)
	}
	return n
}
