package kb

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update", false, "rewrite the generated tables of docs/")

// CheckGeneratedDoc keeps the part of the document at path between the
// markers <!-- begin generated: name --> and <!-- end generated: name -->
// exactly want; with -update it rewrites that part instead. It is
// exported for the kb_test package, whose doc tests use it too.
func CheckGeneratedDoc(t *testing.T, path, name, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
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
