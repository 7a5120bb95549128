-- The history and the feed are append-only, whatever a statement's
-- conflict clause says. REPLACE (and INSERT OR REPLACE) resolves a
-- uniqueness conflict by deleting the old row, and that delete fires no
-- DELETE trigger unless the connection enabled recursive_triggers; so a
-- BEFORE INSERT trigger refuses any row whose key is already taken. It runs
-- before conflict resolution, whatever the clause (OR REPLACE, OR IGNORE,
-- ON CONFLICT DO UPDATE). For an automatically numbered row NEW.seq is -1,
-- which names no row, so an ordinary insert costs two index probes.

CREATE TRIGGER dealtrail_history_no_replace BEFORE INSERT ON dealtrail_history
WHEN EXISTS (SELECT 1 FROM dealtrail_history WHERE seq = NEW.seq)
  OR EXISTS (SELECT 1 FROM dealtrail_history WHERE engagement_id = NEW.engagement_id AND version = NEW.version)
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_history is append-only');
END;

-- The pruned horizon: the feed position up to which the feed's rows may
-- have been removed ('' = none). One row, moved forward only by
-- PruneFeed, never past the feed's last change; a reader whose position is
-- behind it is refused (storage.ErrFeedPruned) instead of skipping.
CREATE TABLE dealtrail_feed_pruned (
	id  INTEGER PRIMARY KEY CHECK (id = 1),
	pos TEXT NOT NULL
);
INSERT INTO dealtrail_feed_pruned (id, pos) VALUES (1, '');

CREATE TRIGGER dealtrail_feed_pruned_no_insert BEFORE INSERT ON dealtrail_feed_pruned
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_feed_pruned holds one row');
END;

CREATE TRIGGER dealtrail_feed_pruned_no_delete BEFORE DELETE ON dealtrail_feed_pruned
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_feed_pruned holds one row');
END;

CREATE TRIGGER dealtrail_feed_pruned_forward BEFORE UPDATE ON dealtrail_feed_pruned
WHEN NEW.id IS NOT OLD.id
  OR NEW.pos < OLD.pos
  OR (NEW.pos > OLD.pos AND NEW.pos > COALESCE((SELECT printf('%020d', seq) FROM dealtrail_feed ORDER BY seq DESC LIMIT 1), ''))
BEGIN
	SELECT RAISE(ABORT, 'the pruned horizon moves forward only, and never past the last change');
END;

CREATE TRIGGER dealtrail_feed_no_replace BEFORE INSERT ON dealtrail_feed
WHEN EXISTS (SELECT 1 FROM dealtrail_feed WHERE seq = NEW.seq)
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_feed is append-only');
END;

CREATE TRIGGER dealtrail_feed_no_update BEFORE UPDATE ON dealtrail_feed
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_feed is append-only');
END;

-- Only rows at or before the pruned horizon may go.
CREATE TRIGGER dealtrail_feed_no_delete BEFORE DELETE ON dealtrail_feed
WHEN printf('%020d', OLD.seq) > COALESCE((SELECT pos FROM dealtrail_feed_pruned WHERE id = 1), '')
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_feed is append-only');
END;
