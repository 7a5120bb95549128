package storage

import (
	"errors"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// FuzzDecodeCustomerCursor: any text given as a directory cursor is read
// without a panic; what decodes survives encodeCustomerCursor, and the
// rest is ErrInvalid.
func FuzzDecodeCustomerCursor(f *testing.F) {
	for _, s := range []string{"", encodeCustomerCursor("上海星辰制造有限公司", "c1"), encodeCustomerCursor("a\x01", "x.y"),
		"!!!", "AGMx", "YQA", "\x00", "-_-_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, id, err := decodeCustomerCursor(s)
		if err != nil {
			if !errors.Is(err, salesrec.ErrInvalid) {
				t.Fatalf("decodeCustomerCursor(%q): %v does not wrap ErrInvalid", s, err)
			}
			return
		}
		if name == "" || salesrec.CheckID("after", id) != nil {
			t.Fatalf("decodeCustomerCursor(%q) accepted name %q, id %q", s, name, id)
		}
		if n2, id2, err := decodeCustomerCursor(encodeCustomerCursor(name, id)); err != nil || n2 != name || id2 != id {
			t.Fatalf("decodeCustomerCursor(%q) = %q %q does not survive encoding: %q %q, %v", s, name, id, n2, id2, err)
		}
	})
}

func TestEscapeLike(t *testing.T) {
	for in, want := range map[string]string{`100%`: `100\%`, `a_b`: `a\_b`, `c:\d`: `c:\\d`, `上海`: `上海`, `%_\`: `\%\_\\`} {
		if got := escapeLike(in); got != want {
			t.Errorf("escapeLike(%q) = %q, want %q", in, got, want)
		}
	}
}
