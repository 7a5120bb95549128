package salesrec

import (
	"errors"
	"testing"
)

func TestRepeatedItemIDs(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Engagement)
		want   map[string]string // fields that must be reported
	}{
		{"distinct ids are fine", func(e *Engagement) {}, nil},
		{"a repeated action id is refused at the second item", func(e *Engagement) {
			e.Actions[1].ID = e.Actions[0].ID
		}, map[string]string{"actions[1].id": "repeats the id of an earlier item"}},
		{"empty ids are not yet assigned and never collide", func(e *Engagement) {
			e.Actions[0].ID, e.Actions[1].ID = "", ""
		}, nil},
		{"a repeated id is reported beside the item's other problems", func(e *Engagement) {
			e.Actions[1].ID = e.Actions[0].ID
			e.Actions[1].What = "跟进"
		}, map[string]string{"actions[1].id": "repeats the id of an earlier item", "actions[1].what": ""}},
		{"a repeated interaction id is refused", func(e *Engagement) {
			e.Interactions = append(e.Interactions, e.Interactions[0])
		}, map[string]string{"interactions[1].id": "repeats the id of an earlier item"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEngagement()
			tt.change(&e)
			err := e.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Validate() = %v, want a *ValidationError", err)
			}
			for field, msg := range tt.want {
				got, ok := verr.Fields[field]
				if !ok || (msg != "" && got.En != msg) {
					t.Errorf("field %s: got %q (present %v), want %q; all: %v", field, got, ok, msg, verr.Fields)
				}
			}
		})
	}
}

func TestOwnerIsRequired(t *testing.T) {
	e := validEngagement()
	e.OwnerID = ""
	var verr *ValidationError
	if err := e.Validate(); !errors.As(err, &verr) || verr.Fields["owner_id"].IsZero() {
		t.Fatalf("Validate() without owner = %v, want owner_id reported", err)
	}
}
