package sqlite

import (
	"cmp"
	"errors"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// FuzzParsePos: any text given as a feed position is read without a panic,
// and anything but a position formatPos could write ("" or a non-negative
// sequence number) is ErrInvalid.
func FuzzParsePos(f *testing.F) {
	for _, s := range []string{"", "0", "00000000000000000042", "-1", "+7", "1.5", " 1", "9223372036854775807",
		"9223372036854775808", "00000000000000000001.00000000000000000002", "x", "\x00", "１２"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parsePos(s)
		if err != nil {
			if !errors.Is(err, salesrec.ErrInvalid) {
				t.Fatalf("parsePos(%q): %v does not wrap ErrInvalid", s, err)
			}
			return
		}
		if n < 0 || (s == "" && n != 0) {
			t.Fatalf("parsePos(%q) = %d", s, n)
		}
		if back, err := parsePos(formatPos(n)); err != nil || back != n {
			t.Fatalf("parsePos(%q) = %d does not survive formatPos: %d, %v", s, n, back, err)
		}
	})
}

// FuzzFormatPos: every sequence number the feed holds comes back from its
// position, and positions sort as text in the order of their numbers (kb
// and hosts may compare them as strings).
func FuzzFormatPos(f *testing.F) {
	f.Add(int64(0), int64(1))
	f.Add(int64(9), int64(10))
	f.Add(int64(99999), int64(9223372036854775807))
	f.Fuzz(func(t *testing.T, a, b int64) {
		a, b = natural(a), natural(b) // sequence numbers are never negative
		pa, pb := formatPos(a), formatPos(b)
		if got, err := parsePos(pa); err != nil || got != a {
			t.Fatalf("parsePos(formatPos(%d)) = %d, %v", a, got, err)
		}
		if text, num := strings.Compare(pa, pb), cmp.Compare(a, b); text != num {
			t.Fatalf("%q vs %q compare %d as text, %d as numbers", pa, pb, text, num)
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
