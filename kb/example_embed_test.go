package kb_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// Embed dealtrail in a host program: a store on a SQLite file, a team, a
// vague action refused with a message naming the field, and the knowledge
// base following the store. README.md quotes this function's body (a test
// holds the two equal).
func Example_embed() {
	dir, err := os.MkdirTemp("", "dealtrail")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(dir, "dealtrail.db"), sqlite.Options{}) // or postgres.Open; open.Open picks by DSN
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()

	team, err := store.CreateTeam(ctx, salesrec.Team{Name: "华东区销售一组", TimeZone: "Asia/Shanghai"})
	if err != nil {
		log.Fatal(err)
	}
	rep, err := store.AddMember(ctx, salesrec.Member{TeamID: team.ID, Name: "张伟", Role: salesrec.RoleRep})
	if err != nil {
		log.Fatal(err)
	}
	cust, err := store.CreateCustomer(ctx, rep.ID, salesrec.Customer{
		TeamID: team.ID, Name: "华东精工制造股份有限公司", ShortNames: []string{"华东精工"},
		Kind: salesrec.CustomerNew, Industry: "制造业",
	})
	if err != nil {
		log.Fatal(err)
	}

	e := salesrec.Engagement{
		TeamID: team.ID, OwnerID: rep.ID, CustomerID: cust.ID,
		Stage: salesrec.StageNewCustomer, Status: salesrec.StatusOpen,
		Goal: "挖掘客户的采购预算",
		Actions: []salesrec.Action{{What: "跟进", OwnerID: rep.ID,
			Deadline: salesrec.Date{Year: 2024, Month: 4, Day: 10}, Status: salesrec.ActionPending}},
		Lessons: []salesrec.Lesson{{Kind: salesrec.LessonSuccess, Text: "华东精工嫌报价太贵,拆成两期后接受"}},
	}
	_, err = store.CreateEngagement(ctx, rep.ID, e)
	var verr *salesrec.ValidationError
	if errors.As(err, &verr) {
		fmt.Println(verr.Fields["actions[0].what"].Text(salesrec.ZH)) // 太笼统:… (salesrec.EN for English)
	}
	e.Actions[0].What = "发送合同初稿"
	if _, err := store.CreateEngagement(ctx, rep.ID, e); err != nil {
		log.Fatal(err)
	}

	// The knowledge base follows the store's change feed.
	index, err := kb.Open(filepath.Join(dir, "dealtrail.bleve"), store, kb.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer index.Close()
	if err := index.Sync(ctx); err != nil { // or go index.Follow(ctx)
		log.Fatal(err)
	}
	res, err := index.Search(ctx, rep.ID, kb.Query{Text: "太贵"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.Text, h.CustomerName) // indexed text is masked; the name comes from the store
	}
	// Output:
	// 太笼统:请写明具体要做什么,例如“发送报价单”,而不是“跟进”
	// 某客户嫌报价太贵,拆成两期后接受 华东精工制造股份有限公司
}
