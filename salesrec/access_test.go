package salesrec

import (
	"errors"
	"testing"
)

func TestCanRead(t *testing.T) {
	e := Engagement{
		ID: "e1", TeamID: "t1", OwnerID: "owner",
		Interactions: []Interaction{{SalesParticipants: []SalesParticipant{{MemberID: "participant"}, {Name: "外部顾问"}}}},
		Actions:      []Action{{OwnerID: "action-owner"}},
	}
	tests := []struct {
		name string
		m    Member
		want bool
	}{
		{"manager of the team", Member{ID: "m", TeamID: "t1", Role: RoleManager}, true},
		{"admin of the team", Member{ID: "a", TeamID: "t1", Role: RoleAdmin}, true},
		{"rep who owns it", Member{ID: "owner", TeamID: "t1", Role: RoleRep}, true},
		{"rep who is a sales participant", Member{ID: "participant", TeamID: "t1", Role: RoleRep}, true},
		{"rep who owns an action", Member{ID: "action-owner", TeamID: "t1", Role: RoleRep}, true},
		{"rep with no part in it", Member{ID: "r", TeamID: "t1", Role: RoleRep}, false},
		{"manager of another team", Member{ID: "m2", TeamID: "t2", Role: RoleManager}, false},
		{"the owner's id in another team", Member{ID: "owner", TeamID: "t2", Role: RoleRep}, false},
		{"a participant without a member id", Member{ID: "", TeamID: "t1", Role: RoleRep}, false},
		{"no member at all", Member{}, false},
		{"an unknown role", Member{ID: "x", TeamID: "t1", Role: "director"}, false},
	}
	for _, tc := range tests {
		if got := CanRead(tc.m, e); got != tc.want {
			t.Errorf("%s: CanRead = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCanSeeContacts(t *testing.T) {
	c := Customer{ID: "c1", TeamID: "t1"}
	errDB := errors.New("database down")
	tests := []struct {
		name    string
		m       Member
		owns    bool
		asked   bool
		want    bool
		wantErr error
	}{
		{"manager of the team", Member{ID: "m", TeamID: "t1", Role: RoleManager}, false, false, true, nil},
		{"admin of the team", Member{ID: "a", TeamID: "t1", Role: RoleAdmin}, false, false, true, nil},
		{"rep who owns an engagement with it", Member{ID: "r", TeamID: "t1", Role: RoleRep}, true, true, true, nil},
		{"rep who owns none", Member{ID: "r", TeamID: "t1", Role: RoleRep}, false, true, false, nil},
		{"manager of another team", Member{ID: "m2", TeamID: "t2", Role: RoleManager}, true, false, false, nil},
		{"rep of another team", Member{ID: "r2", TeamID: "t2", Role: RoleRep}, true, false, false, nil},
		{"no member", Member{}, true, false, false, nil},
		{"the owner query fails", Member{ID: "r", TeamID: "t1", Role: RoleRep}, false, true, false, errDB},
	}
	for _, tc := range tests {
		asked := false
		got, err := CanSeeContacts(tc.m, c, func() (bool, error) {
			asked = true
			return tc.owns, tc.wantErr
		})
		if got != tc.want || !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
			t.Errorf("%s: CanSeeContacts = %v, %v; want %v, %v", tc.name, got, err, tc.want, tc.wantErr)
		}
		if asked != tc.asked {
			t.Errorf("%s: asked whether the member owns an engagement: %v, want %v", tc.name, asked, tc.asked)
		}
	}
}

func TestCanWriteAndCreate(t *testing.T) {
	e := Engagement{
		ID: "e1", TeamID: "t1", OwnerID: "owner",
		Interactions: []Interaction{{SalesParticipants: []SalesParticipant{{MemberID: "participant"}}}},
		Actions:      []Action{{OwnerID: "action-owner"}},
	}
	tests := []struct {
		name string
		m    Member
		want bool
	}{
		{"manager of the team", Member{ID: "m", TeamID: "t1", Role: RoleManager}, true},
		{"admin of the team", Member{ID: "a", TeamID: "t1", Role: RoleAdmin}, true},
		{"rep who owns it", Member{ID: "owner", TeamID: "t1", Role: RoleRep}, true},
		{"rep who is a sales participant", Member{ID: "participant", TeamID: "t1", Role: RoleRep}, true},
		{"rep who owns an action", Member{ID: "action-owner", TeamID: "t1", Role: RoleRep}, true},
		{"rep with no part in it", Member{ID: "r", TeamID: "t1", Role: RoleRep}, false},
		{"manager of another team", Member{ID: "m2", TeamID: "t2", Role: RoleManager}, false},
		{"no member at all", Member{}, false},
	}
	for _, tc := range tests {
		if got := CanWrite(tc.m, e); got != tc.want {
			t.Errorf("%s: CanWrite = %v, want %v", tc.name, got, tc.want)
		}
		if got := CanCreate(tc.m, e); got != tc.want {
			t.Errorf("%s: CanCreate = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCustomerRules(t *testing.T) {
	c := Customer{ID: "c1", TeamID: "t1"}
	tests := []struct {
		name                 string
		m                    Member
		owns                 bool
		read, create, update bool
	}{
		{"manager of the team", Member{ID: "m", TeamID: "t1", Role: RoleManager}, false, true, true, true},
		{"admin of the team", Member{ID: "a", TeamID: "t1", Role: RoleAdmin}, false, true, true, true},
		{"rep who owns an engagement with it", Member{ID: "r", TeamID: "t1", Role: RoleRep}, true, true, true, true},
		{"rep who owns none", Member{ID: "r", TeamID: "t1", Role: RoleRep}, false, true, true, false},
		{"manager of another team", Member{ID: "m2", TeamID: "t2", Role: RoleManager}, true, false, false, false},
		{"rep of another team", Member{ID: "r2", TeamID: "t2", Role: RoleRep}, true, false, false, false},
		{"no member", Member{}, true, false, false, false},
	}
	for _, tc := range tests {
		if got := CanReadCustomer(tc.m, c); got != tc.read {
			t.Errorf("%s: CanReadCustomer = %v, want %v", tc.name, got, tc.read)
		}
		if got := CanCreateCustomer(tc.m, c); got != tc.create {
			t.Errorf("%s: CanCreateCustomer = %v, want %v", tc.name, got, tc.create)
		}
		got, err := CanUpdateCustomer(tc.m, c, func() (bool, error) { return tc.owns, nil })
		if got != tc.update || err != nil {
			t.Errorf("%s: CanUpdateCustomer = %v, %v; want %v", tc.name, got, err, tc.update)
		}
	}
}
