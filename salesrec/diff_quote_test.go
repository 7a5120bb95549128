package salesrec

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// quoteJSON is a fast path of encodeLeaf; it must write exactly what
// encoding/json writes with HTML escaping off, or history entries recorded
// before and after it would differ for the same value.
func TestQuoteJSONMatchesEncodingJSON(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x80; r++ {
		all.WriteRune(r)
	}
	for _, s := range []string{
		"", "plain", `quote " and backslash \`, "tab\tnew\nline\rcr", "\b\f\x00\x1f\x7f",
		"<html> & 'single'", "价格偏高,超出50万预算", "line\u2028para\u2029end", "emoji 😀", all.String(),
	} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(b.String(), "\n")
		if got := quoteJSON(s); got != want {
			t.Errorf("quoteJSON(%q) = %s, encoding/json writes %s", s, got, want)
		}
	}
}

func FuzzQuoteJSON(f *testing.F) {
	f.Add("价格\"偏高\"\\\n")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := encodeLeaf(s)
		if err != nil {
			t.Fatal(err)
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Fatalf("encodeLeaf(%q) = %s is not JSON: %v", s, got, err)
		}
		ref, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var want string
		if err := json.Unmarshal(ref, &want); err != nil {
			t.Fatal(err)
		}
		if back != want {
			t.Fatalf("encodeLeaf(%q) = %s reads back as %q", s, got, back)
		}
	})
}
