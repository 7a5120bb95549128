package kb

import (
	"testing"
)

// TestMultiWordMembersAreFoundByTheirWords: a member of several words is
// found in a query wherever its words follow one another, however they
// are separated (nothing between Chinese words, spaces, punctuation), and
// Latin words only as whole words.
func TestMultiWordMembersAreFoundByTheirWords(t *testing.T) {
	syn, err := newSynonyms([][]string{
		{"数据 迁移", "data migration"},
		{"上线 周期", "go-live timeline"},
		{"ERP 对接", "ERP integration"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		query, written, rest string
	}{
		{"数据迁移", "数据 迁移", ""},
		{"数据 迁移", "数据 迁移", ""},
		{"数据，迁移", "数据 迁移", ""},
		{"历史数据迁移慢", "数据 迁移", "历史 慢"},
		{"上线周期太长", "上线 周期", "太长"},
		{"Data  Migration", "data migration", ""},
		{"data-migration plan", "data migration", "plan"},
		{"data/migration", "data migration", ""},
		{"ERP对接", "erp 对接", ""},
		{"go live timeline", "go-live timeline", ""},
		{"go-live timeline", "go-live timeline", ""},
		// Not the member: words apart, out of order, run together or
		// part of a longer Latin word.
		{"数据的迁移", "", "数据的迁移"},
		{"迁移数据", "", "迁移数据"},
		{"datamigration", "", "datamigration"},
		{"metadata migration", "", "metadata migration"},
		{"data migrationplan", "", "data migrationplan"},
		{"data migrations", "data migration", ""},
		{"sap erp对接", "erp 对接", "sap"},
		{"saperp对接", "", "saperp对接"},
	} {
		exp := syn.expand(syn.normalise(c.query))
		var written string
		if len(exp.groups) > 0 {
			written = exp.groups[0].written
		}
		if written != c.written || exp.rest != c.rest {
			t.Errorf("%q: found %q, rest %q; want %q, rest %q", c.query, written, exp.rest, c.written, c.rest)
		}
	}
}

// TestMultiWordMembersMatchTheirWords: a member of several words matches
// a text holding each of its words, not only a text holding every bigram
// of the member as one run, and never a text holding only some of them.
func TestMultiWordMembersMatchTheirWords(t *testing.T) {
	f, id := lessonsFixture(t, [][]string{{"数据 迁移", "data migration"}, {"上线 周期", "go-live timeline"}}, map[string]string{
		"en":       "Data migration from the old ERP took two weeks",
		"zhApart":  "历史数据的迁移由实施顾问完成",
		"zhRun":    "数据迁移提前一周完成",
		"office":   "客户办公室迁移，拜访改到下月",
		"golive":   "The go-live timeline was agreed in the first meeting",
		"zhGolive": "上线的周期比预期短",
		"onlyLive": "系统上线后客户很满意",
	})
	// wantNone hold only one word of the member.
	checkHits(t, f, []hitsWant{
		{"数据迁移", []string{id["en"], id["zhApart"], id["zhRun"]}, nil},
		{"data migration", []string{id["zhApart"], id["zhRun"], id["en"]}, []string{id["office"]}},
		{"上线周期", []string{id["golive"], id["zhGolive"]}, nil},
		{"go-live timeline", []string{id["zhGolive"], id["golive"]}, []string{id["onlyLive"]}},
	})
}
