package salesrec_test

import (
	"fmt"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// What one engagement brings to the Friday review: its action due on
// Wednesday is overdue, and the commitment made on Monday has no action
// planned on or after that day.
func ExampleRules_ReviewEngagement() {
	shanghai := time.FixedZone("CST", 8*3600)
	e := salesrec.Engagement{
		Status: salesrec.StatusOpen,
		Interactions: []salesrec.Interaction{{
			OccurredAt: time.Date(2024, 4, 8, 14, 30, 0, 0, shanghai),
			RecordedAt: time.Date(2024, 4, 8, 16, 0, 0, 0, shanghai),
			Points:     []salesrec.Point{{Kind: salesrec.PointCommitment, Text: "周五前提供定制化方案"}},
		}},
		Actions: []salesrec.Action{{What: "发送报价单", Deadline: salesrec.Date{Year: 2024, Month: 4, Day: 5}, Status: salesrec.ActionPending}},
	}
	at := time.Date(2024, 4, 12, 10, 0, 0, 0, shanghai)
	r := salesrec.DefaultRules().ReviewEngagement(e, salesrec.NewReviewWindow(at, shanghai, salesrec.ReviewSettings{}))
	fmt.Println("overdue actions:", r.Overdue)
	fmt.Println("unfollowed commitments in contacts:", r.UnfollowedContacts)
	fmt.Println("silent:", r.Silent)
	// Output:
	// overdue actions: [0]
	// unfollowed commitments in contacts: [0]
	// silent: false
}
