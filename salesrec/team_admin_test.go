package salesrec

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestTeamRules(t *testing.T) {
	gone := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	rep := Member{ID: "r", TeamID: "t1", Role: RoleRep}
	rep2 := Member{ID: "r2", TeamID: "t1", Role: RoleRep}
	manager := Member{ID: "m", TeamID: "t1", Role: RoleManager}
	admin := Member{ID: "a", TeamID: "t1", Role: RoleAdmin}
	otherManager := Member{ID: "m2", TeamID: "t2", Role: RoleManager}
	leftManager := manager
	leftManager.DeactivatedAt = gone
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"a rep manages no team", CanManageTeam(rep, "t1"), false},
		{"a manager manages their team", CanManageTeam(manager, "t1"), true},
		{"an admin manages their team", CanManageTeam(admin, "t1"), true},
		{"nobody manages another team", CanManageTeam(otherManager, "t1"), false},
		{"a deactivated manager manages nothing", CanManageTeam(leftManager, "t1"), false},
		{"every member reads their team", CanReadTeam(rep, "t1"), true},
		{"a deactivated member reads no team", CanReadTeam(leftManager, "t1"), false},
		{"a manager makes a rep manager", CanChangeRole(manager, rep2, RoleManager), true},
		{"a manager makes nobody admin", CanChangeRole(manager, rep2, RoleAdmin), false},
		{"a manager does not raise themselves to admin", CanChangeRole(manager, manager, RoleAdmin), false},
		{"a manager does not demote an admin", CanChangeRole(manager, admin, RoleRep), false},
		{"an admin makes an admin", CanChangeRole(admin, rep2, RoleAdmin), true},
		{"a rep raises nobody", CanChangeRole(rep, rep, RoleManager), false},
		{"another team's manager changes nobody", CanChangeRole(otherManager, rep, RoleRep), false},
		{"a manager deactivates a rep", CanDeactivate(manager, rep), true},
		{"a manager does not deactivate an admin", CanDeactivate(manager, admin), false},
		{"an admin deactivates an admin", CanDeactivate(admin, Member{ID: "a2", TeamID: "t1", Role: RoleAdmin}), true},
		{"a rep deactivates nobody", CanDeactivate(rep, rep2), false},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	e := Engagement{ID: "e1", TeamID: "t1", OwnerID: "r"}
	leftRep := rep
	leftRep.DeactivatedAt = gone
	if CanRead(leftRep, e) || CanReadCustomer(leftRep, Customer{TeamID: "t1"}) {
		t.Error("a deactivated member reads records")
	}
}

func TestCheckKeepsManager(t *testing.T) {
	if err := CheckKeepsManager(1, false, "role"); err != nil {
		t.Errorf("another manager left: %v", err)
	}
	if err := CheckKeepsManager(0, true, "role"); err != nil {
		t.Errorf("the member still manages: %v", err)
	}
	var ve *ValidationError
	if err := CheckKeepsManager(0, false, "member_id"); !errors.As(err, &ve) || ve.Fields["member_id"].Zh == "" || ve.Fields["member_id"].En == "" {
		t.Errorf("the last manager leaving: %v, want a message on member_id in both languages", err)
	}
}

func TestReassign(t *testing.T) {
	e := Engagement{OwnerID: "r1", Actions: []Action{
		{ID: "a1", OwnerID: "r1", Status: ActionPending},
		{ID: "a2", OwnerID: "r1", Status: ActionDone},
		{ID: "a3", OwnerID: "r2", Status: ActionInProgress},
	}}
	got, changed := Reassign(e, "r1", "r3")
	if !changed || got.OwnerID != "r3" {
		t.Fatalf("Reassign: owner %s, changed %v", got.OwnerID, changed)
	}
	owners := []string{got.Actions[0].OwnerID, got.Actions[1].OwnerID, got.Actions[2].OwnerID}
	if !slices.Equal(owners, []string{"r3", "r1", "r2"}) {
		t.Errorf("action owners %v: the open one handed over, the done one and another's kept", owners)
	}
	if e.OwnerID != "r1" || e.Actions[0].OwnerID != "r1" {
		t.Error("Reassign changed its argument")
	}
	if _, changed := Reassign(e, "nobody", "r3"); changed {
		t.Error("Reassign of a member who holds nothing changed something")
	}
}

func TestCheckHandTo(t *testing.T) {
	leaving := Member{ID: "r1", TeamID: "t1"}
	active := func(id string) bool { return id == "r2" }
	if err := CheckHandTo(leaving, "r2", active); err != nil {
		t.Errorf("an active member: %v", err)
	}
	for _, to := range []string{"r1", "r9", ""} {
		var ve *ValidationError
		if err := CheckHandTo(leaving, to, active); !errors.As(err, &ve) || ve.Fields["hand_to"].IsZero() {
			t.Errorf("handing to %q: %v, want a message on hand_to", to, err)
		}
	}
}

func TestOpenWorkError(t *testing.T) {
	var err error = &OpenWorkError{Engagements: 2, Actions: 3}
	var ve *ValidationError
	if !errors.Is(err, ErrInvalid) || !errors.As(err, &ve) {
		t.Fatalf("%v is not a field error wrapping ErrInvalid", err)
	}
	if m := ve.Fields["hand_to"]; !strings.Contains(m.Zh, "2 个") || !strings.Contains(m.En, "3 open actions") {
		t.Errorf("hand_to says %+v", m)
	}
}

func TestMaskContactChanges(t *testing.T) {
	in := []FieldChange{
		{Field: "contacts[0].phone", Before: `"13812345678"`, After: `"13900001111"`},
		{Field: "contacts[1].email", Before: "null", After: `"zhaomin@example.com"`},
		{Field: "contacts[0].name", Before: `"赵敏"`, After: `"钱丽"`},
		{Field: "industry", Before: `"制造业"`, After: `"零售"`},
	}
	got := MaskContactChanges(in)
	want := []FieldChange{
		{Field: "contacts[0].phone", Before: `"138****5678"`, After: `"139****1111"`},
		{Field: "contacts[1].email", Before: "null", After: `"z***@example.com"`},
		in[2], in[3],
	}
	if !slices.Equal(got, want) {
		t.Errorf("MaskContactChanges = %+v, want %+v", got, want)
	}
	if in[0].Before != `"13812345678"` {
		t.Error("MaskContactChanges changed its argument")
	}
}

func TestCreatorSeesContacts(t *testing.T) {
	c := Customer{ID: "c1", TeamID: "t1", CreatedBy: "r1"}
	never := func() (bool, error) { return false, nil }
	for _, tc := range []struct {
		m    Member
		want bool
	}{
		{Member{ID: "r1", TeamID: "t1", Role: RoleRep}, true},
		{Member{ID: "r2", TeamID: "t1", Role: RoleRep}, false},
		{Member{ID: "r1", TeamID: "t2", Role: RoleRep}, false},
	} {
		got, err := CanSeeContacts(tc.m, c, never)
		if err != nil || got != tc.want {
			t.Errorf("%+v sees contacts: %v, %v; want %v", tc.m, got, err, tc.want)
		}
	}
}

func TestDuplicateCustomerError(t *testing.T) {
	var err error = &DuplicateCustomerError{ID: "c42"}
	var dup *DuplicateCustomerError
	if !errors.Is(err, ErrConflict) || !errors.As(err, &dup) || dup.ID != "c42" || !strings.Contains(err.Error(), "c42") {
		t.Errorf("%v: want ErrConflict carrying c42", err)
	}
	if m := dup.Message(); m.Zh == "" || m.En == "" {
		t.Errorf("message %+v", m)
	}
}
