package salesrec

import (
	"testing"
	"time"
)

// withoutIDs is e as a client that drops ids sends it back.
func withoutIDs(e Engagement) Engagement {
	e.Actions = append([]Action(nil), e.Actions...)
	for i := range e.Actions {
		e.Actions[i].ID = ""
	}
	e.Interactions = append([]Interaction(nil), e.Interactions...)
	for i := range e.Interactions {
		e.Interactions[i].ID = ""
		e.Interactions[i].RecordedAt, e.Interactions[i].Late = time.Time{}, false
	}
	e.Remarks = append([]Remark(nil), e.Remarks...)
	for i := range e.Remarks {
		e.Remarks[i].ID, e.Remarks[i].AuthorID, e.Remarks[i].At = "", "", time.Time{}
	}
	return e
}

func TestMatchIDsMakesANoOpPutChangeNothing(t *testing.T) {
	cur := validEngagement()
	cur.Interactions[0].RecordedAt, cur.Interactions[0].Late = t0.Add(time.Hour), true
	sent := withoutIDs(cur)
	// Read back in another zone: the same moments.
	sent.Interactions[0].OccurredAt = cur.Interactions[0].OccurredAt.UTC()

	got := MatchIDs(cur, sent)
	for i, a := range got.Actions {
		if a.ID != cur.Actions[i].ID {
			t.Errorf("actions[%d] got id %q, want %q", i, a.ID, cur.Actions[i].ID)
		}
	}
	if got.Interactions[0].ID != "in-1" || got.Interactions[0].OccurredAt.Location() != shanghaiTZ {
		t.Errorf("interaction matched as %q at %v", got.Interactions[0].ID, got.Interactions[0].OccurredAt)
	}
	if got.Remarks[0].ID != "r-1" {
		t.Errorf("remark matched as %q", got.Remarks[0].ID)
	}
	if !got.Interactions[0].RecordedAt.Equal(cur.Interactions[0].RecordedAt) || !got.Interactions[0].Late {
		t.Errorf("the matched interaction lost what the store set: %v %v", got.Interactions[0].RecordedAt, got.Interactions[0].Late)
	}
	changes, err := Diff(cur, got)
	if err != nil || len(changes) != 0 {
		t.Errorf("a PUT of what was read changes %v (%v)", changes, err)
	}
	if sent.Actions[0].ID != "" || sent.Interactions[0].OccurredAt.Location() != time.UTC {
		t.Error("MatchIDs changed its argument")
	}
}

func TestMatchIDsRules(t *testing.T) {
	cur := validEngagement()
	t.Run("a changed status keeps the action's id", func(t *testing.T) {
		sent := withoutIDs(cur)
		sent.Actions[1].Status = ActionDone
		got := MatchIDs(cur, sent)
		if got.Actions[1].ID != "a-2" {
			t.Errorf("got %q, want a-2", got.Actions[1].ID)
		}
		changes, _ := Diff(cur, got)
		if len(changes) != 1 || changes[0].Field != "actions[1].status" {
			t.Errorf("changes %v, want only actions[1].status", changes)
		}
	})
	t.Run("a new action gets no stored id", func(t *testing.T) {
		sent := withoutIDs(cur)
		sent.Actions = append(sent.Actions, Action{What: "安排技术演示", OwnerID: "m-1", Deadline: Date{2024, 4, 12}, Status: ActionPending})
		got := MatchIDs(cur, sent)
		if got.Actions[2].ID != "" {
			t.Errorf("a new action took id %q", got.Actions[2].ID)
		}
	})
	t.Run("a stored id is given once", func(t *testing.T) {
		sent := withoutIDs(cur)
		sent.Actions = append(sent.Actions, sent.Actions[0])
		got := MatchIDs(cur, sent)
		if got.Actions[0].ID != "a-1" || got.Actions[2].ID != "" {
			t.Errorf("ids %q and %q, want a-1 and none", got.Actions[0].ID, got.Actions[2].ID)
		}
	})
	t.Run("an id the client names is not given to another", func(t *testing.T) {
		sent := withoutIDs(cur)
		sent.Actions[1].ID = "a-1"
		got := MatchIDs(cur, sent)
		if got.Actions[0].ID != "" || got.Actions[1].ID != "a-1" {
			t.Errorf("ids %q and %q, want none and a-1", got.Actions[0].ID, got.Actions[1].ID)
		}
	})
	t.Run("an interaction at another moment is new", func(t *testing.T) {
		sent := withoutIDs(cur)
		sent.Interactions[0].OccurredAt = sent.Interactions[0].OccurredAt.Add(time.Minute)
		if got := MatchIDs(cur, sent); got.Interactions[0].ID != "" {
			t.Errorf("took id %q", got.Interactions[0].ID)
		}
	})
	t.Run("an interaction with another point is new", func(t *testing.T) {
		sent := withoutIDs(cur)
		sent.Interactions[0].Points = append([]Point(nil), sent.Interactions[0].Points...)
		sent.Interactions[0].Points[0].Text = "客户要求下周演示"
		if got := MatchIDs(cur, sent); got.Interactions[0].ID != "" {
			t.Errorf("took id %q", got.Interactions[0].ID)
		}
	})
}
