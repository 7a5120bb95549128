package salesrec_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
)

// TestCreateChangesMatchesDecodedDocument: the leaves history records are
// those of the engagement's JSON document decoded by encoding/json and
// flattened key by key (the reference below), for generated engagements
// and for text that needs escaping: quotes, backslashes, control
// characters, HTML characters, U+2028, invalid UTF-8, empty values.
func TestCreateChangesMatchesDecodedDocument(t *testing.T) {
	g := salesrectest.New(11)
	team := g.Team()
	members := g.Members(team, 6)
	tricky := []string{
		`他说"马上签"`, `C:\报价\v2`, "第一行\n第二行\t制表\r", "<b>&amp;</b>", "line\u2028sep\u2029",
		"\xff\xfe坏字节", "", "\x01\x1f", `\u00e9`, "emoji 🚀",
	}
	for i := 0; i < 300; i++ {
		e := g.Engagement(team, members, g.Customer(team))
		if i < len(tricky) {
			e.Goal = tricky[i]
			e.ReopenReason = tricky[(i+3)%len(tricky)]
			if len(e.Interactions) > 0 {
				e.Interactions[0].Topic = tricky[(i+5)%len(tricky)]
			}
		}
		if i%7 == 0 {
			e.Interactions, e.Needs, e.Actions = []salesrec.Interaction{}, nil, []salesrec.Action{}
		}
		got, err := salesrec.CreateChanges(e)
		if err != nil {
			t.Fatal(err)
		}
		want := referenceCreateChanges(t, e)
		doc, entry, err := salesrec.MarshalWithCreateEntry(e)
		if err != nil {
			t.Fatal(err)
		}
		if wantDoc, _ := json.Marshal(e); !bytes.Equal(doc, wantDoc) {
			t.Fatalf("engagement %d: MarshalWithCreateEntry's document is not json.Marshal's", i)
		}
		if wantEntry, _ := json.Marshal(want); !bytes.Equal(entry, wantEntry) {
			t.Fatalf("engagement %d: create entry\n%s\nwant\n%s", i, entry, wantEntry)
		}
		if !slices.Equal(got, want) {
			for j := range min(len(got), len(want)) {
				if got[j] != want[j] {
					t.Fatalf("engagement %d, change %d: %+v, want %+v", i, j, got[j], want[j])
				}
			}
			t.Fatalf("engagement %d: %d changes, want %d", i, len(got), len(want))
		}
	}
}

// referenceCreateChanges decodes e's JSON into maps and slices and
// flattens it, keys in byte order.
func referenceCreateChanges(t *testing.T, e salesrec.Engagement) []salesrec.FieldChange {
	t.Helper()
	raw, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	var out []salesrec.FieldChange
	var walk func(path string, v any)
	walk = func(path string, v any) {
		add := func(value string) {
			out = append(out, salesrec.FieldChange{Field: path, Before: "null", After: value})
		}
		join := func(k string) string {
			if path == "" {
				return k
			}
			return path + "." + k
		}
		switch x := v.(type) {
		case nil:
		case map[string]any:
			if len(x) == 0 {
				add("{}")
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(join(k), x[k])
			}
		case []any:
			if len(x) == 0 {
				add("[]")
			}
			for i, c := range x {
				walk(path+"["+strconv.Itoa(i)+"]", c)
			}
		case json.Number:
			add(string(x))
		case bool:
			add(strconv.FormatBool(x))
		default:
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(x); err != nil {
				t.Fatal(err)
			}
			add(string(bytes.TrimSuffix(b.Bytes(), []byte("\n"))))
		}
	}
	walk("", doc)
	return out
}
