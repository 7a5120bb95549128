package sqlite_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// Open a SQLite file, record an engagement and read it back as the rep
// who owns it and as a rep of the same team who takes no part in it.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "dealtrail-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	s, err := sqlite.Open(ctx, filepath.Join(dir, "dealtrail.db"), sqlite.Options{
		Options: storage.Options{Clock: salesrec.FixedClock(now)},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	team, _ := s.CreateTeam(ctx, salesrec.Team{Name: "华东一组", TimeZone: "Asia/Shanghai"})
	rep, _ := s.AddMember(ctx, salesrec.Member{TeamID: team.ID, Name: "张伟", Role: salesrec.RoleRep})
	other, _ := s.AddMember(ctx, salesrec.Member{TeamID: team.ID, Name: "刘洋", Role: salesrec.RoleRep})
	cust, err := s.CreateCustomer(ctx, rep.ID, salesrec.Customer{
		Name: "上海星辰制造有限公司", Kind: salesrec.CustomerNew, Industry: "制造业",
		Contacts: []salesrec.Contact{{Name: "赵敏", Title: "采购总监", Phone: "13812345678"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	e, err := s.CreateEngagement(ctx, rep.ID, salesrec.Engagement{
		OwnerID: rep.ID, CustomerID: cust.ID, Stage: salesrec.StageNewCustomer,
		Goal: "挖掘客户的采购预算",
		Interactions: []salesrec.Interaction{{
			OccurredAt:           now.Add(-2 * time.Hour),
			Method:               salesrec.MethodPhone,
			Topic:                "数据平台选型",
			CustomerParticipants: []salesrec.CustomerParticipant{{Name: "赵敏", Title: "采购总监"}},
			SalesParticipants:    []salesrec.SalesParticipant{{MemberID: rep.ID, Name: rep.Name, Role: "主谈"}},
			Points: []salesrec.Point{{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointNeed,
				Text: "客户需要多数据源实时对接,预算控制在50万以内"}},
		}},
		Actions: []salesrec.Action{{What: "发送定制方案初稿", OwnerID: rep.ID,
			Deadline: salesrec.Date{Year: 2026, Month: 3, Day: 5}}},
	})
	if err != nil {
		log.Fatal(err)
	}

	got, _ := s.Engagement(ctx, rep.ID, e.ID)
	fmt.Println(got.Goal, got.Version, got.Actions[0].Status)

	_, err = s.Engagement(ctx, other.ID, e.ID)
	fmt.Println(err)

	c, _ := s.Customer(ctx, other.ID, cust.ID)
	fmt.Println(c.Contacts[0].Phone)
	// Output:
	// 挖掘客户的采购预算 1 pending
	// engagement: not found
	// 138****5678
}
