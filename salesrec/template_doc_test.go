package salesrec

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update", false, "rewrite the generated tables of docs/template.md")

// docEnums are the enums of this package in the order docs/template.md
// lists them.
var docEnums = []struct {
	name  string
	table enumTable
}{
	{"Role", roles}, {"CustomerKind", customerKinds}, {"Stage", stages}, {"Status", statuses},
	{"Method", methods}, {"PlaceMode", placeModes}, {"Speaker", speakers}, {"PointKind", pointKinds},
	{"Subject", subjects}, {"NeedClass", needClasses}, {"Priority", priorities},
	{"ActionStatus", actionStatuses}, {"ReasonCategory", reasonCategories},
	{"LessonKind", lessonKinds}, {"Collaboration", collaborations}, {"Op", ops},
}

// enumDocTable is the label table of every enum, as docs/template.md
// shows it.
func enumDocTable() string {
	var b strings.Builder
	b.WriteString("| enum (Go type) | code | zh | en | also |\n|---|---|---|---|---|\n")
	for _, e := range docEnums {
		for _, l := range e.table.labels {
			b.WriteString(docRow(e.name, "`"+l.code+"`", l.zh, l.en, strings.Join(l.alt, ", ")))
		}
		if e.name == "ActionStatus" {
			b.WriteString(docRow("(derived)", "`"+DisplayOverdue+"`", OverdueLabel(ZH), OverdueLabel(EN), "not stored; `Action.Display`"))
		}
	}
	return b.String()
}

// docRow is one row of a Markdown table; an empty cell is "| |".
func docRow(cells ...string) string {
	var b strings.Builder
	for _, c := range cells {
		b.WriteString("|")
		if c != "" {
			b.WriteString(" " + c)
		}
		b.WriteString(" ")
	}
	return b.String() + "|\n"
}

// TestTemplateDocEnumTable keeps docs/template.md true: its label table is
// exactly what the code says, row for row. Run with -update to rewrite it
// after changing a label.
func TestTemplateDocEnumTable(t *testing.T) {
	checkGeneratedDoc(t, "../docs/template.md", "salesrec enums", enumDocTable(), *updateDocs)
}

// checkGeneratedDoc compares the text between the markers
// <!-- begin generated: name --> and <!-- end generated: name --> of the
// file at path with want, or writes want there when update is set.
func checkGeneratedDoc(t *testing.T, path, name, want string, update bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	doc := string(b)
	begin, end := "<!-- begin generated: "+name+" -->\n", "<!-- end generated: "+name+" -->"
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the markers %q … %q", path, begin, end)
	}
	got := doc[i+len(begin) : j]
	if got == want {
		return
	}
	if update {
		if err := os.WriteFile(path, []byte(doc[:i+len(begin)]+want+doc[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s's table %q differs from the code; run go test -run %s -update.\ngot:\n%s\nwant:\n%s", path, name, t.Name(), got, want)
}
