package kb

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// minDefaultGroups is the least the default vocabulary may shrink to.
const minDefaultGroups = 80

// TestDefaultSynonymsAreWellFormed checks every default group: at least
// one Chinese and one English member, no member empty, padded, written
// in a form the analysis folds (traditional, full-width) or with a Chinese
// word of one character (which would match every term holding that
// character), no member in two groups or twice in one, and every member
// kept by newSynonyms (none silently dropped).
func TestDefaultSynonymsAreWellFormed(t *testing.T) {
	topics := defaultVocabulary()
	groups := DefaultSynonyms()
	if len(groups) < minDefaultGroups {
		t.Errorf("%d default groups, want at least %d", len(groups), minDefaultGroups)
	}
	owner := map[string]string{} // normalised member → where it is
	members := 0
	for _, topic := range topics {
		if topic.name == "" || len(topic.groups) == 0 {
			t.Errorf("topic %q is unnamed or empty", topic.name)
		}
		for gi, g := range topic.groups {
			where := fmt.Sprintf("%s, group %d", topic.name, gi+1)
			var zh, en bool
			for _, m := range g {
				members++
				for _, problem := range memberProblems(m) {
					t.Errorf("%s: member %q %s", where, m, problem)
				}
				zh = zh || strings.ContainsFunc(m, isHan)
				en = en || !strings.ContainsFunc(m, isHan) && strings.ContainsFunc(m, isLatinLetter)
				n := normaliseQuery(m)
				if prev, ok := owner[n]; ok {
					t.Errorf("%s: member %q is also in %s", where, m, prev)
				}
				owner[n] = where + " " + g[0]
			}
			if !zh || !en {
				t.Errorf("%s %v: want a Chinese and an English member", where, g)
			}
		}
	}
	syn, err := newSynonyms(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(syn.groups) != len(groups) || len(syn.terms) != members {
		t.Errorf("newSynonyms kept %d groups and %d members of %d and %d", len(syn.groups), len(syn.terms), len(groups), members)
	}
}

// memberProblems says what is wrong with one member as written.
func memberProblems(m string) []string {
	var out []string
	if strings.TrimSpace(m) == "" {
		return []string{"is empty"}
	}
	if m != strings.Join(strings.Fields(m), " ") {
		out = append(out, "has spaces around or doubled")
	}
	if foldString(m) != m {
		out = append(out, "is not written as the analysis folds it (simplified, half-width)")
	}
	if strings.ContainsAny(m, "|`") {
		out = append(out, "holds a character docs/kb.md's table cannot show")
	}
	for _, w := range strings.FieldsFunc(m, isSeparator) {
		if strings.ContainsFunc(w, isHan) && utf8.RuneCountInString(w) == 1 {
			out = append(out, "has a Chinese word of one character, "+w)
		}
	}
	return out
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isLatinLetter(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }

// TestTraditionalFindsDefaultSynonyms: a query naming a default member in
// traditional characters, full-width letters or capitals finds that
// member's group. The spellings below are written out by hand, so a
// character missing from the fold table fails here; every member is then
// also searched through the fold table backwards, full-width and in
// capitals, which checks that the query side finds each one (multi-word
// and hyphenated members included) however it is written.
func TestTraditionalFindsDefaultSynonyms(t *testing.T) {
	syn, err := newSynonyms(nil)
	if err != nil {
		t.Fatal(err)
	}
	found := func(query string) string {
		exp := syn.expand(syn.normalise(query))
		if len(exp.groups) == 0 || exp.rest != "" {
			return ""
		}
		return exp.groups[0].written
	}
	for _, c := range []struct{ query, member string }{
		{"競爭對手", "竞争对手"},
		{"預算凍結", "预算冻结"},
		{"決策者", "决策者"},
		{"數據遷移", "数据 迁移"},
		{"人員變動", "人员变动"},
		{"連鎖餐飲", "连锁餐饮"},
		{"標桿客戶", "标杆客户"},
		{"滲透測試", "渗透测试"},
		{"系統崩潰", "系统崩溃"},
		{"轉介紹", "转介绍"},
		{"單點登錄", "单点登录"},
		{"續約", "续约"},
		{"帳期", "帐期"},
		{"驗收測試", "验收测试"},
		{"響應慢", "响应慢"},
		{"領導換屆", "领导换届"},
		{"ＰＯＣ", "poc"},
		{"Ｄａｔａ　Ｍｉｇｒａｔｉｏｎ", "data migration"},
	} {
		if got := found(c.query); got != c.member {
			t.Errorf("%q finds %q, want %q", c.query, got, c.member)
		}
	}

	toTrad := map[rune]rune{}
	for trad, simp := range tradToSimp {
		if prev, ok := toTrad[simp]; !ok || trad < prev {
			toTrad[simp] = trad
		}
	}
	for _, g := range DefaultSynonyms() {
		for _, m := range g {
			want := syn.normalise(m)
			for _, variant := range []string{
				strings.Map(func(r rune) rune {
					if t, ok := toTrad[r]; ok {
						return t
					}
					return r
				}, m),
				strings.Map(func(r rune) rune {
					if r > ' ' && r < unicode.MaxASCII {
						return r - '!' + '！'
					}
					return r
				}, m),
				strings.ToUpper(m),
			} {
				if got := found(variant); got != want {
					t.Errorf("%q (for %q) finds %q", variant, m, got)
				}
			}
		}
	}
}

// synonymDocTable is the default vocabulary as docs/kb.md lists it.
func synonymDocTable() string {
	var b strings.Builder
	b.WriteString("| topic | group |\n|---|---|\n")
	for _, topic := range defaultVocabulary() {
		for i, g := range topic.groups {
			name := ""
			if i == 0 {
				name = topic.name
			}
			b.WriteString("| " + name + " | " + strings.Join(g, " · ") + " |\n")
		}
	}
	return b.String()
}

// TestSynonymsDocListsDefaults keeps the table of default groups in
// docs/kb.md exactly what DefaultSynonyms returns. Run with -update to
// rewrite it.
func TestSynonymsDocListsDefaults(t *testing.T) {
	CheckGeneratedDoc(t, "../docs/kb.md", "default synonyms", synonymDocTable())
}
