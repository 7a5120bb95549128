package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	sqldialect "github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// dialect is what PostgreSQL does differently; see the internal
// dialect.Dialect.
type dialect struct {
	// listenDSN, when set, is the connection string Listen opens its
	// LISTEN connection with.
	listenDSN string
}

// migrationLock is the key of the advisory lock migrations hold:
// "dealtrai" in ASCII.
const migrationLock int64 = 0x6465616c74726169

func (dialect) BindType() int { return sqlx.DOLLAR }

// BeginWrite begins a transaction holding the feed lock (see feedlock.go),
// taken by its first statement, before the transaction has an id.
func (dialect) BeginWrite(ctx context.Context, db *sqlx.DB) (sqldialect.Tx, error) {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, feedLockSQL); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// BeginQueue begins a plain READ COMMITTED transaction: the outbox has no
// feed rows, so it takes no feed lock.
func (dialect) BeginQueue(ctx context.Context, db *sqlx.DB) (sqldialect.Tx, error) {
	return db.BeginTxx(ctx, nil)
}

// SkipLocked lets concurrent consumers pass over the reminders another one
// is claiming instead of waiting for them.
func (dialect) SkipLocked() string { return " FOR UPDATE SKIP LOCKED" }

// ReadOptions: REPEATABLE READ, so every statement of the read sees the
// snapshot its first statement took.
func (dialect) ReadOptions() *sql.TxOptions {
	return &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
}

// ForUpdate locks the engagement row read before changing it, so a second
// writer waits and then sees the first one's version.
func (dialect) ForUpdate() string { return " FOR UPDATE" }

// LockIdentities takes a lock that one writer at a time may hold (readers
// are not blocked): the identity numbers a transaction draws are then
// higher than those of every transaction committed before it, and no
// reader can see a higher number before a lower one.
func (dialect) LockIdentities(ctx context.Context, tx sqldialect.Queryer) error {
	_, err := tx.ExecContext(ctx, `LOCK TABLE dealtrail_customer_identities IN SHARE ROW EXCLUSIVE MODE`)
	return err
}

// ForUpdateOf locks the rows of one table of a join only.
func (dialect) ForUpdateOf(alias string) string { return " FOR UPDATE OF " + alias }

// Unindexed returns col: PostgreSQL's planner has statistics to pick the
// primary key for a list of ids.
func (dialect) Unindexed(col string) string { return col }

// LockMigrations takes a transaction-scoped advisory lock: a second process
// migrating at the same time waits, then finds the migration recorded.
func (dialect) LockMigrations(ctx context.Context, tx sqldialect.Queryer) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock)
	return err
}

// InsertFeed appends feed rows (their xid column defaults to the writing
// transaction's id, their seq to the next value of a sequence) and queues a
// notification that PostgreSQL delivers on commit.
func (dialect) InsertFeed(ctx context.Context, tx sqldialect.Queryer, rows []sqldialect.FeedRow) error {
	// One round trip: the insert runs as a data-modifying CTE, and the
	// notification is queued by the same statement.
	return sqldialect.InsertFeedRows(ctx, tx, rows,
		"WITH feed AS (INSERT INTO dealtrail_feed (engagement_id, team_id, version, op, at) VALUES ",
		func(k int) string {
			return fmt.Sprintf("($%d, $%d, $%d, $%d, $%d)", k+1, k+2, k+3, k+4, k+5)
		},
		func(n int) (string, []any) {
			return fmt.Sprintf(" RETURNING 1) SELECT pg_notify($%d, '')", n*5+1), []any{channel}
		})
}

// feedRow is a feed row with its position's transaction id.
type feedRow struct {
	Xid string `db:"xid"`
	sqldialect.StoredFeedRow
}

