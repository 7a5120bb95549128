package salesrec

import (
	"math"
	"strings"
	"testing"
)

func TestEngagementValidate(t *testing.T) {
	fiftyOne := strings.Repeat("经", 51)
	tests := []struct {
		name  string
		edit  func(e *Engagement)
		field string // "" means valid
		want  string
	}{
		{"the template's example is valid", func(e *Engagement) {}, "", ""},
		{"missing customer is refused", func(e *Engagement) { e.CustomerID = "" }, "customer_id", "is required"},
		{"blank goal is refused", func(e *Engagement) { e.Goal = "  " }, "goal", "is required"},
		{"unknown stage is refused", func(e *Engagement) { e.Stage = "prospecting" }, "stage", `"prospecting" is not a known business stage`},
		{"missing status is refused", func(e *Engagement) { e.Status = "" }, "status", "is required"},
		{"negative version is refused", func(e *Engagement) { e.Version = -1 }, "version", "must not be negative"},
		{"interaction without occurred_at is refused", func(e *Engagement) { e.Interactions[0].OccurredAt = zeroTime }, "interactions[0].occurred_at", "is required"},
		{"unknown method is refused", func(e *Engagement) { e.Interactions[0].Method = "fax" }, "interactions[0].method", `"fax" is not a known contact method`},
		{"blank topic is refused", func(e *Engagement) { e.Interactions[0].Topic = "" }, "interactions[0].topic", "is required"},
		{"online place without platform or meeting id is refused", func(e *Engagement) {
			e.Interactions[0].Place = Place{Mode: PlaceOnline}
		}, "interactions[0].place.platform", "platform or the meeting ID"},
		{"online place with only a meeting id is valid", func(e *Engagement) {
			e.Interactions[0].Place = Place{Mode: PlaceOnline, MeetingID: "987 654 321"}
		}, "", ""},
		{"offline place without address is refused", func(e *Engagement) {
			e.Interactions[0].Method = MethodFaceToFace
			e.Interactions[0].Place = Place{Mode: PlaceOffline}
		}, "interactions[0].place.address", "is required for an offline contact"},
		{"face-to-face without place is refused", func(e *Engagement) {
			e.Interactions[0].Method = MethodFaceToFace
			e.Interactions[0].Place = Place{}
		}, "interactions[0].place.mode", "is required"},
		{"a phone call may leave the place out", func(e *Engagement) {
			e.Interactions[0].Method = MethodPhone
			e.Interactions[0].Place = Place{}
		}, "", ""},
		{"no customer participant is refused", func(e *Engagement) { e.Interactions[0].CustomerParticipants = nil }, "interactions[0].customer_participants", "at least one customer-side participant"},
		{"customer participant without title is refused", func(e *Engagement) {
			e.Interactions[0].CustomerParticipants[0].Title = ""
		}, "interactions[0].customer_participants[0].title", "is required"},
		{"no sales participant is refused", func(e *Engagement) { e.Interactions[0].SalesParticipants = []SalesParticipant{} }, "interactions[0].sales_participants", "at least one sales-side participant"},
		{"sales participant without role is refused", func(e *Engagement) {
			e.Interactions[0].SalesParticipants[0].Role = ""
		}, "interactions[0].sales_participants[0].role", "is required"},
		{"no point is refused", func(e *Engagement) { e.Interactions[0].Points = nil }, "interactions[0].points", "at least one point"},
		{"objection without handling is refused", func(e *Engagement) {
			e.Interactions[0].Points[3].Handling = ""
		}, "interactions[0].points[3].handling", "how it was handled"},
		{"objection without result is refused", func(e *Engagement) {
			e.Interactions[0].Points[3].Result = ""
		}, "interactions[0].points[3].result", "result of handling it"},
		{"feedback without subject is refused", func(e *Engagement) {
			e.Interactions[0].Points[4].Subject = ""
		}, "interactions[0].points[4].subject", "is required for feedback"},
		{"unknown subject is refused", func(e *Engagement) {
			e.Interactions[0].Points[4].Subject = "price"
		}, "interactions[0].points[4].subject", `"price" is not a known feedback subject`},
		{"unknown speaker is refused", func(e *Engagement) {
			e.Interactions[0].Points[0].Speaker = "partner"
		}, "interactions[0].points[0].speaker", "is not a known speaker"},
		{"vague need point is refused", func(e *Engagement) {
			e.Interactions[0].Points[0].Text = "客户有需求"
		}, "interactions[0].points[0].text", "is too vague"},
		{"vague commitment is refused", func(e *Engagement) {
			e.Interactions[0].Points[2].Text = "跟进"
		}, "interactions[0].points[2].text", "is too vague"},
		{"need without class is refused", func(e *Engagement) { e.Needs[1].Class = "" }, "needs[1].class", "is required"},
		{"need with unknown priority is refused", func(e *Engagement) { e.Needs[1].Priority = "urgent" }, "needs[1].priority", `"urgent" is not a known priority`},
		{"vague need is refused", func(e *Engagement) { e.Needs[1].Content = "有意向" }, "needs[1].content", "is too vague"},
		{"english vague need is refused", func(e *Engagement) { e.Needs[1].Content = "Interested." }, "needs[1].content", "is too vague"},
		{"proposal without summary is refused", func(e *Engagement) { e.Proposal.Summary = "" }, "proposal.summary", "is required"},
		{"unknown collaboration is refused", func(e *Engagement) {
			e.Proposal.Collaboration = []Collaboration{CollabLegalReview, "catering"}
		}, "proposal.collaboration[1]", `"catering" is not a known collaboration type`},
		{"vague action is refused", func(e *Engagement) { e.Actions[1].What = "跟进" }, "actions[1].what", "is too vague: say what will be done, e.g. 发送报价单 rather than 跟进"},
		{"vague english action is refused", func(e *Engagement) { e.Actions[1].What = "Touch base with the customer" }, "actions[1].what", "is too vague"},
		{"concrete action mentioning 跟进 is valid", func(e *Engagement) {
			e.Actions[1].What = "跟进合同初稿的法务审核意见并在4月10日前回复"
		}, "", ""},
		{"action without owner is refused", func(e *Engagement) { e.Actions[0].OwnerID = "" }, "actions[0].owner_id", "is required"},
		{"action without deadline is refused", func(e *Engagement) { e.Actions[0].Deadline = Date{} }, "actions[0].deadline", "is required"},
		{"deadline past 2100 is refused", func(e *Engagement) { e.Actions[0].Deadline = Date{2101, 1, 1} }, "actions[0].deadline", "between 1900 and 2100"},
		{"impossible deadline is refused", func(e *Engagement) { e.Actions[0].Deadline = Date{2024, 2, 30} }, "actions[0].deadline", "not a real calendar day"},
		{"overdue is not a stored status", func(e *Engagement) { e.Actions[0].Status = "overdue" }, "actions[0].status", `"overdue" is not a known action status`},
		{"lesson of 50 characters is valid", func(e *Engagement) {
			e.Lessons = []Lesson{{Kind: LessonSuccess, Text: strings.Repeat("经", 50)}}
		}, "", ""},
		{"lesson of 51 characters is refused", func(e *Engagement) {
			e.Lessons = []Lesson{{Kind: LessonSuccess, Text: fiftyOne}}
		}, "lessons[0].text", "must be at most 50 characters (this one has 51)"},
		{"lesson without kind is refused", func(e *Engagement) {
			e.Lessons = []Lesson{{Text: "技术演示打消了稳定性疑虑"}}
		}, "lessons[0].kind", "is required"},
		{"remark without author is refused", func(e *Engagement) { e.Remarks[0].AuthorID = "" }, "remarks[0].author_id", "is required"},
		{"remark without time is refused", func(e *Engagement) { e.Remarks[0].At = zeroTime }, "remarks[0].at", "is required"},
		{"remark without text is refused", func(e *Engagement) { e.Remarks[0].Text = "" }, "remarks[0].text", "is required"},
		{"open engagement with an outcome is refused", func(e *Engagement) {
			e.Outcome = &Outcome{Amount: CNY(80000, 0)}
		}, "outcome", "must be empty while the engagement is open"},
		{"won engagement without outcome is refused", func(e *Engagement) { e.Status = StatusWon }, "outcome", "is required for a won engagement"},
		{"won with amount and date is valid", func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 4, 20}}
		}, "", ""},
		{"won without amount is refused", func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{SignedOn: Date{2024, 4, 20}}
		}, "outcome.amount", "is required for a won engagement"},
		{"won with a negative amount is refused", func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{Amount: Money{Minor: -100}, SignedOn: Date{2024, 4, 20}}
		}, "outcome.amount", "must not be negative"},
		{"won at the largest amount is valid", func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{Amount: Money{Minor: MaxMinor, Currency: "CNY"}, SignedOn: Date{2024, 4, 20}}
		}, "", ""},
		{"won one fen above the largest amount is refused", func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{Amount: Money{Minor: MaxMinor + 1, Currency: "CNY"}, SignedOn: Date{2024, 4, 20}}
		}, "outcome.amount", "金额不能超过 ¥1,000,000,000,000,请核对是否多输了位数 | must be at most ¥1,000,000,000,000; check the amount for extra digits"},
		{"won with the int64 maximum is refused", func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{Amount: Money{Minor: math.MaxInt64}, SignedOn: Date{2024, 4, 20}}
		}, "outcome.amount", "must be at most ¥1,000,000,000,000"},
		{"won without signing date is refused", func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{Amount: CNY(80000, 0)}
		}, "outcome.signed_on", "is required for a won engagement"},
		{"won signed after 2100 is refused", func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{Amount: CNY(80000, 0), SignedOn: Date{2124, 4, 20}}
		}, "outcome.signed_on", "between 1900 and 2100"},
		{"terminated without reason is refused", func(e *Engagement) {
			e.Status = StatusTerminated
			e.Outcome = &Outcome{ReasonCategory: ReasonBudget}
		}, "outcome.reason", "is required for a terminated engagement"},
		{"terminated with unknown category is refused", func(e *Engagement) {
			e.Status = StatusTerminated
			e.Outcome = &Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: "weather"}
		}, "outcome.reason_category", `"weather" is not a known reason category`},
		{"terminated with an amount is refused", func(e *Engagement) {
			e.Status = StatusTerminated
			e.Outcome = &Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: ReasonBudget, Amount: CNY(1, 0)}
		}, "outcome.amount", "must be empty for a terminated engagement"},
		{"NUL in a goal is refused", func(e *Engagement) { e.Goal = "挖掘\x00预算" }, "goal", "NUL"},
		{"invalid UTF-8 in a point is refused", func(e *Engagement) {
			e.Interactions[0].Points[1].Text = "演示\xff\xfe功能"
		}, "interactions[0].points[1].text", "not valid text (UTF-8)"},
		{"overlong topic is refused", func(e *Engagement) {
			e.Interactions[0].Topic = strings.Repeat("话", MaxTextChars+1)
		}, "interactions[0].topic", "must be at most 2000 characters (this one has 2001)"},
		{"occurred_at after 2100 is refused", func(e *Engagement) {
			e.Interactions[0].OccurredAt = t0.AddDate(100, 0, 0)
		}, "interactions[0].occurred_at", "between the years 1900 and 2100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEngagement()
			tt.edit(&e)
			err := e.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			wantField(t, err, tt.field, tt.want)
		})
	}
}
