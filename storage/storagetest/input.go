package storagetest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// footprint counts what a write leaves behind, to prove a refused one left
// nothing.
type footprint struct{ engagements, feed, customers int }

func (w *world) footprint(t testing.TB) footprint {
	t.Helper()
	n, err := w.s.CountEngagements(w.ctx, w.managerA.ID, storage.Filter{})
	noErr(t, err, "count")
	var feed, customers int
	noErr(t, w.h.DB.QueryRowContext(w.ctx, "SELECT COUNT(*) FROM dealtrail_feed").Scan(&feed), "count feed")
	noErr(t, w.h.DB.QueryRowContext(w.ctx, "SELECT COUNT(*) FROM dealtrail_customers").Scan(&customers), "count customers")
	return footprint{n, feed, customers}
}

func testBadInput(t *testing.T, w *world) {
	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	before := w.footprint(t)

	const nul, badUTF8 = "含有\x00字符", "坏的\xff\xfe文本"
	long := strings.Repeat("长", salesrec.MaxTextChars+1)
	withGoal := func(s string) salesrec.Engagement {
		x := w.engagement(w.rep1, w.custA1, w.today(3))
		x.Goal = s
		return x
	}
	withTopic := func(s string) salesrec.Engagement {
		x := w.engagement(w.rep1, w.custA1, w.today(3))
		x.Interactions[0].Topic = s
		return x
	}
	withAction := func(f func(*salesrec.Action)) salesrec.Engagement {
		x := w.engagement(w.rep1, w.custA1, w.today(3))
		f(&x.Actions[0])
		return x
	}
	cases := []struct {
		name string
		do   func() error
	}{
		{"NUL in the goal", func() error { return second(w.s.CreateEngagement(w.ctx, w.rep1.ID, withGoal(nul))) }},
		{"invalid UTF-8 in the goal", func() error { return second(w.s.CreateEngagement(w.ctx, w.rep1.ID, withGoal(badUTF8))) }},
		{"NUL in a topic", func() error { return second(w.s.CreateEngagement(w.ctx, w.rep1.ID, withTopic(nul))) }},
		{"invalid UTF-8 in a topic", func() error { return second(w.s.CreateEngagement(w.ctx, w.rep1.ID, withTopic(badUTF8))) }},
		{"a goal over the length limit", func() error { return second(w.s.CreateEngagement(w.ctx, w.rep1.ID, withGoal(long))) }},
		{"an unknown stage", func() error {
			x := w.engagement(w.rep1, w.custA1, w.today(3))
			x.Stage = "bogus"
			return second(w.s.CreateEngagement(w.ctx, w.rep1.ID, x))
		}},
		{"a far-future deadline", func() error {
			return second(w.s.CreateEngagement(w.ctx, w.rep1.ID, withAction(func(a *salesrec.Action) { a.Deadline = salesrec.Date{Year: 20224, Month: 4, Day: 10} })))
		}},
		{"a vague action", func() error {
			return second(w.s.CreateEngagement(w.ctx, w.rep1.ID, withAction(func(a *salesrec.Action) { a.What = "跟进" })))
		}},
		{"a vague point in an interaction", func() error {
			x := w.engagement(w.rep1, w.custA1, w.today(3))
			x.Interactions[0].Points = []salesrec.Point{{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointNeed, Text: "客户有需求"}}
			return namesField(second(w.s.CreateEngagement(w.ctx, w.rep1.ID, x)), "interactions[0].points[0].text")
		}},
		{"a vague point in an updated interaction", func() error {
			x := e
			x.Interactions = []salesrec.Interaction{interaction(w.clock.Now().Add(-time.Hour), w.rep1, "有意向")}
			return namesField(second(w.s.UpdateEngagement(w.ctx, w.rep1.ID, x)), "interactions[0].points[0].text")
		}},
		{"NUL in an update", func() error {
			x := e
			x.Goal = nul
			return second(w.s.UpdateEngagement(w.ctx, w.rep1.ID, x))
		}},
		{"invalid UTF-8 in a logged interaction", func() error {
			return second(w.s.LogInteraction(w.ctx, w.rep1.ID, e.ID, e.Version, interaction(w.clock.Now().Add(-time.Hour), w.rep1, badUTF8)))
		}},
		{"NUL in a remark", func() error {
			return second(w.s.AddRemark(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.Remark{Text: nul}))
		}},
		{"a negative amount", func() error {
			return second(w.s.CloseEngagement(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.StatusWon,
				salesrec.Outcome{Amount: salesrec.Money{Minor: -100, Currency: "CNY"}, SignedOn: w.today(0)}))
		}},
		{"invalid UTF-8 in a reopen reason", func() error {
			return second(w.s.ReopenEngagement(w.ctx, w.rep1.ID, e.ID, e.Version, badUTF8))
		}},
		{"NUL in a customer name", func() error {
			return second(w.s.CreateCustomer(w.ctx, w.rep1.ID, newCustomer("星辰"+nul, "制造业")))
		}},
		{"invalid UTF-8 in a contact phone", func() error {
			c := newCustomer("新的客户有限公司", "制造业")
			c.Contacts[0].Phone = "138\xff"
			return second(w.s.CreateCustomer(w.ctx, w.rep1.ID, c))
		}},
		{"NUL in a list filter", func() error {
			return second(w.s.ListEngagements(w.ctx, w.rep1.ID, storage.Filter{CustomerPrefix: nul}, storage.PageRequest{}))
		}},
		{"NUL in a bulk insert", func() error {
			return second(w.s.BulkInsert(w.ctx, w.rep1.ID, []salesrec.Engagement{withGoal("正常的目标"), withGoal(nul)}))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantErr(t, tc.do(), salesrec.ErrInvalid, tc.name)
		})
	}
	if after := w.footprint(t); after != before {
		t.Fatalf("refused writes left a trace: before %+v, after %+v", before, after)
	}
	got, err := w.s.Engagement(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "Engagement")
	sameJSON(t, got, e, "engagement after refused writes")
}

