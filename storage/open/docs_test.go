package open

import (
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
// each one both adapters embed, and the two adapters have the same files.
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
	if !slices.Equal(sqlite, postgres) {
		t.Fatalf("the adapters embed different migrations: sqlite %v, postgres %v", sqlite, postgres)
	}
	for _, name := range []string{"operations.md", "storage.md", "data-model.md"} {
		doc := readDoc(t, name)
		for _, m := range sqlite {
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
