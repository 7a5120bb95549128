package salesrec

import (
	"testing"
)

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
