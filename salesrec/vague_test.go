package salesrec

import "testing"

func TestIsVague(t *testing.T) {
	actions, content := DefaultVagueActions(), DefaultVagueContent()
	tests := []struct {
		name    string
		text    string
		phrases []string
		want    bool
	}{
		{"bare 跟进 is vague", "跟进", actions, true},
		{"跟进一下 is vague", "跟进一下", actions, true},
		{"跟进一下客户 with filler is vague", "跟进一下客户。", actions, true},
		{"联系客户 is vague", "联系客户", actions, true},
		{"沟通一下 is vague", "沟通一下", actions, true},
		{"再说 is vague", "再说吧", actions, true},
		{"保持联系 is vague", "保持联系!", actions, true},
		{"two vague verbs are vague", "跟进、联系", actions, true},
		{"a time word adds nothing: 后续跟进", "后续跟进", actions, true},
		{"a time word adds nothing: 下周再联系", "下周再联系", actions, true},
		{"a channel alone adds nothing: 电话联系客户", "电话联系客户", actions, true},
		{"持续沟通 is vague", "持续沟通", actions, true},
		{"与客户保持沟通 is vague", "与客户保持沟通", actions, true},
		{"a channel with a concrete object is fine", "电话联系王总确认预算审批进度", actions, false},
		{"a deadline with a concrete action is fine", "下周三前发送报价单", actions, false},
		{"follow up in any case is vague", "  Follow Up. ", actions, true},
		{"follow-up with hyphen is vague", "follow-up", actions, true},
		{"touch base with the customer is vague", "touch base with the customer", actions, true},
		{"check in is vague", "check in", actions, true},
		{"concrete text containing 跟进 is fine", "跟进合同初稿的法务审核意见并在4月10日前回复", actions, false},
		{"send the quote is fine", "发送报价单", actions, false},
		{"follow up with a concrete object is fine", "follow up on the legal review of the draft contract", actions, false},
		{"blank is not vague", "  ", actions, false},
		{"客户有需求 is vague content", "客户有需求", content, true},
		{"有意向 is vague content", "有意向。", content, true},
		{"interested is vague content", "Interested", content, true},
		{"has needs is vague content", "has needs", content, true},
		{"degree words add nothing: 客户很感兴趣", "客户很感兴趣", content, true},
		{"有购买意向 is vague content", "有购买意向", content, true},
		{"concrete need is fine", "需要支持多数据源实时对接", content, false},
		{"the template's concrete need is fine", "客户提出需支持多数据源实时对接,预算控制在50万以内", content, false},
		{"no phrases means nothing is vague", "跟进", nil, false},
		{"a word that only starts like a filler is not cut", "themes", []string{"es"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsVague(tt.text, tt.phrases); got != tt.want {
				t.Errorf("IsVague(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestDefaultPhraseListsAreFresh(t *testing.T) {
	a := DefaultVagueActions()
	a[0] = "changed"
	if DefaultVagueActions()[0] == "changed" {
		t.Fatal("DefaultVagueActions shares its slice between calls")
	}
}

// Prepared rules must notice a phrase list changed after preparation, in
// place or replaced, and validate with the list as it is now.
func TestPreparedRulesSeeChangedLists(t *testing.T) {
	a := Action{ID: "a1", What: "催一下", OwnerID: "m1", Deadline: Date{2024, 4, 10}, Status: ActionPending}
	e := Engagement{CustomerID: "c1", OwnerID: "m1", Stage: StageNewCustomer, Goal: "推进方案确认", Status: StatusOpen, Actions: []Action{a}}

	r := DefaultRules().Prepared()
	if err := r.Validate(e); err != nil {
		t.Fatalf("催一下 is not in the default list, got %v", err)
	}
	r.VagueActions = append(r.VagueActions, "催")
	if err := r.Validate(e); err == nil {
		t.Fatal("an appended phrase was not seen by prepared rules")
	}
	r = DefaultRules().Prepared()
	r.VagueActions[0] = "催" // in place
	if err := r.Validate(e); err == nil {
		t.Fatal("a phrase changed in place was not seen by prepared rules")
	}
}

func TestVagueGoal(t *testing.T) {
	tests := []struct {
		goal  string
		vague bool
	}{
		{"有需求", true},
		{"跟进客户", true},
		{"跟进一下客户", true},
		{"客户有需求", true},
		{"跟进、有意向", true},
		{"Follow up with the customer", true},
		{"  有需求  ", true},
		{"挖掘客户A的采购预算", false},
		{"推进方案确认", false},
		{"确认客户的多数据源对接需求与预算", false},
	}
	for _, tt := range tests {
		t.Run(tt.goal, func(t *testing.T) {
			e := validEngagement()
			e.Goal = tt.goal
			err := e.Validate()
			if !tt.vague {
				if err != nil {
					t.Fatalf("want accepted, got %v", err)
				}
				return
			}
			wantField(t, err, "goal", "is too vague: say what this record should achieve")
		})
	}
	// Rules without phrase lists switch the goal check off too.
	e := validEngagement()
	e.Goal = "跟进客户"
	if err := (Rules{}).Validate(e); err != nil {
		t.Fatalf("rules without phrase lists: %v", err)
	}
}
