package salesrec

import (
	"errors"
	"strings"
	"testing"
)

func TestIDRule(t *testing.T) {
	tests := []struct {
		name, id string
		ok       bool
		says     string // part of the message when refused
	}{
		{"a generated hex id", "9e15f4e1b5acb8b22fc41f57ff7a0725", true, ""},
		{"a UUID", "3f2c1a9e-7b4d-4c1e-9a2b-1c3d5e7f9a0b", true, ""},
		{"a short hand-picked id", "t1", true, ""},
		{"dots, dashes and underscores inside", "crm.lead-42_b", true, ""},
		{"exactly the maximum length", strings.Repeat("a", MaxIDLen), true, ""},
		{"one over the maximum length", strings.Repeat("a", MaxIDLen+1), false, "最多 64 个字符"},
		{"a slash", "x/reason", false, "'/'"},
		{"a leading underscore", "_state", false, "须以英文字母或数字开头"},
		{"a leading dot", ".hidden", false, "must start with"},
		{"a leading dash", "-x", false, "must start with"},
		{"a newline", "e1\nz", false, `'\n'`},
		{"a space", "e 1", false, "' '"},
		{"Chinese characters", "客户1", false, "'客'"},
		{"a full-width digit", "e１", false, "只能由英文字母"},
		{"a percent sign", "e%2F", false, "'%'"},
		{"invalid UTF-8", "e\xff", false, "an invalid byte"},
		{"a NUL", "e\x00", false, `'\x00'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckID("id", tt.id)
			if got := ValidID(tt.id); got != tt.ok {
				t.Errorf("ValidID(%q) = %v, want %v", tt.id, got, tt.ok)
			}
			if tt.ok {
				if err != nil {
					t.Errorf("CheckID(%q) = %v, want nil", tt.id, err)
				}
				return
			}
			var verr *ValidationError
			if !errors.As(err, &verr) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("CheckID(%q) = %v, want a *ValidationError", tt.id, err)
			}
			if msg := verr.Fields["id"]; !strings.Contains(msg.Zh+" | "+msg.En, tt.says) {
				t.Errorf("CheckID(%q) says %q, want it to mention %q", tt.id, msg, tt.says)
			}
		})
	}
	if err := CheckID("engagement_id", ""); err == nil {
		t.Error("CheckID of an empty id = nil, want it refused")
	}
}

// Every record a caller may name refuses an id outside the rule, under the
// JSON path of that id, and accepts an empty one (the store assigns it).
func TestValidateAppliesTheIDRule(t *testing.T) {
	const bad = "x/reason"
	e := validEngagement()
	e.ID, e.Actions[0].ID, e.Interactions[0].ID = bad, bad, bad
	e.Remarks = []Remark{{ID: bad, AuthorID: "m1", At: e.Interactions[0].OccurredAt, Text: "客户很配合"}}
	tests := []struct {
		name   string
		err    error
		fields []string
	}{
		{"engagement and its items", e.Validate(), []string{"id", "actions[0].id", "interactions[0].id", "remarks[0].id"}},
		{"team", Team{ID: bad, Name: "华东"}.Validate(), []string{"id"}},
		{"member", Member{ID: bad, TeamID: "t1", Name: "王", Role: RoleRep}.Validate(), []string{"id"}},
		{"customer", Customer{ID: bad, Name: "某公司", Kind: CustomerNew, Industry: "制造业"}.Validate(), []string{"id"}},
	}
	for _, tt := range tests {
		var verr *ValidationError
		if !errors.As(tt.err, &verr) {
			t.Errorf("%s: Validate() = %v, want a *ValidationError", tt.name, tt.err)
			continue
		}
		for _, f := range tt.fields {
			if !strings.Contains(verr.Fields[f].Zh, "'/'") || !strings.Contains(verr.Fields[f].En, "'/'") {
				t.Errorf("%s: field %s = %q, want the id rule's message; all: %v", tt.name, f, verr.Fields[f], verr.Fields)
			}
		}
	}
	ok := validEngagement()
	ok.ID, ok.Actions[0].ID, ok.Interactions[0].ID = "", "", ""
	if err := ok.Validate(); err != nil {
		t.Errorf("Validate() with ids not yet assigned = %v, want nil", err)
	}
}
