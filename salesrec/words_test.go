package salesrec

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// verb matches a fmt verb, "%s", "%[2]d", "%020d".
var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// chineseFormat reports whether a format is written in Chinese: it has Han
// characters, or it has no words at all, only values and punctuation
// (【%s】, %s:%s), so it cannot be English either.
func chineseFormat(s string) bool {
	return hasHan(s) || !strings.ContainsFunc(verb.ReplaceAllString(s, ""), unicode.IsLetter)
}

// A record with many problems gets each one in Chinese and in English: no
// message falls back to one language or to a text of ozzo-validation's.
func TestValidationErrorSpeaksBothLanguages(t *testing.T) {
	e := validEngagement()
	e.Goal = ""
	e.Actions[0].What = "跟进"
	e.Actions[0].Deadline = Date{Year: 2024, Month: 2, Day: 30}
	e.Interactions[0].CustomerParticipants = nil
	e.Interactions[0].Points[0].Kind = "guess"
	e.Interactions[0].Points = append(e.Interactions[0].Points, Point{Speaker: SpeakerCustomer, Kind: PointObjection, Text: "价格偏高"})
	e.Needs[0].Content = "有需求"
	e.Status = StatusWon
	e.Outcome = &Outcome{Amount: Money{Minor: -1}}
	e.Lessons = []Lesson{{Kind: LessonSuccess, Text: strings.Repeat("快", MaxLessonChars+1)}}
	err := e.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate() = %v, want a *ValidationError", err)
	}
	if len(ve.Fields) < 10 {
		t.Fatalf("only %d fields refused: %v", len(ve.Fields), ve.Fields)
	}
	for k, m := range ve.Fields {
		if m.En == "" || m.En == m.Zh || !hasHan(m.Zh) || hasHan(strings.Fields(m.En)[0]) {
			t.Errorf("%s: %+v is not said in both languages", k, m)
		}
	}
	zh, en := err.Error(), ve.Text(EN)
	if !strings.HasPrefix(zh, "填写有误:") || !strings.Contains(zh, "goal: 请填写本次业务的核心目标") {
		t.Errorf("Error() = %q, want the Chinese messages", zh)
	}
	if !strings.HasPrefix(en, "invalid input: ") || !strings.Contains(en, "goal: is required: the core goal") {
		t.Errorf("Text(EN) = %q, want the English messages", en)
	}
	if got := ve.Messages(EN)["lessons[0].text"]; got != "must be at most 50 characters (this one has 51)" {
		t.Errorf("Messages(EN)[lessons[0].text] = %q", got)
	}
	if got := ve.Messages(ZH)["interactions[0].points[0].kind"]; !strings.HasPrefix(got, "“guess”不是可选的要点类型,可选:need (需求)") {
		t.Errorf("an unknown kind is refused in Chinese as %q", got)
	}
	if got := ve.Messages(ZH)["lessons[0].text"]; got != "最多 50 个字,现有 51 个" {
		t.Errorf("Messages(ZH)[lessons[0].text] = %q", got)
	}
}

// words.go is the one table of what salesrec says: every Message in it
// has a Chinese text (with Chinese in it) and an English one, and every
// message with values has the same number of them in both languages.
func TestWordsTableIsComplete(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "words.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	literals, says := 0, 0
	str := func(e ast.Expr) (string, bool) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(lit.Value)
		return s, err == nil
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			if id, ok := n.Type.(*ast.Ident); !ok || id.Name != "Message" || len(n.Elts) == 0 {
				return true
			}
			var texts []string
			for _, el := range n.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				if s, ok := str(el); ok {
					texts = append(texts, s)
				}
			}
			if len(texts) == 0 {
				return true // built from formats, as in say
			}
			literals++
			if len(texts) != 2 || !hasHan(texts[0]) || texts[1] == "" || texts[0] == texts[1] {
				t.Errorf("%s: Message %q lacks a language", fset.Position(n.Pos()), texts)
			}
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); !ok || id.Name != "say" {
				return true
			}
			says++
			zh, ok1 := str(n.Args[0])
			en, ok2 := str(n.Args[1])
			if !ok1 || !ok2 || !chineseFormat(zh) || zh == en {
				t.Errorf("%s: say needs a Chinese and an English format", fset.Position(n.Pos()))
				return true
			}
			verbs := func(s string) int { return strings.Count(s, "%") - 2*strings.Count(s, "%%") }
			if args := len(n.Args) - 2; verbs(zh) != args || verbs(en) != args {
				t.Errorf("%s: %d values for %q (%d verbs) and %q (%d verbs)", fset.Position(n.Pos()), args, zh, verbs(zh), en, verbs(en))
			}
		}
		return true
	})
	if literals < 40 || says < 15 {
		t.Errorf("found %d messages and %d formats; is words.go still the table?", literals, says)
	}
}

func TestMessageText(t *testing.T) {
	m := Message{Zh: "请填写客户全称", En: "is required: the customer's full legal name"}
	if m.Text(ZH) != m.Zh || m.Text(EN) != m.En || m.Text("") != m.Zh || m.Text("fr") != m.Zh {
		t.Errorf("Text picks the wrong language: %q %q %q", m.Text(ZH), m.Text(EN), m.Text(""))
	}
}

// Every history operation has a Chinese and an English label, and Parse
// reads either back.
func TestOpLabels(t *testing.T) {
	all := []Op{OpCreate, OpUpdate, OpInteraction, OpActionStatus, OpClose, OpReopen, OpRemark, OpCustomerUpdate,
		OpReassign, OpTeamUpdate, OpMemberAdd, OpMemberRole, OpMemberDeactivate}
	if got := Values[Op](); len(got) != len(all) {
		t.Fatalf("Values[Op]() = %v, want %v", got, all)
	}
	for _, op := range all {
		zh, en := op.Label(ZH), op.Label(EN)
		if !op.Valid() || !hasHan(zh) || en == string(op) || hasHan(en) {
			t.Errorf("%s: labels %q / %q", op, zh, en)
		}
		for _, l := range []string{zh, en} {
			if got, err := Parse[Op](l); err != nil || got != op {
				t.Errorf("Parse[Op](%q) = %q, %v", l, got, err)
			}
		}
	}
	if got := Op("guess").Label(ZH); got != "guess" {
		t.Errorf("an unknown op is shown as %q, want its code", got)
	}
}
