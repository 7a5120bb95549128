// Package examples_test checks the prose against the code: the Go
// identifiers README.md and docs/*.md name (`kb.ErrFormat`,
// `kb.Options.Synonyms`) and the tests they cite exist, and data-model.md's
// ops and id rule are salesrec's. It sits in examples because, like the
// examples, it knows every package of the module.
package examples_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// docPackages maps the package names the docs use to their directories.
var docPackages = map[string]string{
	"salesrec":      "salesrec",
	"salesrectest":  "salesrec/salesrectest",
	"storage":       "storage",
	"storagetest":   "storage/storagetest",
	"sqlite":        "storage/sqlite",
	"postgres":      "storage/postgres",
	"open":          "storage/open",
	"kb":            "kb",
	"kbtest":        "kb/kbtest",
	"lessonpage":    "kb/lessonpage",
	"dealtrailhttp": "examples/crmhttp/dealtrailhttp",
}

// TestDocsNameIdentifiersThatExist: every `pkg.Name` or `pkg.Type.Member`
// in a code span of README.md or docs/*.md names an exported declaration,
// method or field of that package.
func TestDocsNameIdentifiersThatExist(t *testing.T) {
	docs, err := filepath.Glob("../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, "../README.md")
	names := map[string]map[string]bool{}
	ref := regexp.MustCompile(`\b([a-z]+)\.([A-Z]\w*)(?:\.([A-Z]\w*))?`)
	span := regexp.MustCompile("`[^`\n]+`")
	checked := 0
	for _, doc := range docs {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range span.FindAllString(string(b), -1) {
			for _, m := range ref.FindAllStringSubmatch(s, -1) {
				dir, ok := docPackages[m[1]]
				if !ok {
					continue
				}
				if names[dir] == nil {
					names[dir] = exported(t, filepath.Join("..", dir))
				}
				name := m[2]
				if isTestName(name) {
					continue // a test, checked by TestDocsCiteTestsThatExist
				}
				if m[3] != "" {
					name += "." + m[3]
				}
				checked++
				if !names[dir][name] {
					t.Errorf("%s: %s names %s.%s, which package %s does not declare", filepath.Base(doc), s, m[1], name, dir)
				}
			}
		}
	}
	if checked < 50 {
		t.Errorf("checked %d references; the docs name more than that, so the scan lost some", checked)
	}
}

// exported returns the exported names the non-test files in dir declare:
// "Name" for top-level declarations, "Type.Name" for methods, struct
// fields and interface methods.
func exported(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					out[d.Name.Name] = true
					continue
				}
				out[recvName(d.Recv.List[0].Type)+"."+d.Name.Name] = true
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.ValueSpec:
						for _, n := range s.Names {
							out[n.Name] = true
						}
					case *ast.TypeSpec:
						out[s.Name.Name] = true
						members(out, s.Name.Name, s.Type)
					}
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no declarations under %s", dir)
	}
	return out
}

// members records the fields and interface methods of a type.
func members(out map[string]bool, typ string, e ast.Expr) {
	var list []*ast.Field
	switch e := e.(type) {
	case *ast.StructType:
		list = e.Fields.List
	case *ast.InterfaceType:
		list = e.Methods.List
	default:
		return
	}
	for _, f := range list {
		for _, n := range f.Names {
			out[typ+"."+n.Name] = true
		}
		if len(f.Names) == 0 { // embedded: its name is the type's
			out[typ+"."+recvName(f.Type)] = true
		}
	}
}

// recvName is the type name in a receiver or embedded field: T, *T, pkg.T.
func recvName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.SelectorExpr:
			return x.Sel.Name
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// TestDataModelListsEveryOp: docs/data-model.md names the value of every
// salesrec.Op constant (the history's ops and the feed's customer_update).
func TestDataModelListsEveryOp(t *testing.T) {
	b, err := os.ReadFile("../docs/data-model.md")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../salesrec/*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	n := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(node ast.Node) bool {
			s, ok := node.(*ast.ValueSpec)
			if !ok || s.Type == nil || recvName(s.Type) != "Op" {
				return true
			}
			for i, v := range s.Values {
				lit, ok := v.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				n++
				if op := strings.Trim(lit.Value, `"`); !strings.Contains(string(b), "`"+op+"`") {
					t.Errorf("docs/data-model.md does not name the op `%s` (salesrec.%s)", op, s.Names[i].Name)
				}
			}
			return true
		})
	}
	if n < 8 {
		t.Errorf("found %d salesrec.Op constants; the scan lost some", n)
	}
}

// TestDataModelStatesTheIDRule: docs/data-model.md's "Ids" section gives
// salesrec's length limit and quotes the message an id with a '/' gets.
func TestDataModelStatesTheIDRule(t *testing.T) {
	b, err := os.ReadFile("../docs/data-model.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n### Ids\n")
	if !ok {
		t.Fatal(`docs/data-model.md has no "### Ids" section`)
	}
	section, _, _ = strings.Cut(section, "\n#")
	if want := fmt.Sprintf("- 1 to %d characters;", salesrec.MaxIDLen); !strings.Contains(section, want) {
		t.Errorf("docs/data-model.md's id rule does not say %q", want)
	}
	var verr *salesrec.ValidationError
	if !errors.As(salesrec.CheckID("id", "e1/reason"), &verr) {
		t.Fatal("CheckID accepts an id with a '/'")
	}
	for _, lang := range []salesrec.Lang{salesrec.ZH, salesrec.EN} {
		if want := "    id: " + verr.Fields["id"].Text(lang) + "\n"; !strings.Contains(section, want) {
			t.Errorf("docs/data-model.md does not quote the message an id with '/' gets:\n%s", want)
		}
	}
}

// TestDocsCiteTestsThatExist: a test, benchmark, fuzz target or example
// the README or docs/*.md cite by name (`TestCrashDuringSync`) is declared
// in some _test.go file of the module, so a doc cannot lean on a proof
// that was renamed or removed.
func TestDocsCiteTestsThatExist(t *testing.T) {
	declared := map[string]bool{}
	decl := regexp.MustCompile(`(?m)^func ((?:Test|Benchmark|Fuzz|Example)\w*)\(`)
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		for _, m := range decl.FindAllStringSubmatch(string(b), -1) {
			declared[m[1]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := filepath.Glob("../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, "../README.md")
	cite := regexp.MustCompile("`(?:[a-z]+\\.)?((?:Test|Benchmark|Fuzz|Example)[A-Z_]\\w*)`")
	n := 0
	for _, doc := range docs {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range cite.FindAllStringSubmatch(string(b), -1) {
			n++
			if !declared[m[1]] {
				t.Errorf("%s cites %s, which no _test.go file declares", filepath.Base(doc), m[1])
			}
		}
	}
	if n < 20 {
		t.Errorf("found %d cited tests in the docs; the scan lost some", n)
	}
}

// isTestName reports whether name is a test, fuzz target, benchmark or
// example function's name: those live in _test.go files, which the
// identifier check does not read.
func isTestName(name string) bool {
	for _, p := range []string{"Test", "Fuzz", "Benchmark", "Example"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
