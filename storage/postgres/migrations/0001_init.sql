-- dealtrail schema, PostgreSQL. Instants are UTC unix microseconds (BIGINT)
-- as on SQLite, so both databases order and filter the same way; documents
-- keep each engagement and customer whole as JSON text (with the original
-- zone offsets); child tables are projections of the documents that lists,
-- filters and access checks use. Ids and deadlines compare in the "C"
-- collation, whatever the database's default.

CREATE TABLE dealtrail_teams (
	id        TEXT COLLATE "C" PRIMARY KEY,
	name      TEXT NOT NULL,
	time_zone TEXT NOT NULL
);

CREATE TABLE dealtrail_members (
	id      TEXT COLLATE "C" PRIMARY KEY,
	team_id TEXT COLLATE "C" NOT NULL REFERENCES dealtrail_teams (id),
	name    TEXT NOT NULL,
	role    TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin'))
);
CREATE INDEX dealtrail_members_team ON dealtrail_members (team_id);

CREATE TABLE dealtrail_customers (
	id       TEXT COLLATE "C" PRIMARY KEY,
	team_id  TEXT COLLATE "C" NOT NULL REFERENCES dealtrail_teams (id),
	name     TEXT NOT NULL,
	industry TEXT NOT NULL,
	doc      TEXT NOT NULL,
	UNIQUE (team_id, name)
);

CREATE TABLE dealtrail_engagements (
	id          TEXT COLLATE "C" PRIMARY KEY,
	team_id     TEXT COLLATE "C" NOT NULL REFERENCES dealtrail_teams (id),
	owner_id    TEXT COLLATE "C" NOT NULL REFERENCES dealtrail_members (id),
	customer_id TEXT COLLATE "C" NOT NULL REFERENCES dealtrail_customers (id),
	stage       TEXT NOT NULL,
	status      TEXT NOT NULL,
	version     BIGINT NOT NULL CHECK (version > 0),
	created_at  BIGINT NOT NULL,
	updated_at  BIGINT NOT NULL,
	doc         TEXT NOT NULL
);
CREATE INDEX dealtrail_engagements_team_updated ON dealtrail_engagements (team_id, updated_at DESC, id DESC);
CREATE INDEX dealtrail_engagements_customer_owner ON dealtrail_engagements (customer_id, owner_id);

CREATE TABLE dealtrail_participants (
	engagement_id TEXT COLLATE "C" NOT NULL REFERENCES dealtrail_engagements (id),
	member_id     TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (engagement_id, member_id)
);
CREATE INDEX dealtrail_participants_member ON dealtrail_participants (member_id, engagement_id);

CREATE TABLE dealtrail_interactions (
	engagement_id TEXT COLLATE "C" NOT NULL REFERENCES dealtrail_engagements (id),
	id            TEXT COLLATE "C" NOT NULL,
	occurred_at   BIGINT NOT NULL,
	PRIMARY KEY (engagement_id, id)
);
CREATE INDEX dealtrail_interactions_occurred ON dealtrail_interactions (engagement_id, occurred_at);

CREATE TABLE dealtrail_actions (
	engagement_id TEXT COLLATE "C" NOT NULL REFERENCES dealtrail_engagements (id),
	id            TEXT COLLATE "C" NOT NULL,
	team_id       TEXT COLLATE "C" NOT NULL,
	owner_id      TEXT COLLATE "C" NOT NULL,
	deadline      TEXT COLLATE "C" NOT NULL, -- YYYY-MM-DD: sorts as it reads
	what          TEXT NOT NULL,
	status        TEXT NOT NULL,
	PRIMARY KEY (engagement_id, id)
);
CREATE INDEX dealtrail_actions_team_due ON dealtrail_actions (team_id, deadline) WHERE status <> 'done';
CREATE INDEX dealtrail_actions_owner_due ON dealtrail_actions (owner_id, deadline) WHERE status <> 'done';

CREATE TABLE dealtrail_history (
	seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	engagement_id TEXT COLLATE "C" NOT NULL,
	version       BIGINT NOT NULL,
	actor_id      TEXT NOT NULL,
	at            BIGINT NOT NULL,
	op            TEXT NOT NULL,
	changes       TEXT NOT NULL,
	UNIQUE (engagement_id, version)
);

CREATE FUNCTION dealtrail_history_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'dealtrail_history is append-only';
END
$$;

CREATE TRIGGER dealtrail_history_no_update BEFORE UPDATE OR DELETE ON dealtrail_history
	FOR EACH ROW EXECUTE FUNCTION dealtrail_history_append_only();
CREATE TRIGGER dealtrail_history_no_truncate BEFORE TRUNCATE ON dealtrail_history
	FOR EACH STATEMENT EXECUTE FUNCTION dealtrail_history_append_only();

-- The feed's position is (xid, seq): the writing transaction's id and a
-- sequence. Readers only return rows below the oldest running transaction.
CREATE TABLE dealtrail_feed (
	xid           XID8 NOT NULL DEFAULT pg_current_xact_id(),
	seq           BIGINT GENERATED ALWAYS AS IDENTITY,
	engagement_id TEXT COLLATE "C" NOT NULL,
	team_id       TEXT COLLATE "C" NOT NULL,
	version       BIGINT NOT NULL,
	op            TEXT NOT NULL,
	at            BIGINT NOT NULL,
	PRIMARY KEY (xid, seq)
);
