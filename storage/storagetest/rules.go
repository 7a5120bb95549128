package storagetest

import (
	"errors"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// testRules: the rules given in storage.Options.Rules are the ones the store
// validates and stamps writes with — the vague-phrase lists, the late
// window and mode, the future skew — on create and on a logged interaction,
// and a store opened without them keeps the template's defaults.
func testRules(t *testing.T, open Opener) {
	with := func(edit func(r *salesrec.Rules)) storage.Options {
		r := salesrec.DefaultRules()
		edit(&r)
		return storage.Options{Rules: &r}
	}
	// create writes e (edited from a valid engagement) as rep1 and returns
	// what the store answered.
	create := func(t *testing.T, w *world, edit func(e *salesrec.Engagement)) (salesrec.Engagement, error) {
		t.Helper()
		e := w.engagement(w.rep1, w.custA1, w.today(3))
		edit(&e)
		return w.s.CreateEngagement(w.ctx, w.rep1.ID, e)
	}
	followUp := func(e *salesrec.Engagement) { e.Actions[0].What = "跟进" }
	callBack := func(e *salesrec.Engagement) { e.Actions[0].What = "电话回访" }
	hourAgo := func(h float64) func(e *salesrec.Engagement) {
		return func(e *salesrec.Engagement) {
			e.Interactions[0].OccurredAt = start.Add(-time.Duration(h * float64(time.Hour)))
		}
	}

	t.Run("vague-phrase lists", func(t *testing.T) {
		def := newWorld(t, open)
		_, err := create(t, def, followUp)
		wantField(t, err, "actions[0].what", "the default rules on a vague action")
		_, err = create(t, def, callBack)
		noErr(t, err, "the default rules on 电话回访")

		own := newWorld(t, open, with(func(r *salesrec.Rules) { r.VagueActions = []string{"电话回访"} }))
		_, err = create(t, own, followUp)
		noErr(t, err, "a list without 跟进 on 跟进")
		_, err = create(t, own, callBack)
		wantField(t, err, "actions[0].what", "a list naming 电话回访 on 电话回访")
	})

	t.Run("late window and mode", func(t *testing.T) {
		def := newWorld(t, open)
		e, err := create(t, def, hourAgo(2))
		noErr(t, err, "the default window on a contact two hours ago")
		if e.Interactions[0].Late {
			t.Error("the default 24-hour window marked a contact of two hours ago late")
		}

		mark := newWorld(t, open, with(func(r *salesrec.Rules) { r.LateWindow = time.Hour }))
		e, err = create(t, mark, hourAgo(2))
		noErr(t, err, "a one-hour window in mark mode")
		if !e.Interactions[0].Late {
			t.Error("a one-hour window did not mark a contact of two hours ago late")
		}

		refuse := newWorld(t, open, with(func(r *salesrec.Rules) { r.LateWindow, r.LateMode = time.Hour, salesrec.LateRefuse }))
		_, err = create(t, refuse, hourAgo(2))
		wantField(t, err, "interactions[0].occurred_at", "a one-hour window in refuse mode")
		e, err = create(t, refuse, hourAgo(0.5))
		noErr(t, err, "refuse mode on a contact within the window")
		// A logged interaction goes through the same rules.
		_, err = refuse.s.LogInteraction(refuse.ctx, refuse.rep1.ID, e.ID, e.Version, interaction(start.Add(-3*time.Hour), refuse.rep1, "客户询问实施周期和付款方式"))
		wantField(t, err, "interactions[1].occurred_at", "a late logged interaction in refuse mode")
	})

	t.Run("future skew", func(t *testing.T) {
		soon := func(e *salesrec.Engagement) { e.Interactions[0].OccurredAt = start.Add(20 * time.Minute) }
		_, err := create(t, newWorld(t, open), soon)
		wantField(t, err, "interactions[0].occurred_at", "the default 5-minute skew on a contact 20 minutes ahead")
		_, err = create(t, newWorld(t, open, with(func(r *salesrec.Rules) { r.FutureSkew = time.Hour })), soon)
		noErr(t, err, "a one-hour skew on a contact 20 minutes ahead")
	})
}

// wantField fails the test unless err is a validation error naming key.
func wantField(t *testing.T, err error, key, what string) {
	t.Helper()
	var ve *salesrec.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, salesrec.ErrInvalid) {
		t.Fatalf("%s: got %v, want a validation error on %s", what, err, key)
	}
	if _, ok := ve.Fields[key]; !ok {
		t.Fatalf("%s: fields %v do not name %s", what, ve.Fields, key)
	}
}
