package storage

import (
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// TestRemarkAuthors holds what a write may say about a remark's author and
// time: the store keeps a stored remark's, fills a new one with the actor
// and now, and an import keeps what a file's row gives.
func TestRemarkAuthors(t *testing.T) {
	now := time.Date(2024, 3, 9, 10, 0, 0, 0, time.UTC)
	before := now.Add(-48 * time.Hour)
	filed := now.Add(-24 * time.Hour)
	stored := []salesrec.Remark{{ID: "r1", AuthorID: "m-zhou", At: before, Text: "旧备注"}}
	in := []salesrec.Remark{
		{ID: "r1", AuthorID: "m-forged", At: now, Text: "旧备注,改过"},
		{ID: "r2", AuthorID: "m-li", At: filed, Text: "文件里的备注"},
		{ID: "r3", Text: "文件里没写作者"},
		{AuthorID: "m-li", At: filed, Text: "没有编号的备注"},
	}
	type who struct {
		author string
		at     time.Time
	}
	cases := []struct {
		name  string
		merge func(in, stored []salesrec.Remark, actorID string, now time.Time) []salesrec.Remark
		want  []who
	}{
		{"a write sets every new remark's author and time", fillRemarks,
			[]who{{"m-zhou", before}, {"m-zhang", now}, {"m-zhang", now}, {"m-zhang", now}}},
		{"an import keeps a file row's author and time", importRemarks,
			[]who{{"m-zhou", before}, {"m-li", filed}, {"m-zhang", now}, {"m-zhang", now}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.merge(in, stored, "m-zhang", now)
			if len(got) != len(in) {
				t.Fatalf("got %d remarks, want %d", len(got), len(in))
			}
			for i, w := range tc.want {
				if got[i].AuthorID != w.author || !got[i].At.Equal(w.at) {
					t.Errorf("remarks[%d]: author %q at %v, want %q at %v", i, got[i].AuthorID, got[i].At, w.author, w.at)
				}
				if got[i].Text != in[i].Text {
					t.Errorf("remarks[%d]: text %q, want %q", i, got[i].Text, in[i].Text)
				}
			}
			if got[3].ID == "" {
				t.Error("a remark without an id was given none")
			}
			if in[0].AuthorID != "m-forged" {
				t.Error("the write's own list was changed")
			}
		})
	}
}
