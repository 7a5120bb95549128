package salesrec

import (
	"os"
	"strings"
	"testing"
)

// TestTemplateDocListsEveryEnum keeps docs/template.md true: every enum
// value must appear there as a table row with its code and both labels.
func TestTemplateDocListsEveryEnum(t *testing.T) {
	b, err := os.ReadFile("../docs/template.md")
	if err != nil {
		t.Skipf("docs/template.md not found: %v", err)
	}
	doc := string(b)
	tables := map[string]enumTable{
		"Role": roles, "CustomerKind": customerKinds, "Stage": stages, "Status": statuses,
		"Method": methods, "PlaceMode": placeModes, "Speaker": speakers, "PointKind": pointKinds,
		"Subject": subjects, "NeedClass": needClasses, "Priority": priorities,
		"ActionStatus": actionStatuses, "ReasonCategory": reasonCategories,
		"LessonKind": lessonKinds, "Collaboration": collaborations,
	}
	for name, tab := range tables {
		for _, l := range tab.labels {
			row := "| " + name + " | `" + l.code + "` | " + l.zh + " | " + l.en + " |"
			if !strings.Contains(doc, row) {
				t.Errorf("docs/template.md lacks the row %q", row)
			}
		}
	}
}
