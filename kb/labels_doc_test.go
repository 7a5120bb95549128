package kb_test

import (
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
)

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
	kb.CheckGeneratedDoc(t, "../docs/template.md", "kb labels", kbLabelTable())
}
