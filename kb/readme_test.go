package kb_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// TestReadmeQuotesExampleEmbed holds README.md's "Embedding it in Go" code
// block equal to the body of Example_embed (up to its Output comment), so
// the snippet a reader copies is the one that compiles and runs here.
func TestReadmeQuotesExampleEmbed(t *testing.T) {
	want := exampleBody(t, "example_embed_test.go", "Example_embed")
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	got, ok := codeBlockAfter(string(readme), "## Embedding it in Go", "```go")
	if !ok {
		t.Fatal(`README.md has no go code block under "## Embedding it in Go"`)
	}
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("README.md's snippet differs from Example_embed at line %d:\nREADME:  %q\nExample: %q\n(paste the body of Example_embed, one tab less, into README.md)", i+1, g, w)
			}
		}
	}
}

// exampleBody returns the source of function name's body in file, without
// its braces, its Output comment and one level of indentation.
func exampleBody(t *testing.T, file, name string) string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != name {
			continue
		}
		start, end := fset.Position(fn.Body.Lbrace).Offset+1, fset.Position(fn.Body.Rbrace).Offset
		body := string(src[start:end])
		if i := strings.Index(body, "\t// Output:"); i >= 0 {
			body = body[:i]
		}
		lines := strings.Split(strings.Trim(body, "\n"), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimPrefix(l, "\t")
		}
		return strings.TrimRight(strings.Join(lines, "\n"), "\n")
	}
	t.Fatalf("%s has no function %s", file, name)
	return ""
}

// codeBlockAfter returns the first fenced block opened by fence after the
// line heading in doc, without its fences.
func codeBlockAfter(doc, heading, fence string) (string, bool) {
	_, rest, ok := strings.Cut(doc, "\n"+heading+"\n")
	if !ok {
		return "", false
	}
	_, rest, ok = strings.Cut(rest, "\n"+fence+"\n")
	if !ok {
		return "", false
	}
	block, _, ok := strings.Cut(rest, "\n```\n")
	return block, ok
}
