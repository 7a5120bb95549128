package storagetest

import (
	"database/sql"
	"io/fs"
	"slices"
	"strings"
	"testing"
)

// reviewProjections are the rows migration 0007 fills from the documents:
// the late and commitment counts of interactions, and the outcomes.
var reviewProjections = []string{
	`SELECT engagement_id || ' ' || id || ' ' || CAST(late AS TEXT) || ' ' || CAST(commitments AS TEXT)
		FROM dealtrail_interactions ORDER BY engagement_id, id`,
	`SELECT engagement_id || ' ' || team_id || ' ' || owner_id || ' ' || customer_id || ' ' || status || ' ' || signed_month
		|| ' ' || CAST(amount_minor AS TEXT) || ' ' || currency || ' ' || reason_category || ' ' || CAST(lessons AS TEXT)
		FROM dealtrail_outcomes ORDER BY engagement_id`,
}

// testReviewBackfill: the statements of migration 0007 that fill the
// review's projections from existing documents give the rows the store
// writes itself. The store writes generated engagements (some late, with
// commitments, won and terminated, some without lessons); the projections
// are then cleared and refilled by the migration's own statements.
func testReviewBackfill(t *testing.T, m Migrations) {
	ctx := t.Context()
	db := m.Empty(t)()
	noErr(t, m.Migrate(ctx, db), "Migrate")
	s, err := m.New(ctx, db)
	noErr(t, err, "New")
	defer s.Close()
	seedGenerated(t, s, 21, 60, nil)

	written := dumpRows(t, db)
	if !strings.Contains(strings.Join(written[0], "\n"), " 1 ") {
		t.Fatal("no interaction is marked late: the comparison would not check the late flag")
	}
	for _, q := range []string{`UPDATE dealtrail_interactions SET late = 0, commitments = 0`, `DELETE FROM dealtrail_outcomes`} {
		_, err := db.ExecContext(ctx, q)
		noErr(t, err, q)
	}
	b, err := fs.ReadFile(m.Files, "migrations/0007_reminders.sql")
	noErr(t, err, "reading migration 0007")
	n := 0
	for _, st := range strings.Split(string(b), ";") {
		st = stripComments(st)
		if strings.HasPrefix(st, "UPDATE dealtrail_interactions") || strings.HasPrefix(st, "INSERT INTO dealtrail_outcomes") {
			_, err := db.ExecContext(ctx, st)
			noErr(t, err, "the migration's backfill")
			n++
		}
	}
	if n != 2 {
		t.Fatalf("found %d backfill statements in migration 0007, want 2", n)
	}
	refilled := dumpRows(t, db)
	for i := range written {
		if !slices.Equal(written[i], refilled[i]) {
			t.Errorf("the backfill differs from what the store writes:\nstore:    %v\nbackfill: %v", minus(written[i], refilled[i]), minus(refilled[i], written[i]))
		}
	}
}

func dumpRows(t *testing.T, db *sql.DB) [][]string {
	t.Helper()
	out := make([][]string, len(reviewProjections))
	for i, q := range reviewProjections {
		out[i] = column[string](t, db, q)
	}
	return out
}

// stripComments drops the -- comment lines of a statement and trims it.
func stripComments(st string) string {
	var keep []string
	for _, line := range strings.Split(st, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") {
			keep = append(keep, line)
		}
	}
	return strings.TrimSpace(strings.Join(keep, "\n"))
}
