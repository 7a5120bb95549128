package salesrec

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// fieldsOf returns the field map of a validation error, each message in
// both languages ("zh | en"), failing the test when err is not one.
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
	out := make(map[string]string, len(ve.Fields))
	for k, m := range ve.Fields {
		if m.Zh == "" || m.En == "" {
			t.Errorf("field %s lacks a language: %+v", k, m)
		}
		out[k] = m.Zh + " | " + m.En
	}
	return out
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
