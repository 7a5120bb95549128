package kb

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
)

func locs(spans ...[2]uint64) search.TermLocationMap {
	m := search.TermLocationMap{}
	for i, s := range spans {
		m.AddLocation(strings.Repeat("t", i+1), &search.Location{Start: s[0], End: s[1]})
	}
	return m
}

func TestFragments(t *testing.T) {
	t.Run("overlapping bigrams mark the whole word", func(t *testing.T) {
		got := fragments("对稳定性的顾虑", locs([2]uint64{3, 9}, [2]uint64{6, 12}), nil)
		if want := []string{"对<mark>稳定性</mark>的顾虑"}; len(got) != 1 || got[0] != want[0] {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("text is escaped, marks are not", func(t *testing.T) {
		got := fragments(`<b>price</b> & "terms"`, locs([2]uint64{3, 8}), nil)
		if want := `&lt;b&gt;<mark>price</mark>&lt;/b&gt; &amp; &#34;terms&#34;`; len(got) != 1 || got[0] != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("long text is cut around matches", func(t *testing.T) {
		text := strings.Repeat("前", 100) + "预算" + strings.Repeat("后", 200) + "预算" + strings.Repeat("尾", 100)
		first := strings.Index(text, "预算")
		second := strings.LastIndex(text, "预算")
		got := fragments(text, locs([2]uint64{uint64(first), uint64(first + 6)}, [2]uint64{uint64(second), uint64(second + 6)}), nil)
		if len(got) != 2 {
			t.Fatalf("got %d fragments, want 2: %q", len(got), got)
		}
		for _, f := range got {
			if !strings.HasPrefix(f, "…") || !strings.HasSuffix(f, "…") || !strings.Contains(f, "<mark>预算</mark>") {
				t.Errorf("fragment %q", f)
			}
		}
	})
	t.Run("lone characters are marked where they occur, in any form", func(t *testing.T) {
		got := fragments("價格太贵，贵在服务", nil, []rune{'价', '贵'})
		if want := "<mark>價</mark>格太<mark>贵</mark>，<mark>贵</mark>在服务"; len(got) != 1 || got[0] != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("no locations, no fragments", func(t *testing.T) {
		if got := fragments("文本", nil, nil); got != nil {
			t.Errorf("got %q", got)
		}
	})
}
