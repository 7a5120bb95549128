package salesrec

import (
	"reflect"
	"time"
)

// MatchIDs returns next, an edit of the stored engagement cur sent as a
// whole (a PUT), with the ids its sender left out filled in from cur, so
// that sending back what was read changes nothing and writes no history:
//
//   - an action without an id takes the id of a stored action equal to it
//     but for the id; failing that, of one with the same what, so that a
//     changed deadline or status is a change to that action, not a new one;
//   - an interaction without an id takes the id of a stored one equal to it
//     but for id, recorded_at and late (which the store sets);
//   - a remark without an id takes the id of a stored one with the same
//     text and collaboration.
//
// Each stored item gives its id at most once, first come first served, and
// never when next already names it. Ids that next gives are left as they
// are, known or not: whoever stores next decides about those.
//
// An item that now has a stored item's id also takes what the store set on
// it (an interaction's recorded_at and late, a remark's author and time),
// as the store would; and an interaction whose occurred_at is the same
// moment as the stored one's keeps the stored form of it, so a time read
// back in another time zone (the team's, say) is no change either. Diff of
// cur and the result is then empty for a PUT of what was read.
// MatchIDs changes neither argument.
func MatchIDs(cur, next Engagement) Engagement {
	next.Actions = matchIDs(cur.Actions, next.Actions,
		func(a *Action) *string { return &a.ID },
		func(a, b Action) bool { a.ID, b.ID = "", ""; return a == b },
		func(a, b Action) bool { return a.What == b.What })
	next.Interactions = matchIDs(cur.Interactions, next.Interactions,
		func(in *Interaction) *string { return &in.ID },
		sameInteraction)
	next.Remarks = matchIDs(cur.Remarks, next.Remarks,
		func(r *Remark) *string { return &r.ID },
		func(a, b Remark) bool { return a.Text == b.Text && a.Collaboration == b.Collaboration })

	storedIn := byID(cur.Interactions, func(in Interaction) string { return in.ID })
	for i, in := range next.Interactions {
		if old, ok := storedIn[in.ID]; ok {
			next.Interactions[i].RecordedAt, next.Interactions[i].Late = old.RecordedAt, old.Late
			if in.OccurredAt.Equal(old.OccurredAt) {
				next.Interactions[i].OccurredAt = old.OccurredAt
			}
		}
	}
	storedRemarks := byID(cur.Remarks, func(r Remark) string { return r.ID })
	for i, r := range next.Remarks {
		if old, ok := storedRemarks[r.ID]; ok {
			next.Remarks[i].AuthorID, next.Remarks[i].At = old.AuthorID, old.At
		}
	}
	return next
}

// byID indexes items by their non-empty ids.
func byID[T any](items []T, id func(T) string) map[string]T {
	out := make(map[string]T, len(items))
	for _, it := range items {
		if k := id(it); k != "" {
			out[k] = it
		}
	}
	return out
}

// sameInteraction reports whether two interactions say the same, leaving
// out what the store sets (id, recorded_at, late) and the zone occurred_at
// is written in.
func sameInteraction(a, b Interaction) bool {
	return a.OccurredAt.Equal(b.OccurredAt) && reflect.DeepEqual(said(a), said(b))
}

// said is an interaction without what the store sets and without its time.
func said(in Interaction) Interaction {
	in.ID, in.RecordedAt, in.Late, in.OccurredAt = "", time.Time{}, false, time.Time{}
	return in
}

// matchIDs fills the empty ids of next (a copy) from the items of cur,
// trying each rule in turn over every id-less item: an item takes the id
// of the first stored item the rule finds alike that no item of next has
// claimed yet.
func matchIDs[T any](cur, next []T, id func(*T) *string, rules ...func(a, b T) bool) []T {
	if len(next) == 0 || len(cur) == 0 {
		return next
	}
	out := append([]T(nil), next...)
	claimed := make(map[string]bool, len(out))
	for i := range out {
		if v := *id(&out[i]); v != "" {
			claimed[v] = true
		}
	}
	for _, alike := range rules {
		for i := range out {
			if *id(&out[i]) != "" {
				continue
			}
			for j := range cur {
				c := *id(&cur[j])
				if c != "" && !claimed[c] && alike(out[i], cur[j]) {
					*id(&out[i]) = c
					claimed[c] = true
					break
				}
			}
		}
	}
	return out
}
