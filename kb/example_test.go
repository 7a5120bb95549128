package kb_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/kb/kbtest"
	"github.com/dealtrail/dealtrail/salesrec"
)

// exampleSource is a team of a manager and a rep with three closed
// engagements.
func exampleSource() *kbtest.Source {
	src := kbtest.New(salesrec.FixedClock(time.Date(2024, 4, 12, 10, 0, 0, 0, time.UTC)))
	src.AddMember(salesrec.Member{ID: "li", TeamID: "east", Name: "Manager Li", Role: salesrec.RoleManager})
	src.AddMember(salesrec.Member{ID: "zhang", TeamID: "east", Name: "Rep Zhang", Role: salesrec.RoleRep})
	src.PutCustomer(salesrec.Customer{ID: "hdjg", TeamID: "east", Name: "华东精工制造股份有限公司",
		ShortNames: []string{"华东精工"}, Kind: salesrec.CustomerNew, Industry: "制造业"})
	src.Put(salesrec.Engagement{
		ID: "e1", TeamID: "east", OwnerID: "zhang", CustomerID: "hdjg", Status: salesrec.StatusWon,
		Outcome: &salesrec.Outcome{Amount: salesrec.CNY(80000, 0), SignedOn: salesrec.Date{Year: 2024, Month: 4, Day: 8}},
		Lessons: []salesrec.Lesson{{Kind: salesrec.LessonSuccess, Text: "华东精工看了技术演示，打消了对稳定性的顾虑"}},
		Interactions: []salesrec.Interaction{{ID: "i1", OccurredAt: time.Date(2024, 3, 20, 14, 0, 0, 0, time.UTC),
			Points: []salesrec.Point{{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection,
				Text: "價格偏高", Handling: "拆分为两期实施", Result: "客户同意首期签约"}}}},
	})
	src.Put(salesrec.Engagement{
		ID: "e2", TeamID: "east", OwnerID: "li", CustomerID: "hdjg", Status: salesrec.StatusTerminated,
		Outcome: &salesrec.Outcome{Reason: "华东精工选择了友商，对方报价低两成", ReasonCategory: salesrec.ReasonCompetitor},
	})
	src.Put(salesrec.Engagement{
		ID: "e3", TeamID: "east", OwnerID: "li", CustomerID: "hdjg", Status: salesrec.StatusWon,
		Outcome: &salesrec.Outcome{Amount: salesrec.CNY(120000, 0), SignedOn: salesrec.Date{Year: 2024, Month: 2, Day: 1}},
		Lessons: []salesrec.Lesson{{Kind: salesrec.LessonSuccess, Text: "A live demo answered the customer's stability questions"}},
	})
	return src
}

// Index a small source and search it in Chinese: traditional characters,
// synonyms, highlights, facets, and the customer's name shown only to
// those who may read the engagement.
func Example() {
	dir, err := os.MkdirTemp("", "kb-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ctx := context.Background()
	x, err := kb.Open(dir, exampleSource(), kb.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer x.Close()
	if err := x.Sync(ctx); err != nil {
		log.Fatal(err)
	}

	// 太贵 is a synonym of 价格偏高, which matches the traditional 價格偏高.
	res, err := x.Search(ctx, "zhang", kb.Query{Text: "太贵", Facets: true})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.ID, h.Kind, h.Fragments, h.CustomerName)
	}
	for _, c := range res.Facets[kb.FacetOutcome] {
		fmt.Println(kb.FacetLabel(kb.FacetOutcome, salesrec.ZH)+":", c.Label(salesrec.ZH), c.Count)
	}

	// 竞品 finds 友商; the rep may not read e2, so no customer name.
	res, err = x.Search(ctx, "zhang", kb.Query{Text: "竞品"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Printf("%s %s %q %q\n", h.ID, h.ReasonCategory, h.Text, h.CustomerName)
	}
	// Output:
	// e1/objection/0/0 objection [<mark>價格偏高</mark>
	// 拆分为两期实施
	// 客户同意首期签约] 华东精工制造股份有限公司
	// 结果: 已成交 1
	// e2/reason competitor "某客户选择了友商，对方报价低两成" ""
}

// Search in English, filtered to won engagements and sorted by date.
func ExampleIndex_Search_english() {
	dir, err := os.MkdirTemp("", "kb-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ctx := context.Background()
	x, err := kb.Open(dir, exampleSource(), kb.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer x.Close()
	if err := x.Sync(ctx); err != nil {
		log.Fatal(err)
	}
	res, err := x.Search(ctx, "li", kb.Query{
		Text:     "stability demos",
		Outcomes: []salesrec.Status{salesrec.StatusWon},
		Sort:     kb.SortDate,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.Date, h.ID, h.Amount.Minor/100, h.Fragments)
	}
	// Output:
	// 2024-04-08 e1/lesson/0 80000 [某客户看了技术<mark>演示</mark>，打消了对<mark>稳定性</mark>的顾虑]
	// 2024-02-01 e3/lesson/0 120000 [A live <mark>demo</mark> answered the customer&#39;s <mark>stability</mark> questions]
}

// Extend the default synonyms with a team's own wording: DefaultSynonyms
// returns a fresh copy to append groups to (or add members to a group). A
// word may be in one group only.
func ExampleDefaultSynonyms() {
	dir, err := os.MkdirTemp("", "kb-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ctx := context.Background()
	src := exampleSource()
	groups := append(kb.DefaultSynonyms(), []string{"顾虑", "担心", "concern", "worry"})
	x, err := kb.Open(dir, src, kb.Options{Synonyms: groups})
	if err != nil {
		log.Fatal(err)
	}
	defer x.Close()
	if err := x.Sync(ctx); err != nil {
		log.Fatal(err)
	}
	res, err := x.Search(ctx, "li", kb.Query{Text: "stability worries"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.ID, h.Fragments)
	}

	_, err = kb.Open(dir+"-other", src, kb.Options{Synonyms: append(kb.DefaultSynonyms(), []string{"友商", "partner"})})
	fmt.Println(errors.Is(err, salesrec.ErrInvalid))
	// Output:
	// e1/lesson/0 [某客户看了技术演示，打消了对<mark>稳定性</mark>的<mark>顾虑</mark>]
	// e3/lesson/0 [A live demo answered the customer&#39;s <mark>stability</mark> questions]
	// true
}
