package salesrec

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// fieldsOf returns the field map of a validation error, failing the test
// when err is not one.
func fieldsOf(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		t.Fatal("got no error, want a validation error")
	}
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("errors.Is(err, ErrInvalid) is false for %v", err)
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is not a *ValidationError", err)
	}
	return ve.Fields
}

// wantField checks that err names field with a message containing want.
func wantField(t *testing.T, err error, field, want string) {
	t.Helper()
	fields := fieldsOf(t, err)
	msg, ok := fields[field]
	if !ok {
		t.Fatalf("no message for %s; got %v", field, fields)
	}
	if !strings.Contains(msg, want) {
		t.Fatalf("message for %s = %q, want it to contain %q", field, msg, want)
	}
}

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
		}, "outcome.amount", "金额不能超过 ¥1,000,000,000,000,请核对是否多输了位数 / must be at most ¥1,000,000,000,000; check the amount for extra digits"},
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

func TestRulesUseTheirOwnPhraseLists(t *testing.T) {
	e := validEngagement()
	e.Actions[1].What = "跟进"
	e.Needs[0].Content = "想要更多"
	r := DefaultRules()
	r.VagueActions = nil // switched off
	r.VagueContent = []string{"想要更多"}
	err := r.Validate(e)
	fields := fieldsOf(t, err)
	if _, ok := fields["actions[1].what"]; ok {
		t.Errorf("actions[1].what refused with the vague-action check switched off: %v", fields)
	}
	if _, ok := fields["needs[0].content"]; !ok {
		t.Errorf("needs[0].content not refused with a custom vague phrase: %v", fields)
	}
}

func TestValidationErrorListsEveryField(t *testing.T) {
	e := validEngagement()
	e.Goal = ""
	e.Actions[0].What = "跟进一下"
	e.Interactions[0].Points[2].Handling = "x" // allowed on a commitment, not required
	e.Interactions[0].Points[3].Result = ""
	fields := fieldsOf(t, e.Validate())
	for _, k := range []string{"goal", "actions[0].what", "interactions[0].points[3].result"} {
		if _, ok := fields[k]; !ok {
			t.Errorf("missing %s in %v", k, fields)
		}
	}
	if len(fields) != 3 {
		t.Errorf("got %d fields, want 3: %v", len(fields), fields)
	}
}

