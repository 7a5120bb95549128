package storage

import (
	"errors"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// FuzzDecodeCursor: any text given as a page cursor is read without a
// panic; what decodes survives encodeCursor, and the rest is ErrInvalid.
func FuzzDecodeCursor(f *testing.F) {
	for _, s := range []string{"", encodeCursor(1712900000000000, "e1"), encodeCursor(-5, "a.b"), "!!!", "MTIz",
		"MTIzLg", "LmUx", "eC5lMQ", "MTIzLmUx=", "\x00", "-_-_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		at, id, err := decodeCursor(s)
		if err != nil {
			if !errors.Is(err, salesrec.ErrInvalid) {
				t.Fatalf("decodeCursor(%q): %v does not wrap ErrInvalid", s, err)
			}
			return
		}
		if id == "" {
			t.Fatalf("decodeCursor(%q) accepted an empty id", s)
		}
		if at2, id2, err := decodeCursor(encodeCursor(at, id)); err != nil || at2 != at || id2 != id {
			t.Fatalf("decodeCursor(%q) = %d %q does not survive encodeCursor: %d %q, %v", s, at, id, at2, id2, err)
		}
	})
}

// FuzzEncodeCursor: the (updated_at, id) of any last item comes back from
// its cursor, whatever the id holds (dots included).
func FuzzEncodeCursor(f *testing.F) {
	f.Add(int64(1712900000000000), "e1")
	f.Add(int64(-1), "a.b.c")
	f.Add(int64(0), "客户-1")
	f.Fuzz(func(t *testing.T, at int64, id string) {
		if id == "" {
			return // a stored engagement always has an id
		}
		c := encodeCursor(at, id)
		at2, id2, err := decodeCursor(c)
		if err != nil || at2 != at || id2 != id {
			t.Fatalf("decodeCursor(encodeCursor(%d, %q)) = %d %q, %v", at, id, at2, id2, err)
		}
	})
}
