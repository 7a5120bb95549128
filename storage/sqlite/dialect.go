package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"strconv"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	sqldialect "github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// dialect is what SQLite does differently; see sqldialect.Dialect.
type dialect struct {
	// hostDB is set for a store over a host's *sql.DB, whose connections
	// may lack the settings Open's DSN makes.
	hostDB bool
	// synchronous, when set, is the PRAGMA synchronous level set on a host
	// connection before it writes (Options.Synchronous).
	synchronous string
	// writeLock (capacity 1) queues this store's writers in the process, in
	// order, before they take SQLite's write lock: waiting there is fair,
	// while SQLite's busy handler polls and can starve a writer past its
	// busy timeout when many contend. nil (Migrate) takes no lock.
	writeLock chan struct{}
}

func newDialect(hostDB bool, synchronous string) dialect {
	return dialect{hostDB: hostDB, synchronous: synchronous, writeLock: make(chan struct{}, 1)}
}

func (dialect) DriverName() string { return DriverName }

func (dialect) BindType() int { return sqlx.QUESTION }

// Migrations are the embedded migrations.
func (dialect) Migrations() fs.FS { return migrationFiles }

// HasTable looks the table up in sqlite_master.
func (dialect) HasTable(ctx context.Context, q sqldialect.Queryer, name string) (bool, error) {
	var n int
	err := sqlx.GetContext(ctx, q, &n, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, name)
	return n > 0, err
}

func (d dialect) BeginWrite(ctx context.Context, db *sqlx.DB) (sqldialect.Tx, error) {
	return beginImmediate(ctx, db, d)
}

// BeginQueue is BeginWrite: BEGIN IMMEDIATE serialises producers and
// consumers of the reminder outbox.
func (d dialect) BeginQueue(ctx context.Context, db *sqlx.DB) (sqldialect.Tx, error) {
	return beginImmediate(ctx, db, d)
}

// SkipLocked is empty: the claiming transaction holds the write lock.
func (dialect) SkipLocked() string { return "" }

// ReadOptions: a deferred read transaction; in WAL mode it reads one
// snapshot from its first statement on, without blocking writers.
func (dialect) ReadOptions() *sql.TxOptions { return &sql.TxOptions{ReadOnly: true} }

// ForUpdate is empty: BEGIN IMMEDIATE already serialises writers.
func (dialect) ForUpdate() string { return "" }

// LockIdentities does nothing: BEGIN IMMEDIATE already serialises writers.
func (dialect) LockIdentities(context.Context, sqldialect.Queryer) error { return nil }

// ForUpdateOf is empty for the same reason.
func (dialect) ForUpdateOf(string) string { return "" }

// Unindexed prefixes col with a unary plus, SQLite's way of keeping a term
// from being answered by an index.
func (dialect) Unindexed(col string) string { return "+" + col }

// LockMigrations does nothing more: BEGIN IMMEDIATE holds the write lock.
func (dialect) LockMigrations(context.Context, sqldialect.Queryer) error { return nil }

// InsertFeed appends feed rows; their AUTOINCREMENT seq is the position.
// Writers are serialised, so sequence order is commit order.
func (dialect) InsertFeed(ctx context.Context, tx sqldialect.Queryer, rows []sqldialect.FeedRow) error {
	return sqldialect.InsertFeedRows(ctx, tx, rows,
		"INSERT INTO dealtrail_feed (engagement_id, team_id, version, op, at) VALUES ",
		func(int) string { return "(?, ?, ?, ?, ?)" }, nil)
}

// ReadFeed returns the changes after the sequence number after.
func (dialect) ReadFeed(ctx context.Context, db sqldialect.Queryer, after string, limit int) ([]salesrec.Change, error) {
	from, err := parsePos(after)
	if err != nil {
		return nil, err
	}
	var rows []sqldialect.StoredFeedRow
	if err := sqlx.SelectContext(ctx, db, &rows, `SELECT seq, engagement_id, team_id, version, op, at
		FROM dealtrail_feed WHERE seq > ? ORDER BY seq LIMIT ?`, from, limit); err != nil {
		return nil, err
	}
	out := make([]salesrec.Change, len(rows))
	for i, r := range rows {
		out[i] = r.Change(formatPos(r.Seq))
	}
	return out, nil
}

// formatPos zero-pads the sequence so positions also sort as text.
func formatPos(seq int64) string { return fmt.Sprintf("%020d", seq) }

// parsePos reads a position formatPos wrote ("" is the start of the feed).
func parsePos(p string) (int64, error) {
	if p == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(p, 10, 64)
	if err != nil || n < 0 {
		return 0, salesrec.FieldError("after", msgBadPosition)
	}
	return n, nil
}

// FeedHead returns the position of the feed's last row: SQLite's writers
// commit in sequence order, so every row is readable.
func (dialect) FeedHead(ctx context.Context, db sqldialect.Queryer) (string, error) {
	var seq []int64
	if err := sqlx.SelectContext(ctx, db, &seq, `SELECT seq FROM dealtrail_feed ORDER BY seq DESC LIMIT 1`); err != nil {
		return "", err
	}
	if len(seq) == 0 {
		return "", nil
	}
	return formatPos(seq[0]), nil
}

// CheckFeedPos accepts a position formatted as formatPos does.
func (dialect) CheckFeedPos(pos string) error {
	n, err := strconv.ParseInt(pos, 10, 64)
	if err != nil || n < 0 || formatPos(n) != pos {
		return salesrec.FieldError("position", msgBadPosition)
	}
	return nil
}

// DeleteFeed removes the rows at or before upTo.
func (dialect) DeleteFeed(ctx context.Context, tx sqldialect.Queryer, upTo string) (int64, error) {
	n, err := strconv.ParseInt(upTo, 10, 64)
	if err != nil {
		return 0, salesrec.FieldError("position", msgBadPosition)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM dealtrail_feed WHERE seq <= ?`, n)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// msgBadPosition says a feed position did not come from this store.
var msgBadPosition = salesrec.Message{Zh: "不是本系统给出的变更位置", En: "is not a feed position this store returned"}