func TestTypeValidate(t *testing.T) {
	tests := []struct {
		name  string
		v     interface{ Validate() error }
		field string
		want  string
	}{
		{"valid team", Team{Name: "华东销售一组", TimeZone: "Asia/Shanghai"}, "", ""},
		{"team without name", Team{}, "name", "is required"},
		{"team with unknown zone", Team{Name: "x", TimeZone: "Mars/Olympus"}, "time_zone", "not a known time zone"},
		{"valid member", Member{TeamID: "t-1", Name: "李代表", Role: RoleRep}, "", ""},
		{"member with unknown role", Member{TeamID: "t-1", Name: "李代表", Role: "boss"}, "role", `"boss" is not a known role`},
		{"member without team", Member{Name: "李代表", Role: RoleRep}, "team_id", "is required"},
		{"valid customer", Customer{Name: "上海某某数据科技有限公司", Kind: CustomerExisting, SubKind: "复购", Industry: "制造业",
			Contacts: []Contact{{Name: "王总", Title: "采购总监", Email: "wang@example.com"}}}, "", ""},
		{"customer without full name", Customer{Kind: CustomerNew, Industry: "制造业"}, "name", "full legal name"},
		{"customer without kind", Customer{Name: "某某公司", Industry: "制造业"}, "kind", "is required"},
		{"customer without industry", Customer{Name: "某某公司", Kind: CustomerNew}, "industry", "is required"},
		{"customer with blank short name", Customer{Name: "某某公司", Kind: CustomerNew, Industry: "制造业", ShortNames: []string{"某某", " "}}, "short_names[1]", "must not be blank"},
		{"contact without title", Customer{Name: "某某公司", Kind: CustomerNew, Industry: "制造业", Contacts: []Contact{{Name: "王总"}}}, "contacts[0].title", "is required"},
		{"contact with a bad email", Contact{Name: "王总", Title: "采购总监", Email: "wang at example"}, "email", "email address"},
		{"contact with an overlong phone", Contact{Name: "王总", Title: "采购总监", Phone: strings.Repeat("1", 51)}, "phone", "at most 50 characters"},
		{"valid money", CNY(80000, 0), "", ""},
		{"negative money", Money{Minor: -1}, "minor", "must not be negative"},
		{"money at the largest amount", Money{Minor: MaxMinor, Currency: "USD"}, "", ""},
		{"money above the largest amount", Money{Minor: MaxMinor + 1, Currency: "USD"}, "minor", "金额不能超过 USD 1,000,000,000,000.00"},
		{"money at the int64 maximum", Money{Minor: math.MaxInt64}, "minor", "must be at most ¥1,000,000,000,000"},
		{"money in an unknown currency", Money{Minor: 1, Currency: "XYZ"}, "currency", `"XYZ" is not a known currency`},
		{"valid place", Place{Mode: PlaceOffline, Address: "上海市浦东新区世纪大道100号"}, "", ""},
		{"place with unknown mode", Place{Mode: "hybrid"}, "mode", `"hybrid" is not a known place type`},
		{"valid point", Point{Speaker: SpeakerCustomer, Kind: PointApproval, Text: "认可数据同步方案"}, "", ""},
		{"point without text", Point{Speaker: SpeakerCustomer, Kind: PointApproval}, "text", "is required"},
		{"valid need", Need{Class: NeedPotential, Priority: PriorityLow, Content: "未来可能需要移动端报表"}, "", ""},
		{"need with vague content", Need{Class: NeedPotential, Priority: PriorityLow, Content: "has needs"}, "content", "too vague"},
		{"valid action", Action{What: "发送报价单", OwnerID: "m-1", Deadline: Date{2024, 4, 10}, Status: ActionPending}, "", ""},
		{"action with unknown status", Action{What: "发送报价单", OwnerID: "m-1", Deadline: Date{2024, 4, 10}, Status: "blocked"}, "status", `"blocked" is not a known action status`},
		{"valid proposal", Proposal{Summary: "标准版加对接模块"}, "", ""},
		{"valid lesson", Lesson{Kind: LessonImprovement, Text: "响应速度未达客户预期"}, "", ""},
		{"valid remark", Remark{AuthorID: "m-1", At: t0, Text: "法务审核已完成"}, "", ""},
		{"valid won outcome", Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 4, 20}}, "", ""},
		{"valid terminated outcome", Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: ReasonBudget}, "", ""},
		{"terminated outcome without category", Outcome{Reason: "预算调整,暂缓采购"}, "reason_category", "is required"},
		{"empty outcome", Outcome{}, "amount", "is required"},
		{"valid interaction", validInteraction(), "", ""},
		{"interaction with a vague point", func() Interaction {
			in := validInteraction()
			in.Points[1].Text = "沟通一下"
			return in
		}(), "points[1].text", "too vague"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.v.Validate()
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

func TestOutcomeValidateFor(t *testing.T) {
	won := Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 4, 20}}
	if err := won.ValidateFor(StatusWon); err != nil {
		t.Errorf("won outcome for won: %v", err)
	}
	wantField(t, won.ValidateFor(StatusTerminated), "amount", "must be empty for a terminated engagement")
	wantField(t, won.ValidateFor(StatusTerminated), "reason", "is required")
	wantField(t, won.ValidateFor(StatusOpen), "outcome", "must be empty while the engagement is open")
	if err := (Outcome{}).ValidateFor(StatusOpen); err != nil {
		t.Errorf("empty outcome for open: %v", err)
	}
}

func TestCheckMembers(t *testing.T) {
	team := map[string]bool{"m-1": true, "m-2": true}
	isMember := func(id string) bool { return team[id] }
	tests := []struct {
		name   string
		change func(*Engagement)
		field  string // "" when valid
	}{
		{"owners and participants of the team are fine", func(e *Engagement) {}, ""},
		{"an action owned by another team's member is refused", func(e *Engagement) { e.Actions[1].OwnerID = "m-9" }, "actions[1].owner_id"},
		{"an owner outside the team is refused", func(e *Engagement) { e.OwnerID = "m-9" }, "owner_id"},
		{"a linked sales participant outside the team is refused", func(e *Engagement) {
			e.Interactions[0].SalesParticipants[0].MemberID = "m-9"
		}, "interactions[0].sales_participants[0].member_id"},
		{"an unlinked sales participant (name only) is fine", func(e *Engagement) {
			e.Interactions[0].SalesParticipants[0].MemberID = ""
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEngagement()
			for i := range e.Interactions {
				for j := range e.Interactions[i].SalesParticipants {
					e.Interactions[i].SalesParticipants[j].MemberID = "m-2"
				}
			}
			tt.change(&e)
			err := e.CheckMembers(isMember)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("CheckMembers() = %v, want nil", err)
				}
				return
			}
			wantField(t, err, tt.field, "is not a member of the sales team")
		})
	}
}

func TestParticipants(t *testing.T) {
	e := validEngagement()
	e.OwnerID = "m-1"
	e.Interactions[0].SalesParticipants = []SalesParticipant{{MemberID: "m-2", Name: "张伟", Role: "主谈"}, {Name: "孙工", Role: "售前"}}
	e.Actions[0].OwnerID, e.Actions[1].OwnerID = "m-3", "m-1"
	got := e.Participants()
	want := []string{"m-1", "m-2", "m-3"}
	if len(got) != len(want) {
		t.Fatalf("Participants() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Participants() = %v, want %v", got, want)
		}
	}
}
