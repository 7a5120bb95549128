package storage

import (
	"strconv"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// prepareNew fills what the store owns in a new engagement: ids, version,
// timestamps, interaction stamps (by stamp: stampInWhole or stampClock),
// remark authors.
func (s *Store) prepareNew(e salesrec.Engagement, actorID string, now time.Time, stamp stampFunc) (salesrec.Engagement, error) {
	if err := checkStrings(e); err != nil {
		return e, err
	}
	if e.ID == "" {
		e.ID = newID()
	}
	if e.Status == "" {
		e.Status = salesrec.StatusOpen
	}
	e.Version = 1
	e.CreatedAt, e.UpdatedAt = now, now
	e.Interactions = cloneSlice(e.Interactions)
	for i, in := range e.Interactions {
		stamped, err := stamp(in, now)
		if err != nil {
			return e, prefixErr("interactions["+strconv.Itoa(i)+"]", err)
		}
		e.Interactions[i] = stamped
	}
	e.Actions = fillActions(e.Actions)
	e.Remarks = fillRemarks(e.Remarks, nil, actorID, now)
	return e, nil
}

// stampFunc stamps an interaction of a new engagement.
type stampFunc func(in salesrec.Interaction, now time.Time) (salesrec.Interaction, error)

// stamp gives an interaction an id and its recorded-at time and lateness
// from the store's clock, through the rules.
func (s *Store) stamp(in salesrec.Interaction, now time.Time) (salesrec.Interaction, error) {
	if in.ID == "" {
		in.ID = newID()
	}
	in.SalesParticipants = cloneSlice(in.SalesParticipants)
	return s.rules.StampInteraction(in, now)
}

// stampInWhole is stamp for an interaction of an engagement that is then
// validated whole (s.validate, which validates every interaction in full
// with the store's rules): StampInteraction runs with s.stampRules, the
// rules without the vague-phrase lists, so the interaction's phrase checks
// are done once, by the whole validation, instead of twice. Clock rules and
// required fields are still checked here.
func (s *Store) stampInWhole(in salesrec.Interaction, now time.Time) (salesrec.Interaction, error) {
	if in.ID == "" {
		in.ID = newID()
	}
	in.SalesParticipants = cloneSlice(in.SalesParticipants)
	return s.stampRules.StampInteraction(in, now)
}

// stampClock is stampInWhole that validates nothing but the clock rules
// (salesrec.Rules.StampClock): for an engagement validated whole right
// after, which checks everything else the stamp would. See prepareCreate.
func (s *Store) stampClock(in salesrec.Interaction, now time.Time) (salesrec.Interaction, error) {
	if in.ID == "" {
		in.ID = newID()
	}
	in.SalesParticipants = cloneSlice(in.SalesParticipants)
	return s.stampRules.StampClock(in, now)
}

// fillActions gives new actions an id and the pending status.
func fillActions(in []salesrec.Action) []salesrec.Action {
	out := cloneSlice(in)
	for i := range out {
		if out[i].ID == "" {
			out[i].ID = newID()
		}
		if out[i].Status == "" {
			out[i].Status = salesrec.ActionPending
		}
	}
	return out
}

// fillRemarks gives new remarks an id, the actor as author and now as time;
// remarks already stored keep their author and time.
func fillRemarks(in, stored []salesrec.Remark, actorID string, now time.Time) []salesrec.Remark {
	old := make(map[string]salesrec.Remark, len(stored))
	for _, r := range stored {
		old[r.ID] = r
	}
	out := cloneSlice(in)
	for i, r := range out {
		if o, ok := old[r.ID]; ok && r.ID != "" {
			r.AuthorID, r.At = o.AuthorID, o.At
			out[i] = r
			continue
		}
		if r.ID == "" {
			r.ID = newID()
		}
		r.AuthorID, r.At = actorID, now
		out[i] = r
	}
	return out
}

func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append([]T(nil), s...)
}
