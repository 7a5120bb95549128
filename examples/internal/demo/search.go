package demo

import (
	"context"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
)

// search syncs the knowledge base from the store's change feed and asks it
// the questions a team asks, in Chinese and in English.
func (d *demo) search(ctx context.Context) error {
	d.section("团队知识库", "team knowledge base")
	if err := d.syncIndex(ctx); err != nil {
		return err
	}
	d.printf("知识库已更新,可搜索最新经验 the knowledge base is up to date: the latest lessons are searchable\n")

	queries := []struct {
		label string
		q     kb.Query
	}{
		{"怎么处理「太贵」?how did we handle 太贵", kb.Query{Text: "太贵", Facets: true}},
		{"预算相关的经验 lessons about 预算", kb.Query{Text: "预算", Facets: true}},
		{"English: competitor prices", kb.Query{Text: "competitor prices", Facets: true}},
		{"成交案例里的做法 what worked in won deals: 演示", kb.Query{Text: "演示 demo", Outcomes: []salesrec.Status{salesrec.StatusWon}}},
	}
	for _, item := range queries {
		res, err := d.index.Search(ctx, d.st.ManagerID, item.q)
		if err != nil {
			return err
		}
		d.printf("\n搜索 search: %s — %d 条 hits\n", item.label, res.Total)
		for i, h := range res.Hits {
			frag := h.Text
			if len(h.Fragments) > 0 {
				frag = strings.Join(h.Fragments, " … ")
			}
			d.printf("  %d. [%s/%s] %s\n", i+1, h.Kind.Label(salesrec.ZH), h.Outcome.Label(salesrec.ZH), forTerminal(frag))
			if h.CustomerName != "" {
				d.printf("     客户 customer: %s\n", h.CustomerName)
			}
		}
		for _, name := range []string{kb.FacetOutcome, kb.FacetKind, kb.FacetIndustry} {
			counts := res.Facets[name]
			if len(counts) == 0 {
				continue
			}
			parts := make([]string, 0, len(counts))
			for _, c := range counts {
				if c.Value == "" {
					continue
				}
				label := c.Label(salesrec.ZH)
				if en := c.Label(salesrec.EN); en != label {
					label += " " + en
				}
				parts = append(parts, fmt.Sprintf("%s %d", label, c.Count))
			}
			d.printf("     分面 %s %s: %s\n", kb.FacetLabel(name, salesrec.ZH), kb.FacetLabel(name, salesrec.EN), strings.Join(parts, ", "))
		}
	}
	return nil
}

// syncIndex brings the knowledge base up to the last record written, the
// logistics pursuit's close. It waits until the index has applied it, not
// just for one Sync: on PostgreSQL a committed change stays out of the
// feed while an older dealtrail writer is still in flight.
func (d *demo) syncIndex(ctx context.Context) error {
	last, err := d.store.Engagement(ctx, d.st.ManagerID, d.st.Logistics)
	if err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := d.index.SyncUntil(wctx, last.ID, last.Version); err != nil {
		return fmt.Errorf("syncing the knowledge base: %w", err)
	}
	return nil
}

// forTerminal turns a highlighted, HTML-escaped fragment into one line of
// plain text with the matches in 【】.
func forTerminal(frag string) string {
	frag = strings.NewReplacer("<mark>", "【", "</mark>", "】", "\n", " / ").Replace(frag)
	return html.UnescapeString(frag)
}
