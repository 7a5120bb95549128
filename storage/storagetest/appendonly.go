package storagetest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// rawStatement is a statement a test runs around the store, on one
// database. Its ? placeholder (at most one) is bound to arg.
type rawStatement struct {
	dialect string // "sqlite", "postgres" or "" for both
	sql     string
}

// refuse runs each statement for w's dialect around the store and fails
// the test unless the database refuses it with an error the store maps to
// salesrec.ErrForbidden.
func (w *world) refuse(t *testing.T, arg string, stmts []rawStatement) {
	t.Helper()
	for _, st := range stmts {
		if st.dialect != "" && st.dialect != w.h.Dialect {
			continue
		}
		q, args := st.sql, []any{arg}
		switch {
		case !strings.Contains(q, "?"):
			args = nil
		case w.h.Dialect == "postgres":
			q = strings.Replace(q, "?", "$1", 1)
		}
		_, err := w.h.DB.ExecContext(w.ctx, q, args...)
		if err == nil {
			t.Errorf("the database accepted %s", q)
			continue
		}
		if w.h.MapError != nil {
			err = w.h.MapError(err)
		}
		if !errors.Is(err, salesrec.ErrForbidden) {
			t.Errorf("%s: refused with %v, want an error wrapping %v", q, err, salesrec.ErrForbidden)
		}
	}
}

// testHistoryCannotBeRewritten tries every way SQL offers to put another
// row in place of a history entry — conflict clauses that delete the old
// row without a DELETE trigger firing (REPLACE), upserts, updates, deletes,
// TRUNCATE — and expects each refused and the history as it was.
func testHistoryCannotBeRewritten(t *testing.T, w *world) {
	e := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	e, err := w.s.AddRemark(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.Remark{Text: "客户要求补充报价明细"})
	noErr(t, err, "AddRemark")
	before, err := w.s.History(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "History")

	const cols = `(engagement_id, version, actor_id, at, op, changes)`
	const forged = `VALUES (?, 1, 'forger', 0, 'create', '[]')`
	w.refuse(t, e.ID, []rawStatement{
		{"sqlite", `REPLACE INTO dealtrail_history ` + cols + ` ` + forged},
		{"sqlite", `INSERT OR REPLACE INTO dealtrail_history ` + cols + ` ` + forged},
		{"sqlite", `INSERT OR IGNORE INTO dealtrail_history ` + cols + ` ` + forged},
		// A conflict on seq alone: the forged row takes the entry's number.
		{"sqlite", `REPLACE INTO dealtrail_history (seq, engagement_id, version, actor_id, at, op, changes)
			SELECT seq, engagement_id, version + 100, 'forger', at, op, '[]' FROM dealtrail_history WHERE engagement_id = ?`},
		{"sqlite", `UPDATE OR REPLACE dealtrail_history SET actor_id = 'forger' WHERE engagement_id = ?`},
		{"postgres", `INSERT INTO dealtrail_history (seq, engagement_id, version, actor_id, at, op, changes) OVERRIDING SYSTEM VALUE
			SELECT seq, engagement_id, version + 100, 'forger', at, op, '[]' FROM dealtrail_history WHERE engagement_id = ?
			ON CONFLICT (seq) DO UPDATE SET actor_id = excluded.actor_id, changes = excluded.changes`},
		{"postgres", `TRUNCATE dealtrail_history`},
		{"", `INSERT INTO dealtrail_history ` + cols + ` ` + forged + `
			ON CONFLICT (engagement_id, version) DO UPDATE SET actor_id = excluded.actor_id, changes = excluded.changes`},
		{"", `UPDATE dealtrail_history SET actor_id = 'forger' WHERE engagement_id = ?`},
		{"", `DELETE FROM dealtrail_history WHERE engagement_id = ?`},
	})

	after, err := w.s.History(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "History")
	sameJSON(t, after, before, "history after the refused statements")

	// Ordinary appends still work.
	_, err = w.s.AddRemark(w.ctx, w.rep1.ID, e.ID, e.Version, salesrec.Remark{Text: "报价明细已发送"})
	noErr(t, err, "AddRemark after the refused statements")
	after, err = w.s.History(w.ctx, w.rep1.ID, e.ID)
	noErr(t, err, "History")
	if len(after) != len(before)+1 {
		t.Fatalf("%d history entries after one more write, want %d", len(after), len(before)+1)
	}
}

