package salesrec

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name string
		edit func(e *Engagement)
		want []FieldChange
	}{
		{"no change gives no changes", func(e *Engagement) {}, nil},
		{"an action's status", func(e *Engagement) { e.Actions[1].Status = ActionDone },
			[]FieldChange{{"actions[1].status", `"pending"`, `"done"`}}},
		{"a nested point", func(e *Engagement) { e.Interactions[0].Points[3].Handling = "安排<技术>演示" },
			[]FieldChange{{"interactions[0].points[3].handling", `"安排技术演示"`, `"安排<技术>演示"`}}},
		{"an added lesson", func(e *Engagement) {
			e.Lessons = []Lesson{{Kind: LessonSuccess, Text: "技术演示打消疑虑"}}
		}, []FieldChange{
			{"lessons[0].kind", "null", `"success"`},
			{"lessons[0].text", "null", `"技术演示打消疑虑"`},
		}},
		{"a removed proposal", func(e *Engagement) { e.Proposal = nil }, []FieldChange{
			{"proposal.collaboration[0]", `"technical_support"`, "null"},
			{"proposal.collaboration[1]", `"legal_review"`, "null"},
			{"proposal.summary", `"标准版加数据对接模块,配套实施服务"`, "null"},
		}},
		{"an amount", func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{Amount: CNY(80000, 0), SignedOn: Date{2024, 5, 1}}
		}, []FieldChange{
			{"outcome.amount.currency", "null", `"CNY"`},
			{"outcome.amount.minor", "null", "8000000"},
			{"outcome.signed_on", "null", `"2024-05-01"`},
			{"status", `"open"`, `"won"`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := validEngagement()
			after := validEngagement()
			tt.edit(&after)
			got, err := Diff(before, after)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Diff = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("change %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestDiffOrdersIndexesNumerically(t *testing.T) {
	before := validEngagement()
	after := validEngagement()
	for i := 0; i < 12; i++ {
		after.Actions = append(after.Actions, Action{What: "发送报价单", OwnerID: "m-1", Deadline: Date{2024, 5, i + 1}, Status: ActionPending})
	}
	changes, err := Diff(before, after)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(changes); i++ {
		if !pathLess(changes[i-1].Field, changes[i].Field) {
			t.Fatalf("%s sorts before %s", changes[i-1].Field, changes[i].Field)
		}
	}
	if changes[len(changes)-1].Field[:11] != "actions[13]" {
		t.Fatalf("last change is %s, want actions[13].…", changes[len(changes)-1].Field)
	}
}

// history builds a history the way a store would: a create entry, then one
// entry per edit, each diffed against the previous version. It returns the
// entries and the snapshot taken at each version.
func history(t *testing.T, edits []func(e *Engagement)) ([]HistoryEntry, map[int64]Engagement) {
	t.Helper()
	cur := validEngagement()
	cur.Version = 1
	create, err := CreateChanges(cur)
	if err != nil {
		t.Fatal(err)
	}
	entries := []HistoryEntry{{Seq: 1, Version: 1, Op: OpCreate, Changes: create}}
	snaps := map[int64]Engagement{1: cur}
	for i, edit := range edits {
		next := cloneEngagement(t, cur)
		edit(&next)
		next.Version = cur.Version + 1
		next.UpdatedAt = cur.UpdatedAt.Add(time.Hour)
		changes, err := Diff(cur, next)
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, HistoryEntry{Seq: int64(i + 2), Version: next.Version, Op: OpUpdate, Changes: changes})
		snaps[next.Version] = next
		cur = next
	}
	return entries, snaps
}

func cloneEngagement(t *testing.T, e Engagement) Engagement {
	t.Helper()
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var c Engagement
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func sameJSON(t *testing.T, a, b Engagement) bool {
	t.Helper()
	ja, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(ja) == string(jb)
}

func TestReplayRoundTrip(t *testing.T) {
	edits := []func(e *Engagement){
		func(e *Engagement) { e.Actions[1].Status = ActionInProgress },
		func(e *Engagement) {
			in := validInteraction()
			in.ID = "in-2"
			in.OccurredAt = t0.Add(48 * time.Hour)
			in.Late = true
			in.Points = in.Points[:2]
			e.Interactions = append(e.Interactions, in)
		},
		func(e *Engagement) { e.Actions = e.Actions[1:] }, // remove the first action
		func(e *Engagement) { e.Proposal = nil },
		func(e *Engagement) { e.Proposal = &Proposal{Summary: "改为旗舰版"} },
		func(e *Engagement) { e.Interactions[0].CustomerParticipants = []CustomerParticipant{} },
		func(e *Engagement) {
			e.Status = StatusTerminated
			e.Outcome = &Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: ReasonBudget}
		},
		func(e *Engagement) { e.Outcome = &Outcome{} }, // an empty object is a leaf too
		func(e *Engagement) {
			e.Status = StatusOpen
			e.Outcome = nil
			e.ReopenReason = "客户预算已重新批复"
		},
		func(e *Engagement) {
			e.Status = StatusWon
			e.Outcome = &Outcome{Amount: Money{Minor: 1200050, Currency: "USD"}, SignedOn: Date{2024, 6, 1}}
			e.Lessons = []Lesson{{Kind: LessonSuccess, Text: "技术演示打消了稳定性疑虑"}}
		},
		func(e *Engagement) { e.Interactions = nil; e.Needs = nil; e.Actions = nil; e.Remarks = nil },
	}
	entries, snaps := history(t, edits)
	for v := int64(1); v <= int64(len(edits)+1); v++ {
		got, err := Replay(entries, v)
		if err != nil {
			t.Fatalf("Replay to %d: %v", v, err)
		}
		if !sameJSON(t, got, snaps[v]) {
			a, _ := json.Marshal(got)
			b, _ := json.Marshal(snaps[v])
			t.Fatalf("Replay to %d:\n got %s\nwant %s", v, a, b)
		}
	}
}

func TestReplayAcceptsCreateFromZeroEngagement(t *testing.T) {
	e := validEngagement()
	changes, err := Diff(Engagement{}, e)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Replay([]HistoryEntry{{Version: 1, Op: OpCreate, Changes: changes}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !sameJSON(t, got, e) {
		t.Fatal("replay of a create diffed from the zero engagement differs")
	}
}

func TestReplayErrors(t *testing.T) {
	entries, _ := history(t, []func(e *Engagement){func(e *Engagement) { e.Goal = "推进客户B的方案确认" }})
	tests := []struct {
		name    string
		entries []HistoryEntry
		version int64
		want    error
	}{
		{"empty history", nil, 1, ErrNotFound},
		{"unknown version", entries, 7, ErrNotFound},
		{"version before the create", entries, 0, ErrNotFound},
		{"no create entry first", entries[1:], 2, ErrInvalid},
		{"versions out of order", []HistoryEntry{entries[0], entries[1], entries[1]}, 2, ErrInvalid},
		{"a change that is not JSON", []HistoryEntry{{Version: 1, Op: OpCreate, Changes: []FieldChange{{"goal", "null", "{nope"}}}}, 1, ErrInvalid},
		{"a malformed path", []HistoryEntry{{Version: 1, Op: OpCreate, Changes: []FieldChange{{"actions[x].what", "null", `"a"`}}}}, 1, ErrInvalid},
		{"a path through a leaf", []HistoryEntry{{Version: 1, Op: OpCreate, Changes: []FieldChange{
			{"goal", "null", `"a"`}, {"goal.text", "null", `"b"`},
		}}}, 1, ErrInvalid},
		{"a value of the wrong type", []HistoryEntry{{Version: 1, Op: OpCreate, Changes: []FieldChange{{"version", "null", `"one"`}}}}, 1, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Replay(tt.entries, tt.version)
			if !errors.Is(err, tt.want) {
				t.Fatalf("want %v, got %v", tt.want, err)
			}
		})
	}
}
