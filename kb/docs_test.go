package kb_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/kb"
)

// TestArchitectureNamesSourceMethods: docs/architecture.md lists what kb
// asks of a store; every method of kb.Source and of its optional
// interfaces is named there, so the list cannot fall behind the code.
func TestArchitectureNamesSourceMethods(t *testing.T) {
	b, err := os.ReadFile("../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, typ := range []reflect.Type{
		reflect.TypeFor[kb.Source](),
		reflect.TypeFor[kb.ChangeNotifier](),
		reflect.TypeFor[kb.CustomerNamer](),
	} {
		if !strings.Contains(doc, "`kb."+typ.Name()+"`") {
			t.Errorf("docs/architecture.md does not name `kb.%s`", typ.Name())
		}
		for i := range typ.NumMethod() {
			if m := typ.Method(i).Name; !strings.Contains(doc, "`"+m+"`") {
				t.Errorf("docs/architecture.md does not name %s.%s", typ.Name(), m)
			}
		}
	}
}