// testFeedAppendOnly expects the database to refuse every change to the
// feed's rows and to its pruned horizon other than PruneFeed's.
func testFeedAppendOnly(t *testing.T, w *world) {
	a := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(4)))
	before, _ := waitFeed(t, w.s, "", 2)

	const cols = `(seq, engagement_id, team_id, version, op, at)`
	const same = `SELECT seq, engagement_id, team_id, version + 100, op, at FROM dealtrail_feed WHERE engagement_id = ?`
	w.refuse(t, a.ID, []rawStatement{
		{"", `UPDATE dealtrail_feed SET version = version + 100 WHERE engagement_id = ?`},
		{"", `DELETE FROM dealtrail_feed WHERE engagement_id = ?`},
		{"", `DELETE FROM dealtrail_feed`},
		{"sqlite", `REPLACE INTO dealtrail_feed ` + cols + ` ` + same},
		{"sqlite", `INSERT OR REPLACE INTO dealtrail_feed ` + cols + ` ` + same},
		{"sqlite", `INSERT INTO dealtrail_feed ` + cols + ` ` + same + ` ON CONFLICT (seq) DO UPDATE SET version = excluded.version`},
		{"postgres", `TRUNCATE dealtrail_feed`},
		{"postgres", `INSERT INTO dealtrail_feed (xid, seq, engagement_id, team_id, version, op, at) OVERRIDING SYSTEM VALUE
			SELECT xid, seq, engagement_id, team_id, version + 100, op, at FROM dealtrail_feed WHERE engagement_id = ?
			ON CONFLICT (xid, seq) DO UPDATE SET version = excluded.version`},
		// The pruned horizon, which decides what may be deleted, moves
		// forward only and never past the last change.
		{"sqlite", `UPDATE dealtrail_feed_pruned SET pos = '99999999999999999999'`},
		{"sqlite", `REPLACE INTO dealtrail_feed_pruned (id, pos) VALUES (1, '99999999999999999999')`},
		{"postgres", `UPDATE dealtrail_feed_pruned SET pos = '99999999999999999999.99999999999999999999'`},
		{"postgres", `INSERT INTO dealtrail_feed_pruned (id, pos) VALUES (1, '99999999999999999999.99999999999999999999')
			ON CONFLICT (id) DO UPDATE SET pos = excluded.pos`},
		{"postgres", `TRUNCATE dealtrail_feed_pruned`},
		{"", `DELETE FROM dealtrail_feed_pruned`},
	})

	after, _ := waitFeed(t, w.s, "", len(before))
	sameJSON(t, after[:len(before)], before, "feed after the refused statements")
	// Ordinary appends still work.
	w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(5)))
	if got, _ := waitFeed(t, w.s, "", len(before)+1); len(got) != len(before)+1 {
		t.Fatalf("%d changes after one more write, want %d", len(got), len(before)+1)
	}
}

// testPruneFeed checks the one way feed rows go: PruneFeed removes what
// precedes a position followers have applied, and a reader left behind is
// refused rather than silently short of changes.
func testPruneFeed(t *testing.T, w *world) {
	head, err := w.s.FeedHead(w.ctx)
	noErr(t, err, "FeedHead of an empty feed")
	if head != "" {
		t.Fatalf("FeedHead of an empty feed = %q", head)
	}
	a := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(3)))
	w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(4)))
	c := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(5)))
	feed, _ := waitFeed(t, w.s, "", 3)
	p1, p2, p3 := feed[0].Pos, feed[1].Pos, feed[2].Pos
	head, err = w.s.FeedHead(w.ctx)
	noErr(t, err, "FeedHead")
	if head != p3 {
		t.Fatalf("FeedHead = %q, want the last change's position %q", head, p3)
	}

	_, err = w.s.PruneFeed(w.ctx, "")
	wantErr(t, err, salesrec.ErrInvalid, "PruneFeed of no position")
	_, err = w.s.PruneFeed(w.ctx, "x"+p2)
	wantErr(t, err, salesrec.ErrInvalid, "PruneFeed of a position the store never returned")
	_, err = w.s.PruneFeed(w.ctx, nextPos(p3))
	wantErr(t, err, salesrec.ErrInvalid, "PruneFeed past the last change")

	n, err := w.s.PruneFeed(w.ctx, p2)
	noErr(t, err, "PruneFeed")
	if n != 2 {
		t.Fatalf("PruneFeed removed %d changes, want 2", n)
	}
	rest, err := w.s.ReadFeed(w.ctx, p2, 10)
	noErr(t, err, "ReadFeed after the pruned position")
	if len(rest) != 1 || rest[0].EngagementID != c.ID {
		t.Fatalf("after pruning, the feed after %q holds %+v, want %s's change only", p2, rest, c.ID)
	}
	for _, pos := range []string{"", p1} {
		_, err = w.s.ReadFeed(w.ctx, pos, 10)
		wantErr(t, err, storage.ErrFeedPruned, "ReadFeed behind the pruned position "+pos)
	}
	n, err = w.s.PruneFeed(w.ctx, p1)
	noErr(t, err, "PruneFeed behind the pruned position")
	if n != 0 {
		t.Fatalf("PruneFeed behind the pruned position removed %d", n)
	}
	// Rows after the horizon stay out of reach of a plain DELETE.
	w.refuse(t, c.ID, []rawStatement{{"", `DELETE FROM dealtrail_feed WHERE engagement_id = ?`}})
	if rest, err := w.s.ReadFeed(w.ctx, p2, 10); err != nil || len(rest) != 1 {
		t.Fatalf("the feed after %q holds %d changes (%v), want 1", p2, len(rest), err)
	}
	hist, err := w.s.History(w.ctx, w.rep1.ID, a.ID)
	noErr(t, err, "History")
	if len(hist) != 1 {
		t.Fatalf("pruning the feed changed the history: %d entries", len(hist))
	}

	// Pruning everything: FeedHead is then the pruned position, where a
	// follower may start, and new changes follow it.
	n, err = w.s.PruneFeed(w.ctx, p3)
	noErr(t, err, "PruneFeed of the whole feed")
	if n != 1 {
		t.Fatalf("PruneFeed removed %d changes, want 1", n)
	}
	head, err = w.s.FeedHead(w.ctx)
	noErr(t, err, "FeedHead of a pruned feed")
	if head != p3 {
		t.Fatalf("FeedHead of an emptied feed = %q, want the pruned position %q", head, p3)
	}
	d := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(6)))
	if got, _ := waitFeed(t, w.s, head, 1); got[0].EngagementID != d.ID {
		t.Fatalf("after the pruned head the feed holds %+v, want %s", got, d.ID)
	}
}

