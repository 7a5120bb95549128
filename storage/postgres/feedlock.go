package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/lib/pq"

	sqldialect "github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// The feed lock. Every transaction that may write dealtrail_feed takes it,
// shared, as its first statement — before it has a transaction id — and
// holds it until it ends. A reader's horizon is then the next transaction
// id, lowered to the id of every holder that has one: an unrelated
// transaction, which never takes the lock, holds nothing back. The
// argument is in docs/storage.md ("The feed horizon on PostgreSQL").
//
// The lock's key is (feedLockClass << 32) | the feed table's oid, so two
// dealtrail schemas in one database have locks of their own; pg_locks
// shows it as classid feedLockClass, objid the table's oid, objsubid 1.
const feedLockClass = 0x6474666c // "dtfl" in ASCII

// feedLockSetting is the transaction-local setting the lock statement
// leaves behind: the feed table's oid when the lock was taken before the
// transaction had an id, "late" otherwise. The feed's insert trigger
// (migration 0005) refuses rows from a transaction without it.
const feedLockSetting = "dealtrail.feed_lock"

// feedLockSQL takes the feed lock in the current transaction. Without a
// feed table (a migration creating it) it takes nothing.
const feedLockSQL = `SELECT pg_advisory_xact_lock_shared((1685349996::bigint << 32) | f.rel::bigint),
	set_config('dealtrail.feed_lock',
		CASE WHEN pg_current_xact_id_if_assigned() IS NULL
		       OR current_setting('dealtrail.feed_lock', true) = f.rel::text
		     THEN coalesce(f.rel::text, '') ELSE 'late' END, true)
FROM (SELECT to_regclass('dealtrail_feed')::oid AS rel) f`

// horizonSQL is the first half of a feed read: the next transaction id
// (the snapshot's xmax, taken before anything else the statement reads),
// the snapshot's xmin, and the transaction ids of the feed lock's holders
// in this database. A holder whose id cannot be known (a prepared
// transaction, which has no backend) is reported as unknown. It calls the
// functions behind the pg_locks and pg_stat_activity views directly:
// planning the views' joins cost milliseconds on every read. The join
// condition matters: pg_stat_get_activity(NULL) returns every backend, and
// a prepared transaction's lock has a NULL pid; it must come out as a
// holder without a backend, not as every backend.
const horizonSQL = `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next,
	pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
	coalesce(array_agg(a.backend_xid::text::bigint) FILTER (WHERE a.backend_xid IS NOT NULL), '{}') AS xids,
	coalesce(bool_or(a.pid IS NULL), false) AS unknown
FROM pg_lock_status() l
LEFT JOIN LATERAL pg_stat_get_activity(l.pid) a ON l.pid IS NOT NULL AND a.pid = l.pid
WHERE l.locktype = 'advisory'
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid = 1685349996 AND l.objid = to_regclass('dealtrail_feed')::oid AND l.objsubid = 1`

// Execer is what LockFeed needs: a *sql.Tx, a *sqlx.Tx or a *sql.Conn
// inside an explicit transaction.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// LockFeed takes the feed lock in tx. The store's own writes take it
// themselves; a host that writes dealtrail_feed rows in a transaction of
// its own must call LockFeed first, before the transaction writes
// anything, or the feed's trigger refuses the rows (and without the
// trigger a reader could skip them). See docs/storage.md.
func LockFeed(ctx context.Context, tx Execer) error {
	if _, err := tx.ExecContext(ctx, feedLockSQL); err != nil {
		return fmt.Errorf("taking the feed lock: %w", dialect{}.MapError(err))
	}
	return nil
}

// readHorizon returns the position below which no feed row can still be
// committed: the next transaction id, or the oldest id of a transaction
// holding the feed lock if that is lower. It must run as a statement of
// its own, outside any transaction, so that the feed rows are read under
// a later snapshot than the one it looked at.
func readHorizon(ctx context.Context, db sqldialect.Queryer) (uint64, error) {
	var next, xmin string
	var xids pq.Int64Array
	var unknown bool
	if err := db.QueryRowxContext(ctx, horizonSQL).Scan(&next, &xmin, &xids, &unknown); err != nil {
		return 0, err
	}
	n, err1 := strconv.ParseUint(next, 10, 64)
	m, err2 := strconv.ParseUint(xmin, 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("decoding the feed horizon (%q, %q)", next, xmin)
	}
	ids := make([]uint32, len(xids))
	for i, x := range xids {
		ids[i] = uint32(x)
	}
	return horizon(n, m, ids, unknown), nil
}

// horizon is next lowered to every holder's transaction id, and to xmin
// when a holder's id is unknown. Holders' ids are 32-bit (pg_stat_activity
// has no epoch): each is widened to the 64-bit id nearest to next, which is
// exact because a running transaction is never 2^31 ids away from the next.
func horizon(next, xmin uint64, holders []uint32, unknown bool) uint64 {
	h := next
	for _, x := range holders {
		h = min(h, widen(x, next))
	}
	if unknown {
		h = min(h, xmin)
	}
	return h
}

// widen returns the 64-bit transaction id whose low 32 bits are x and which
// is nearest to next.
func widen(x uint32, next uint64) uint64 {
	return uint64(int64(next) - int64(int32(uint32(next)-x)))
}
