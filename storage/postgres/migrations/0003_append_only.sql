-- The feed is append-only like the history: no UPDATE, no TRUNCATE, and a
-- DELETE only of rows at or before the pruned horizon, which PruneFeed
-- moves. (PostgreSQL has no REPLACE; INSERT … ON CONFLICT DO UPDATE fires
-- the UPDATE triggers, which refuse it on both tables.)

-- The pruned horizon: the feed position up to which the feed's rows may
-- have been removed ('' = none). One row, moved forward only, never past
-- the last change a reader can see; a reader whose position is behind it
-- is refused (storage.ErrFeedPruned) instead of skipping.
CREATE TABLE dealtrail_feed_pruned (
	id  INT PRIMARY KEY CHECK (id = 1),
	pos TEXT COLLATE "C" NOT NULL
);
INSERT INTO dealtrail_feed_pruned (id, pos) VALUES (1, '');

-- dealtrail_feed_pos formats a feed row's position as ReadFeed does.
CREATE FUNCTION dealtrail_feed_pos(x xid8, s BIGINT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$ SELECT lpad(x::text, 20, '0') || '.' || lpad(s::text, 20, '0') $$;

CREATE FUNCTION dealtrail_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;

CREATE FUNCTION dealtrail_feed_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' AND dealtrail_feed_pos(OLD.xid, OLD.seq)
			<= (SELECT pos FROM dealtrail_feed_pruned WHERE id = 1) THEN
		RETURN OLD;
	END IF;
	RAISE EXCEPTION 'dealtrail_feed is append-only';
END
$$;

CREATE TRIGGER dealtrail_feed_no_update BEFORE UPDATE OR DELETE ON dealtrail_feed
	FOR EACH ROW EXECUTE FUNCTION dealtrail_feed_guard();
CREATE TRIGGER dealtrail_feed_no_truncate BEFORE TRUNCATE ON dealtrail_feed
	FOR EACH STATEMENT EXECUTE FUNCTION dealtrail_append_only();

CREATE FUNCTION dealtrail_feed_pruned_forward() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	head TEXT;
BEGIN
	SELECT dealtrail_feed_pos(xid, seq) INTO head FROM dealtrail_feed
		WHERE xid < pg_snapshot_xmin(pg_current_snapshot())
		ORDER BY xid DESC, seq DESC LIMIT 1;
	IF NEW.id = OLD.id AND (NEW.pos = OLD.pos OR (NEW.pos > OLD.pos AND NEW.pos <= COALESCE(head, ''))) THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'the pruned horizon moves forward only, and never past the last change';
END
$$;

CREATE TRIGGER dealtrail_feed_pruned_forward BEFORE UPDATE ON dealtrail_feed_pruned
	FOR EACH ROW EXECUTE FUNCTION dealtrail_feed_pruned_forward();
CREATE TRIGGER dealtrail_feed_pruned_no_delete BEFORE DELETE ON dealtrail_feed_pruned
	FOR EACH ROW EXECUTE FUNCTION dealtrail_append_only();
CREATE TRIGGER dealtrail_feed_pruned_no_truncate BEFORE TRUNCATE ON dealtrail_feed_pruned
	FOR EACH STATEMENT EXECUTE FUNCTION dealtrail_append_only();