// tricky holds text that breaks naive SQL, LIKE patterns and escaping.
var tricky = []string{
	`O'Brien said "hi"`,
	`back\slash \\ and \n literally`,
	`100% off_the_shelf`,
	`'; DROP TABLE dealtrail_engagements; --`,
	`%_\`,
	"制造业%_'\"",
	"emoji 📈 and 全角引号“”",
}

func testTextRoundTrip(t *testing.T, w *world) {
	for i, s := range tricky {
		c, err := w.s.CreateCustomer(w.ctx, w.managerA.ID, newCustomer(s+" 有限公司", s))
		noErr(t, err, "CreateCustomer")
		in := w.engagement(w.rep1, c, w.today(3))
		in.Goal = "目标:" + s
		in.Interactions[0].Topic = s
		in.Interactions[0].Points[0].Text = "客户提出:" + s
		in.Actions[0].What = "发送报价单 " + s
		in.Remarks = []salesrec.Remark{{Text: s}}
		e := w.create(t, w.rep1, in)
		got, err := w.s.Engagement(w.ctx, w.rep1.ID, e.ID)
		noErr(t, err, "Engagement")
		sameJSON(t, got, e, "engagement with tricky text")
		if got.Goal != "目标:"+s || got.Interactions[0].Topic != s || got.Remarks[0].Text != s {
			t.Fatalf("text %d changed: %q %q %q", i, got.Goal, got.Interactions[0].Topic, got.Remarks[0].Text)
		}
		gc, err := w.s.Customer(w.ctx, w.managerA.ID, c.ID)
		noErr(t, err, "Customer")
		if gc.Name != s+" 有限公司" || gc.Industry != s {
			t.Fatalf("customer text changed: %q %q", gc.Name, gc.Industry)
		}
		for _, f := range []storage.Filter{{CustomerPrefix: s}, {Industry: s}, {CustomerPrefix: s + " 有限"}} {
			page, err := w.s.ListEngagements(w.ctx, w.rep1.ID, f, storage.PageRequest{})
			noErr(t, err, "list")
			sameIDs(t, ids(page.Items), []string{e.ID}, "filter "+f.CustomerPrefix+f.Industry)
		}
	}
	// Wildcards are literal: "%" and "_" match only names that start with them.
	for _, p := range []string{"%", "_", "\\", "'"} {
		page, err := w.s.ListEngagements(w.ctx, w.managerA.ID, storage.Filter{CustomerPrefix: p}, storage.PageRequest{Limit: 500})
		noErr(t, err, "list")
		for _, e := range page.Items {
			c, err := w.s.Customer(w.ctx, w.managerA.ID, e.CustomerID)
			noErr(t, err, "Customer")
			if !strings.HasPrefix(c.Name, p) {
				t.Fatalf("prefix %q matched %q", p, c.Name)
			}
		}
	}
}

func testTime(t *testing.T, w *world) {
	w.clock.Advance(12 * time.Hour) // now: 2026-03-02 14:00 UTC
	newYork := time.FixedZone("", -5*3600)
	kathmandu := time.FixedZone("", 5*3600+45*60)
	// As text, the first sorts before the second; as instants it is after.
	late := time.Date(2026, 3, 1, 23, 30, 0, 0, newYork)   // 04:30 UTC on 2 March
	early := time.Date(2026, 3, 2, 7, 45, 0, 0, kathmandu) // 02:00 UTC on 2 March
	mk := func(at time.Time) salesrec.Engagement {
		x := w.engagement(w.rep1, w.custA1, w.today(3))
		x.Interactions[0].OccurredAt = at
		e := w.create(t, w.rep1, x)
		w.clock.Advance(time.Minute)
		return e
	}
	eLate, eEarly := mk(late), mk(early)
	for _, tc := range []struct {
		e  salesrec.Engagement
		at time.Time
	}{{eLate, late}, {eEarly, early}} {
		got, err := w.s.Engagement(w.ctx, w.rep1.ID, tc.e.ID)
		noErr(t, err, "Engagement")
		occ := got.Interactions[0].OccurredAt
		_, wantOff := tc.at.Zone()
		_, gotOff := occ.Zone()
		if !occ.Equal(tc.at) || gotOff != wantOff {
			t.Fatalf("occurred at %v, want %v with its offset", occ, tc.at)
		}
	}
	cases := []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"03:00-05:00 UTC holds only the New York contact", time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 5, 0, 0, 0, time.UTC), []string{eLate.ID}},
		{"01:00-03:00 UTC holds only the Kathmandu contact", time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC), []string{eEarly.ID}},
		{"the same range given in Shanghai time", time.Date(2026, 3, 2, 11, 0, 0, 0, shanghai), time.Date(2026, 3, 2, 13, 0, 0, 0, shanghai), []string{eLate.ID}},
		{"an exact instant is inclusive from", early, early.Add(time.Minute), []string{eEarly.ID}},
		{"and exclusive to", early.Add(-time.Minute), early, nil},
	}
	for _, tc := range cases {
		page, err := w.s.ListEngagements(w.ctx, w.rep1.ID, storage.Filter{OccurredFrom: tc.from, OccurredTo: tc.to}, storage.PageRequest{})
		noErr(t, err, tc.name)
		sameIDs(t, ids(page.Items), tc.want, tc.name)
	}
	// Newest update first, whatever the zones of the interactions.
	page, err := w.s.ListEngagements(w.ctx, w.rep1.ID, storage.Filter{}, storage.PageRequest{})
	noErr(t, err, "list")
	sameIDs(t, ids(page.Items), []string{eEarly.ID, eLate.ID}, "order")
}

// namesField returns err, or an error without salesrec.ErrInvalid when err
// is a validation error that does not name field.
func namesField(err error, field string) error {
	var ve *salesrec.ValidationError
	if errors.As(err, &ve) {
		if _, ok := ve.Fields[field]; !ok {
			return fmt.Errorf("the refusal does not name %s: %v", field, err)
		}
	}
	return err
}
