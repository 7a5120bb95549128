-- Feed rows are read up to a horizon computed from the transactions that
-- hold the feed lock (storage/postgres/feedlock.go, docs/storage.md): a
-- transaction that writes the feed without having taken that lock before
-- it had a transaction id could commit a row behind a reader's position,
-- and the reader would skip it for good. This trigger turns that silent
-- loss into an error, for a host's hand-written SQL and for a process
-- still running a dealtrail release from before this migration.
--
-- The lock statement (postgres.LockFeed) leaves the transaction-local
-- setting dealtrail.feed_lock at the feed table's oid when it ran before
-- the transaction had an id. Each row's xid must also be the writing
-- transaction's own id, which is what the reader's argument assumes.
CREATE FUNCTION dealtrail_feed_writer_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF current_setting('dealtrail.feed_lock', true) IS DISTINCT FROM TG_RELID::text THEN
		RAISE EXCEPTION 'dealtrail_feed rows may only be written by a transaction that took the feed lock first'
			USING ERRCODE = '55000',
			HINT = 'Call postgres.LockFeed (or run its statement, see docs/storage.md) as the first statement of the transaction.';
	END IF;
	IF EXISTS (SELECT 1 FROM dealtrail_feed_new WHERE xid <> pg_current_xact_id()) THEN
		RAISE EXCEPTION 'dealtrail_feed.xid must be the id of the transaction writing the row'
			USING ERRCODE = '55000';
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER dealtrail_feed_writer AFTER INSERT ON dealtrail_feed
	REFERENCING NEW TABLE AS dealtrail_feed_new
	FOR EACH STATEMENT EXECUTE FUNCTION dealtrail_feed_writer_check();

-- dealtrail_feed_horizon is the horizon ReadFeed reads below (feedlock.go:
-- horizonSQL and horizon), in SQL: the next transaction id, lowered to the
-- id of every other holder of the feed lock in this database (a 32-bit
-- backend_xid widened to the 64-bit id nearest below the next one), and to
-- the snapshot's xmin when a holder has no backend (a prepared
-- transaction). The pruned-position trigger uses it, so the pruned
-- position can move up to what readers see, and no further.
CREATE FUNCTION dealtrail_feed_horizon() RETURNS xid8
LANGUAGE sql STABLE AS $$
WITH s AS (
	SELECT pg_snapshot_xmax(pg_current_snapshot())::text::numeric AS nx,
	       pg_snapshot_xmin(pg_current_snapshot()) AS xm
), holders AS (
	SELECT l.pid, a.backend_xid::text::numeric AS bx
	FROM pg_lock_status() l
	LEFT JOIN LATERAL pg_stat_get_activity(l.pid) a ON l.pid IS NOT NULL AND a.pid = l.pid
	WHERE l.locktype = 'advisory'
	  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
	  AND l.classid = 1685349996 AND l.objid = to_regclass('dealtrail_feed')::oid AND l.objsubid = 1
	  AND l.pid IS DISTINCT FROM pg_backend_pid()
)
SELECT LEAST(
	s.nx::text::xid8,
	(SELECT min(s.nx - mod(mod(s.nx, 4294967296) - h.bx + 4294967296, 4294967296))
	   FROM holders h WHERE h.bx IS NOT NULL)::text::xid8,
	CASE WHEN EXISTS (SELECT 1 FROM holders WHERE pid IS NULL) THEN s.xm END)
FROM s
$$;

-- The pruned position moves forward only, and never past the last change
-- a reader can see: below dealtrail_feed_horizon, no longer below the
-- cluster's xmin (migration 0003), which an unrelated transaction holds.
CREATE OR REPLACE FUNCTION dealtrail_feed_pruned_forward() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	head TEXT;
BEGIN
	SELECT dealtrail_feed_pos(xid, seq) INTO head FROM dealtrail_feed
		WHERE xid < dealtrail_feed_horizon()
		ORDER BY xid DESC, seq DESC LIMIT 1;
	IF NEW.id = OLD.id AND (NEW.pos = OLD.pos OR (NEW.pos > OLD.pos AND NEW.pos <= COALESCE(head, ''))) THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'the pruned horizon moves forward only, and never past the last change';
END
$$;
