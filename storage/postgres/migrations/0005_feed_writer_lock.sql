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
