package kb_test

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
)

var updateDocs = flag.Bool("update", false, "rewrite the generated tables of docs/template.md")

// kbLabelTable is the label table of kb's kinds and facets, as
// docs/template.md shows it.
func kbLabelTable() string {
	var b strings.Builder
	b.WriteString("| what | code | zh | en |\n|---|---|---|---|\n")
	for _, k := range kb.Kinds() {
		b.WriteString("| kb.Kind | `" + string(k) + "` | " + k.Label(salesrec.ZH) + " | " + k.Label(salesrec.EN) + " |\n")
	}
	for _, f := range []string{kb.FacetOutcome, kb.FacetReasonCategory, kb.FacetIndustry, kb.FacetKind} {
		b.WriteString("| facet | `" + f + "` | " + kb.FacetLabel(f, salesrec.ZH) + " | " + kb.FacetLabel(f, salesrec.EN) + " |\n")
	}
	return b.String()
}

// TestTemplateDocKBLabelTable keeps the kb label table of docs/template.md
// exactly what the code says. Run with -update to rewrite it.
func TestTemplateDocKBLabelTable(t *testing.T) {
	const path, name = "../docs/template.md", "kb labels"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, want := string(b), kbLabelTable()
	begin, end := "<!-- begin generated: "+name+" -->\n", "<!-- end generated: "+name+" -->"
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the markers %q … %q", path, begin, end)
	}
	if got := doc[i+len(begin) : j]; got != want {
		if *updateDocs {
			if err := os.WriteFile(path, []byte(doc[:i+len(begin)]+want+doc[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s's %q table differs from the code; run go test -run %s -update.\ngot:\n%s\nwant:\n%s", path, name, t.Name(), got, want)
	}
}
