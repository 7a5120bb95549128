package harness

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// sameRows are the queries whose results must be identical on the
// dealtrail and the bare database after loading: the rows the bare side
// writes by hand must be the rows dealtrail writes, or the comparison is
// not of equal work. Columns that hold the writer's clock are left out.
var sameRows = []string{
	`SELECT id, team_id, owner_id, customer_id, stage, status, version FROM dealtrail_engagements ORDER BY id`,
	`SELECT engagement_id, member_id FROM dealtrail_participants ORDER BY engagement_id, member_id`,
	`SELECT engagement_id, id, occurred_at, late, commitments FROM dealtrail_interactions ORDER BY engagement_id, id`,
	`SELECT * FROM dealtrail_outcomes ORDER BY engagement_id`,
	`SELECT * FROM dealtrail_actions ORDER BY engagement_id, id`,
	`SELECT engagement_id, version, actor_id, op FROM dealtrail_history ORDER BY engagement_id, version`,
	`SELECT engagement_id, team_id, version, op FROM dealtrail_feed ORDER BY engagement_id, version`,
}

// verifyRows checks that the bare side of be wrote the same rows as the
// dealtrail store (Config.VerifyRows; the smoke test sets it).
func verifyRows(ctx context.Context, be backend) error {
	db, err := be.dtDB()
	if err != nil {
		return fmt.Errorf("%s: opening the dealtrail database to verify the bare rows: %w", be.name, err)
	}
	defer db.Close()
	for _, q := range sameRows {
		a, err := dump(ctx, db, q)
		if err != nil {
			return fmt.Errorf("%s: dealtrail: %s: %w", be.name, q, err)
		}
		b, err := dump(ctx, be.bare.db, q)
		if err != nil {
			return fmt.Errorf("%s: bare: %s: %w", be.name, q, err)
		}
		if len(a) != len(b) {
			return fmt.Errorf("%s: %s: dealtrail has %d rows, bare %d", be.name, q, len(a), len(b))
		}
		for i := range a {
			if a[i] != b[i] {
				return fmt.Errorf("%s: %s: row %d differs:\n dealtrail %s\n bare      %s", be.name, q, i, a[i], b[i])
			}
		}
	}
	return nil
}

// dump returns each row of q as one line of text.
func dump(ctx context.Context, db *sql.DB, q string) ([]string, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			parts[i] = fmt.Sprint(v)
		}
		out = append(out, strings.Join(parts, " | "))
	}
	return out, rows.Err()
}
