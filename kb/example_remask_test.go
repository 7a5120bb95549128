package kb_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// Sync masks customer edits in text it has already indexed, as
// docs/architecture.md and docs/operations.md say, with no Rebuild: a
// contact added to the customer (a customer_update change for each of its
// engagements) and a customer created after the text was indexed (a new
// identity of the team).
func ExampleIndex_Sync_customerEdits() {
	dir, err := os.MkdirTemp("", "dealtrail")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(dir, "dealtrail.db"), sqlite.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	team, err := store.CreateTeam(ctx, salesrec.Team{Name: "华东区销售一组", TimeZone: "Asia/Shanghai"})
	if err != nil {
		log.Fatal(err)
	}
	mgr, err := store.AddMember(ctx, salesrec.Member{TeamID: team.ID, Name: "李经理", Role: salesrec.RoleManager})
	if err != nil {
		log.Fatal(err)
	}
	cust, err := store.CreateCustomer(ctx, mgr.ID, salesrec.Customer{
		TeamID: team.ID, Name: "华东精工制造股份有限公司", Kind: salesrec.CustomerNew, Industry: "制造业",
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := store.CreateEngagement(ctx, mgr.ID, salesrec.Engagement{
		TeamID: team.ID, OwnerID: mgr.ID, CustomerID: cust.ID,
		Stage: salesrec.StageNewCustomer, Status: salesrec.StatusOpen, Goal: "挖掘客户的采购预算",
		Lessons: []salesrec.Lesson{{Kind: salesrec.LessonSuccess, Text: "周建国拍板快,蓝海软件报价低两成"}},
	}); err != nil {
		log.Fatal(err)
	}
	index, err := kb.Open(filepath.Join(dir, "dealtrail.bleve"), store, kb.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer index.Close()
	show := func() {
		if err := index.Sync(ctx); err != nil {
			log.Fatal(err)
		}
		res, err := index.Search(ctx, mgr.ID, kb.Query{Text: "拍板"})
		if err != nil {
			log.Fatal(err)
		}
		for _, h := range res.Hits {
			fmt.Println(h.Text)
		}
	}
	show()

	cust.Contacts = []salesrec.Contact{{Name: "周建国", Title: "采购总监"}}
	if _, err := store.UpdateCustomer(ctx, mgr.ID, cust); err != nil {
		log.Fatal(err)
	}
	show()

	if _, err := store.CreateCustomer(ctx, mgr.ID, salesrec.Customer{
		TeamID: team.ID, Name: "蓝海软件", Kind: salesrec.CustomerNew, Industry: "软件",
	}); err != nil {
		log.Fatal(err)
	}
	show()
	// Output:
	// 周建国拍板快,蓝海软件报价低两成
	// 客户联系人拍板快,蓝海软件报价低两成
	// 客户联系人拍板快,某客户报价低两成
}
