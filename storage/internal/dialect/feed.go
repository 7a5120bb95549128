package dialect

import (
	"context"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
)

// feedBatch is how many rows one feed INSERT writes at most.
const feedBatch = 1000

// InsertFeedRows writes rows to dealtrail_feed in statements of at most
// 1000 rows, the one way both dialects' InsertFeed write. head is a
// statement up to its VALUES; tuple(k) is the placeholders of one row,
// whose five values (engagement_id, team_id, version, op, at) are the
// arguments k to k+4, counted from 0. tail, when set, ends a statement of
// n rows and returns the arguments it adds after the rows'.
func InsertFeedRows(ctx context.Context, tx Queryer, rows []FeedRow, head string,
	tuple func(k int) string, tail func(n int) (string, []any)) error {
	for len(rows) > 0 {
		n := min(feedBatch, len(rows))
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, n*5+1)
		for i, r := range rows[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tuple(i * 5))
			args = append(args, r.EngagementID, r.TeamID, r.Version, string(r.Op), r.At)
		}
		if tail != nil {
			end, more := tail(n)
			b.WriteString(end)
			args = append(args, more...)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// StoredFeedRow is a row of dealtrail_feed as both dialects read it; each
// adds the columns of its own position.
type StoredFeedRow struct {
	Seq          int64  `db:"seq"`
	EngagementID string `db:"engagement_id"`
	TeamID       string `db:"team_id"`
	Version      int64  `db:"version"`
	Op           string `db:"op"`
	At           int64  `db:"at"`
}

// Change is the row as the change at position pos.
func (r StoredFeedRow) Change(pos string) salesrec.Change {
	return salesrec.Change{Pos: pos, EngagementID: r.EngagementID, TeamID: r.TeamID,
		Version: r.Version, Op: salesrec.Op(r.Op), At: FromMicros(r.At)}
}