// nextPos returns a well-formed position just after p: its last digit
// incremented, with carry.
func nextPos(p string) string {
	b := []byte(p)
	for i := len(b) - 1; i >= 0 && b[i] >= '0' && b[i] <= '9'; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return p
}

// testEngagementIDs pages through every engagement of every team.
func testEngagementIDs(t *testing.T, w *world) {
	var want []string
	for i := range 3 {
		want = append(want, w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(i+1))).ID)
		want = append(want, w.create(t, w.repB, w.engagement(w.repB, w.custB, w.today(i+1))).ID)
	}
	slices.Sort(want)
	var got []string
	after := ""
	for pages := 0; ; pages++ {
		if pages > len(want) {
			t.Fatalf("EngagementIDs does not end: %v", got)
		}
		ids, err := w.s.EngagementIDs(w.ctx, after, 4)
		noErr(t, err, "EngagementIDs")
		if len(ids) > 4 {
			t.Fatalf("EngagementIDs returned %d ids, asked for 4", len(ids))
		}
		if len(ids) == 0 {
			break
		}
		got = append(got, ids...)
		after = ids[len(ids)-1]
	}
	if !slices.Equal(got, want) {
		t.Fatalf("EngagementIDs listed %v, want %v", got, want)
	}
	_, err := w.s.EngagementIDs(w.ctx, "", -1)
	wantErr(t, err, salesrec.ErrInvalid, "EngagementIDs with a negative limit")
}

// testEngagementKeys pages through every engagement of every team, team by
// team, with pages that end inside a team and across teams.
func testEngagementKeys(t *testing.T, w *world) {
	var want []salesrec.EngagementKey
	for i := range 3 {
		a := w.create(t, w.rep1, w.engagement(w.rep1, w.custA1, w.today(i+1)))
		b := w.create(t, w.repB, w.engagement(w.repB, w.custB, w.today(i+1)))
		want = append(want, salesrec.EngagementKey{TeamID: a.TeamID, EngagementID: a.ID},
			salesrec.EngagementKey{TeamID: b.TeamID, EngagementID: b.ID})
	}
	slices.SortFunc(want, salesrec.EngagementKey.Compare)
	for _, limit := range []int{1, 2, 4, 100} {
		var got []salesrec.EngagementKey
		var after salesrec.EngagementKey
		for pages := 0; ; pages++ {
			if pages > len(want) {
				t.Fatalf("EngagementKeys does not end: %v", got)
			}
			keys, err := w.s.EngagementKeys(w.ctx, after, limit)
			noErr(t, err, "EngagementKeys")
			if len(keys) > limit {
				t.Fatalf("EngagementKeys returned %d keys, asked for %d", len(keys), limit)
			}
			if len(keys) == 0 {
				break
			}
			got = append(got, keys...)
			after = keys[len(keys)-1]
		}
		if !slices.Equal(got, want) {
			t.Fatalf("EngagementKeys with pages of %d listed %v, want %v", limit, got, want)
		}
	}
	// A cursor past a team's last engagement lists from the next team
	// on.
	keys, err := w.s.EngagementKeys(w.ctx, salesrec.EngagementKey{TeamID: want[0].TeamID, EngagementID: "\U0010FFFF"}, 100)
	noErr(t, err, "EngagementKeys after a team's last engagement")
	if !slices.Equal(keys, want[3:]) {
		t.Fatalf("EngagementKeys after the first team listed %v, want %v", keys, want[3:])
	}
	_, err = w.s.EngagementKeys(w.ctx, salesrec.EngagementKey{}, -1)
	wantErr(t, err, salesrec.ErrInvalid, "EngagementKeys with a negative limit")
}
