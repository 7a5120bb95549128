package salesrec

import (
	"testing"
	"time"
)

// The fixtures are built from the template's own examples.

var (
	shanghaiTZ = mustZone("Asia/Shanghai")
	// t0 is 2024-04-08 14:30 in Shanghai, the day of the sample contact.
	t0 = time.Date(2024, 4, 8, 14, 30, 0, 0, shanghaiTZ)
	// zeroTime is the zero instant, for clearing a time field.
	zeroTime time.Time
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone(name, 8*3600)
	}
	return loc
}

func validInteraction() Interaction {
	return Interaction{
		ID:         "in-1",
		OccurredAt: t0,
		Method:     MethodVideo,
		Place:      Place{Mode: PlaceOnline, Platform: "腾讯会议", MeetingID: "123-456-789"},
		Topic:      "确认多数据源对接需求与预算",
		CustomerParticipants: []CustomerParticipant{
			{Name: "王经理", Title: "供应链负责人"},
		},
		SalesParticipants: []SalesParticipant{
			{MemberID: "m-1", Name: "李代表", Role: "主谈"},
		},
		Points: []Point{
			{Speaker: SpeakerCustomer, Kind: PointNeed, Text: "客户提出需支持多数据源实时对接,预算控制在50万以内"},
			{Speaker: SpeakerSales, Kind: PointActionTaken, Text: "演示了数据同步功能并提供了同行业案例"},
			{Speaker: SpeakerSales, Kind: PointCommitment, Text: "3月5日前提供定制化方案"},
			{Speaker: SpeakerCustomer, Kind: PointObjection, Text: "担心系统稳定性", Handling: "安排技术演示", Result: "客户认可稳定性"},
			{Speaker: SpeakerCustomer, Kind: PointFeedback, Text: "报价偏高,希望有折扣", Subject: SubjectQuote},
		},
	}
}

func validEngagement() Engagement {
	return Engagement{
		ID:           "e-1",
		TeamID:       "t-1",
		OwnerID:      "m-1",
		CustomerID:   "c-1",
		Stage:        StageNewCustomer,
		Goal:         "挖掘客户A的采购预算",
		Status:       StatusOpen,
		Interactions: []Interaction{validInteraction()},
		Needs: []Need{
			{Class: NeedCore, Priority: PriorityHigh, Content: "支持多数据源实时对接"},
			{Class: NeedExpected, Priority: PriorityMedium, Content: "提供一年免费运维服务"},
		},
		Proposal: &Proposal{
			Summary:       "标准版加数据对接模块,配套实施服务",
			Collaboration: []Collaboration{CollabTechnicalSupport, CollabLegalReview},
		},
		Actions: []Action{
			{ID: "a-1", What: "发送报价单", OwnerID: "m-1", Deadline: Date{2024, 4, 9}, Status: ActionDone},
			{ID: "a-2", What: "4月10日前发送合同初稿", OwnerID: "m-1", Deadline: Date{2024, 4, 10}, Status: ActionPending},
		},
		Remarks: []Remark{
			{ID: "r-1", AuthorID: "m-1", At: t0.Add(2 * time.Hour), Text: "技术支持已安排测试环境", Collaboration: CollabTechnicalSupport},
		},
		Version:   1,
		CreatedAt: t0.Add(-time.Hour),
		UpdatedAt: t0.Add(time.Hour),
	}
}

func TestFixturesAreValid(t *testing.T) {
	if err := validEngagement().Validate(); err != nil {
		t.Fatalf("the valid fixture is refused: %v", err)
	}
}
