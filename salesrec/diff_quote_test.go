package salesrec

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// stdQuote is what encoding/json writes for s with HTML escaping off: the
// bytes encodeLeaf must match.
func stdQuote(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

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
		if got, want := quoteJSON(s), stdQuote(t, s); got != want {
			t.Errorf("quoteJSON(%q) = %s, encoding/json writes %s", s, got, want)
		}
	}
}

// FuzzQuoteJSON: for any string, valid UTF-8 or not, encodeLeaf writes the
// very bytes encoding/json writes. Reading both back and comparing the
// values would let through a different escape of the same character, and
// a history entry recorded before the fast path would then differ from
// one recorded after it.
func FuzzQuoteJSON(f *testing.F) {
	for _, s := range []string{"价格\"偏高\"\\\n", "\x7f\u2028\u2029", "\xff\xfe", "a\xc3", "<&>", "\x00\x1f", "\ufffd", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := encodeLeaf(s)
		if err != nil {
			t.Fatal(err)
		}
		if want := stdQuote(t, s); got != want {
			t.Fatalf("encodeLeaf(%q) = %s, encoding/json writes %s", s, got, want)
		}
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendQuoted(nil, s, true); !bytes.Equal(got, want) {
			t.Fatalf("appendQuoted(%q, html) = %s, json.Marshal writes %s", s, got, want)
		}
	})
}

// MarshalChanges writes the history column a store keeps: it must be
// json.Marshal's bytes, or entries written before and after it would
// differ for the same change.
func TestMarshalChangesMatchesEncodingJSON(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x80; r++ {
		all.WriteRune(r)
	}
	odd := []string{"", `"quoted"`, `\`, "<b>&amp;</b>", "\xff\xfe坏", "line\u2028\u2029", "\b\f\n\r\t\x00\x1f\x7f", all.String(), "价格偏高", "😀"}
	changes := []FieldChange{}
	for i, s := range odd {
		changes = append(changes, FieldChange{Field: s, Before: odd[(i+1)%len(odd)], After: odd[(i+2)%len(odd)]})
	}
	for _, cs := range [][]FieldChange{{}, changes[:1], changes} {
		want, err := json.Marshal(cs)
		if err != nil {
			t.Fatal(err)
		}
		if got := MarshalChanges(cs); !bytes.Equal(got, want) {
			t.Errorf("MarshalChanges = %s\njson.Marshal  = %s", got, want)
		}
	}
	if got := string(MarshalChanges(nil)); got != "[]" {
		t.Errorf("MarshalChanges(nil) = %s, want []", got)
	}
}

// A create entry written from the document quotes keys that need escaping
// as json.Marshal does (an engagement's keys never do; a map's may).
func TestCreateEntryQuotesOddKeys(t *testing.T) {
	v := map[string]any{"<b>": 1, `a"b`: "x", "k\u2028": []string{"&"}, "价格": true, "plain": map[string]int{}}
	changes, err := createChanges(v)
	if err != nil {
		t.Fatal(err)
	}
	_, entry, err := marshalWithCreateEntry(v)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := json.Marshal(changes); !bytes.Equal(entry, want) {
		t.Errorf("create entry\n%s\nwant\n%s", entry, want)
	}
}
