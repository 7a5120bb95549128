package kb

import (
	"strconv"
	"strings"
	"testing"
)

// unescape inverts escapeID; that it exists and round-trips proves escapeID
// injective.
func unescape(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			t.Fatalf("unescape %q: %v", s, err)
		}
		b.WriteByte(byte(v))
		i += 2
	}
	return b.String()
}

// derivedIDs are the document ids an engagement can have, one of each kind.
func derivedIDs(engagementID string) []string {
	p := docPrefix(engagementID)
	return []string{p + "lesson/0", p + "reason", p + "objection/0/1"}
}

// FuzzDocumentIDs checks, for any two engagement ids, what the namespaces
// promise: derived and internal ids never meet, and two engagements share
// no id of either kind.
func FuzzDocumentIDs(f *testing.F) {
	for _, pair := range [][2]string{
		{"x/reason", "_state/x"},
		{"x", "_state/x"},
		{"e1", "e1/lesson/0\nz"},
		{"a/b", "a%2Fb"},
		{"", "/"},
		{"~state/e1", "e1"},
		{"9e15f4e1b5acb8b22fc41f57ff7a0725", "客户1"},
		{"a\xff", "a%FF"},
	} {
		f.Add(pair[0], pair[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, id := range []string{a, b} {
			if got := unescape(t, escapeID(id)); got != id {
				t.Fatalf("escapeID(%q) = %q does not round-trip (%q)", id, escapeID(id), got)
			}
			if strings.ContainsAny(escapeID(id), "/~") {
				t.Fatalf("escapeID(%q) = %q holds a separator", id, escapeID(id))
			}
			for _, d := range derivedIDs(id) {
				if strings.HasPrefix(d, internalPrefix) {
					t.Fatalf("derived id %q of %q is in the internal namespace", d, id)
				}
			}
			if !strings.HasPrefix(stateID(id), internalPrefix) {
				t.Fatalf("state id %q of %q is not internal", stateID(id), id)
			}
		}
		if a == b {
			return
		}
		if stateID(a) == stateID(b) {
			t.Fatalf("%q and %q share the state id %q", a, b, stateID(a))
		}
		for _, da := range derivedIDs(a) {
			for _, db := range derivedIDs(b) {
				if da == db {
					t.Fatalf("%q and %q share the document id %q", a, b, da)
				}
			}
			if strings.HasPrefix(da, docPrefix(b)) {
				t.Fatalf("document %q of %q passes for one of %q", da, a, b)
			}
		}
	})
}

func TestIDsFollowingTheRuleAreNotEscaped(t *testing.T) {
	for _, id := range []string{"e1", "9e15f4e1b5acb8b22fc41f57ff7a0725", "3f2c1a9e-7b4d-4c1e-9a2b-1c3d5e7f9a0b", "crm.lead_42"} {
		if got := derivedIDs(id)[0]; got != id+"/lesson/0" {
			t.Errorf("document id of %q = %q, want %q", id, got, id+"/lesson/0")
		}
	}
}
