package open

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestDocsDSNTable holds docs/operations.md's DSN table to the code: every
// DSN the table lists goes to the adapter its row names, or is refused.
func TestDocsDSNTable(t *testing.T) {
	doc := readDoc(t, "operations.md")
	_, table, ok := strings.Cut(doc, "\n| DSN | Opened by |\n|---|---|\n")
	if !ok {
		t.Fatal("docs/operations.md has no | DSN | Opened by | table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	rows := 0
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 2 {
			t.Fatalf("docs/operations.md: DSN table row %q does not have two cells", line)
		}
		var want string
		switch by := strings.TrimSpace(cells[1]); {
		case strings.HasPrefix(by, "`storage/postgres`"):
			want = "postgres"
		case strings.HasPrefix(by, "`storage/sqlite`"):
			want = "sqlite"
		case strings.HasPrefix(by, "refused"):
			want = ""
		default:
			t.Fatalf("docs/operations.md: DSN table row %q names no adapter", line)
		}
		for _, dsn := range codeSpans(cells[0]) {
			if strings.HasPrefix(dsn, "=") || dsn == "storage/open" {
				continue
			}
			rows++
			if got := adapter(dsn); got != want {
				t.Errorf("docs/operations.md says %q goes to %q; adapter(%q) = %q", dsn, want, dsn, got)
			}
		}
	}
	if rows < 5 {
		t.Errorf("docs/operations.md's DSN table lists %d DSNs; the parser lost some", rows)
	}
}

// TestDocsListEveryMigration: the docs that list the migration files list
// each one an adapter embeds. The adapters share every migration but
// PostgreSQL's 0005 (the feed writer's lock), which SQLite has no use for.
func TestDocsListEveryMigration(t *testing.T) {
	files := func(adapter string) []string {
		t.Helper()
		names, err := filepath.Glob(filepath.Join("..", adapter, "migrations", "*.sql"))
		if err != nil || len(names) == 0 {
			t.Fatalf("no migrations under storage/%s: %v", adapter, err)
		}
		for i, n := range names {
			names[i] = filepath.Base(n)
		}
		return names
	}
	sqlite, postgres := files("sqlite"), files("postgres")
	const pgOnly = "0005_feed_writer_lock.sql"
	if want := slices.DeleteFunc(slices.Clone(postgres), func(n string) bool { return n == pgOnly }); !slices.Equal(sqlite, want) || len(want) == len(postgres) {
		t.Fatalf("the adapters embed different migrations: sqlite %v, postgres %v (only %s should differ)", sqlite, postgres, pgOnly)
	}
	for _, name := range []string{"operations.md", "storage.md", "data-model.md"} {
		doc := readDoc(t, name)
		for _, m := range postgres {
			if !strings.Contains(doc, m) {
				t.Errorf("docs/%s does not list migration %s", name, m)
			}
		}
	}
}

func readDoc(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

// codeSpans returns the text of every `code span` in s.
func codeSpans(s string) []string {
	var out []string
	for _, m := range codeSpan.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestDocsListEveryTable: the table lists in docs/storage.md and
// docs/data-model.md name exactly the tables the migrations (and the
// migration runner) create.
func TestDocsListEveryTable(t *testing.T) {
	create := regexp.MustCompile(`CREATE TABLE (?:IF NOT EXISTS )?(dealtrail_\w+)`)
	want := map[string]bool{}
	// The migrations' SQL and the runner's own table, wherever under
	// storage/ it is created.
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") ||
			!strings.HasSuffix(path, ".sql") && !strings.HasSuffix(path, ".go") {
			return err
		}
		b, err := os.ReadFile(path)
		for _, m := range create.FindAllStringSubmatch(string(b), -1) {
			want[m[1]] = true
		}
		return err
	})
	if err != nil || len(want) < 10 {
		t.Fatalf("found the tables %v under storage/: %v", want, err)
	}
	row := regexp.MustCompile("(?m)^\\| `(dealtrail_\\w+)` \\|")
	for _, name := range []string{"storage.md", "data-model.md"} {
		got := map[string]bool{}
		for _, m := range row.FindAllStringSubmatch(readDoc(t, name), -1) {
			got[m[1]] = true
		}
		for table := range want {
			if !got[table] {
				t.Errorf("docs/%s's table list has no row for %s", name, table)
			}
		}
		for table := range got {
			if !want[table] {
				t.Errorf("docs/%s lists %s, which no migration creates", name, table)
			}
		}
	}
}

// TestDocsErrorCodes holds docs/storage.md's list of driver codes and the
// sentinels they map to ("`23505` → `ErrConflict`") to the switch in each
// adapter's MapError, both ways: every code the code maps to a sentinel is
// listed with that sentinel, and the list names no other.
func TestDocsErrorCodes(t *testing.T) {
	doc := readDoc(t, "storage.md")
	_, para, ok := strings.Cut(doc, "Driver errors are mapped by code")
	if !ok {
		t.Fatal(`docs/storage.md has no "Driver errors are mapped by code" paragraph`)
	}
	para, _, _ = strings.Cut(para, "\n\n")
	_, para, _ = strings.Cut(para, "types alike (")
	documented := map[string]string{}
	code := regexp.MustCompile(`^(?:[0-9A-Z]{5}|SQLITE_[A-Z_]+|[A-Z]+)$`)
	parts := strings.Split(para, "→")
	for i := 1; i < len(parts); i++ {
		spans := codeSpans(parts[i])
		if len(spans) == 0 {
			t.Fatalf("docs/storage.md: nothing named after an arrow: %q", parts[i])
		}
		sentinel := spans[0]
		left := parts[i-1]
		if i > 1 { // what precedes this arrow begins after the previous sentinel
			_, left, _ = strings.Cut(left, "`"+codeSpans(parts[i-1])[0]+"`")
		}
		for _, c := range codeSpans(left) {
			if !code.MatchString(c) {
				continue
			}
			if !strings.HasPrefix(c, "SQLITE_") && !strings.ContainsAny(c, "0123456789") {
				c = "SQLITE_CONSTRAINT_" + c
			}
			documented[c] = sentinel
		}
	}
	mapped := map[string]string{}
	for _, adapter := range []string{"postgres", "sqlite"} {
		for c, s := range mapErrorCases(t, filepath.Join("..", adapter)) {
			mapped[c] = s
		}
	}
	for c, s := range mapped {
		if documented[c] != s {
			t.Errorf("MapError maps %s to %s; docs/storage.md says %q", c, s, documented[c])
		}
	}
	for c, s := range documented {
		if _, ok := mapped[c]; !ok {
			t.Errorf("docs/storage.md maps %s to %s; no MapError does", c, s)
		}
	}
	if len(mapped) < 15 {
		t.Errorf("found %d mapped codes in the adapters; the scan lost some", len(mapped))
	}
}

// mapErrorCases reads the switch cases of the MapError method in dir's
// non-test files: each case's codes (SQLSTATE strings or sqlite3 constant
// names) and the sentinel its return wraps ("ErrConflict", or
// "context.Canceled"); cases that wrap none are left out.
func mapErrorCases(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	found := false
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
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Name.Name != "MapError" {
				continue
			}
			found = true
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				cc, ok := n.(*ast.CaseClause)
				if !ok {
					return true
				}
				sentinel := ""
				for _, st := range cc.Body {
					ast.Inspect(st, func(n ast.Node) bool {
						if sel, ok := n.(*ast.SelectorExpr); ok {
							if x, ok := sel.X.(*ast.Ident); ok {
								switch {
								case x.Name == "salesrec" && strings.HasPrefix(sel.Sel.Name, "Err"):
									sentinel = sel.Sel.Name
								case x.Name == "context" && sel.Sel.Name == "Canceled":
									sentinel = "context.Canceled"
								}
							}
						}
						return true
					})
				}
				if sentinel == "" {
					return false
				}
				for _, e := range cc.List {
					switch e := e.(type) {
					case *ast.BasicLit:
						out[strings.Trim(e.Value, `"`)] = sentinel
					case *ast.SelectorExpr:
						out[e.Sel.Name] = sentinel
					}
				}
				return false
			})
		}
	}
	if !found {
		t.Fatalf("no MapError in %s: the doc check must learn where the adapter maps its errors", dir)
	}
	return out
}