// ReadFeed returns the changes after position after, ordered by (xid, seq),
// and only those below the feed horizon: written by transactions older
// than every transaction that holds the feed lock and older than the next
// transaction id. No row can later be committed below that horizon. Two
// statements, each in a transaction of its own: the horizon first, then
// the rows, under a snapshot taken after the horizon was read (one
// statement would read the rows under a snapshot older than its look at
// the lock's holders, and miss a writer that committed in between).
func (dialect) ReadFeed(ctx context.Context, db sqldialect.Queryer, after string, limit int) ([]salesrec.Change, error) {
	xid, seq, err := parsePos(after)
	if err != nil {
		return nil, err
	}
	h, err := readHorizon(ctx, db)
	if err != nil {
		return nil, err
	}
	if h <= xid {
		return []salesrec.Change{}, nil // nothing after the position is below the horizon yet
	}
	var rows []feedRow
	err = sqlx.SelectContext(ctx, db, &rows, `SELECT xid::text AS xid, seq, engagement_id, team_id, version, op, at
		FROM dealtrail_feed
		WHERE (xid, seq) > ($1::xid8, $2::bigint)
		  AND xid < $3::xid8
		ORDER BY xid, seq
		LIMIT $4`, strconv.FormatUint(xid, 10), seq, strconv.FormatUint(h, 10), limit)
	if err != nil {
		return nil, err
	}
	out := make([]salesrec.Change, len(rows))
	for i, r := range rows {
		x, err := strconv.ParseUint(r.Xid, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("decoding feed xid %q: %w", r.Xid, err)
		}
		out[i] = r.Change(formatPos(x, r.Seq))
	}
	return out, nil
}

// A position is "xid.seq", both zero-padded to 20 digits so that positions
// also sort as text; they are parsed and compared as numbers.
func formatPos(xid uint64, seq int64) string { return fmt.Sprintf("%020d.%020d", xid, seq) }

func parsePos(p string) (uint64, int64, error) {
	if p == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(p, ".")
	xid, err1 := strconv.ParseUint(a, 10, 64)
	seq, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || err1 != nil || err2 != nil || seq < 0 {
		return 0, 0, salesrec.FieldError("after", msgBadPosition)
	}
	return xid, seq, nil
}

// FeedHead returns the position of the last row ReadFeed would return now:
// the newest row below the same horizon, read as ReadFeed reads them (the
// horizon in one statement, the row in a later one), so db must not be a
// REPEATABLE READ transaction.
func (dialect) FeedHead(ctx context.Context, db sqldialect.Queryer) (string, error) {
	h, err := readHorizon(ctx, db)
	if err != nil {
		return "", err
	}
	var rows []feedRow
	if err := sqlx.SelectContext(ctx, db, &rows, `SELECT xid::text AS xid, seq FROM dealtrail_feed
		WHERE xid < $1::xid8
		ORDER BY xid DESC, seq DESC LIMIT 1`, strconv.FormatUint(h, 10)); err != nil {
		return "", err
	}
	if len(rows) == 0 {
		return "", nil
	}
	x, err := strconv.ParseUint(rows[0].Xid, 10, 64)
	if err != nil {
		return "", fmt.Errorf("decoding feed xid %q: %w", rows[0].Xid, err)
	}
	return formatPos(x, rows[0].Seq), nil
}

// CheckFeedPos accepts a position formatted as formatPos does.
func (dialect) CheckFeedPos(pos string) error {
	xid, seq, err := parsePos(pos)
	if err != nil || formatPos(xid, seq) != pos {
		return salesrec.FieldError("position", msgBadPosition)
	}
	return nil
}

// DeleteFeed removes the rows at or before upTo.
func (dialect) DeleteFeed(ctx context.Context, tx sqldialect.Queryer, upTo string) (int64, error) {
	xid, seq, err := parsePos(upTo)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM dealtrail_feed WHERE (xid, seq) <= ($1::xid8, $2::bigint)`,
		strconv.FormatUint(xid, 10), seq)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// msgBadPosition says a feed position did not come from this store.
var msgBadPosition = salesrec.Message{Zh: "不是本系统给出的变更位置", En: "is not a feed position this store returned"}
