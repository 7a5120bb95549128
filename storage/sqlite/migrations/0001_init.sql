-- dealtrail schema, SQLite. Instants are UTC unix microseconds (INTEGER) so
-- ordering and ranges compare numbers; documents keep each engagement and
-- customer whole as JSON (with the original zone offsets); child tables are
-- projections of the documents that lists, filters and access checks use.

CREATE TABLE dealtrail_teams (
	id        TEXT PRIMARY KEY,
	name      TEXT NOT NULL,
	time_zone TEXT NOT NULL
);

CREATE TABLE dealtrail_members (
	id      TEXT PRIMARY KEY,
	team_id TEXT NOT NULL REFERENCES dealtrail_teams (id),
	name    TEXT NOT NULL,
	role    TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin'))
);
CREATE INDEX dealtrail_members_team ON dealtrail_members (team_id);

CREATE TABLE dealtrail_customers (
	id       TEXT PRIMARY KEY,
	team_id  TEXT NOT NULL REFERENCES dealtrail_teams (id),
	name     TEXT NOT NULL,
	industry TEXT NOT NULL,
	doc      TEXT NOT NULL,
	UNIQUE (team_id, name)
);

CREATE TABLE dealtrail_engagements (
	id          TEXT PRIMARY KEY,
	team_id     TEXT NOT NULL REFERENCES dealtrail_teams (id),
	owner_id    TEXT NOT NULL REFERENCES dealtrail_members (id),
	customer_id TEXT NOT NULL REFERENCES dealtrail_customers (id),
	stage       TEXT NOT NULL,
	status      TEXT NOT NULL,
	version     INTEGER NOT NULL CHECK (version > 0),
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	doc         TEXT NOT NULL
);
CREATE INDEX dealtrail_engagements_team_updated ON dealtrail_engagements (team_id, updated_at DESC, id DESC);
CREATE INDEX dealtrail_engagements_customer_owner ON dealtrail_engagements (customer_id, owner_id);

CREATE TABLE dealtrail_participants (
	engagement_id TEXT NOT NULL REFERENCES dealtrail_engagements (id),
	member_id     TEXT NOT NULL,
	PRIMARY KEY (engagement_id, member_id)
);
CREATE INDEX dealtrail_participants_member ON dealtrail_participants (member_id, engagement_id);

CREATE TABLE dealtrail_interactions (
	engagement_id TEXT NOT NULL REFERENCES dealtrail_engagements (id),
	id            TEXT NOT NULL,
	occurred_at   INTEGER NOT NULL,
	PRIMARY KEY (engagement_id, id)
);
CREATE INDEX dealtrail_interactions_occurred ON dealtrail_interactions (engagement_id, occurred_at);

CREATE TABLE dealtrail_actions (
	engagement_id TEXT NOT NULL REFERENCES dealtrail_engagements (id),
	id            TEXT NOT NULL,
	team_id       TEXT NOT NULL,
	owner_id      TEXT NOT NULL,
	deadline      TEXT NOT NULL, -- YYYY-MM-DD: sorts as it reads
	what          TEXT NOT NULL,
	status        TEXT NOT NULL,
	PRIMARY KEY (engagement_id, id)
);
CREATE INDEX dealtrail_actions_team_due ON dealtrail_actions (team_id, deadline) WHERE status <> 'done';
CREATE INDEX dealtrail_actions_owner_due ON dealtrail_actions (owner_id, deadline) WHERE status <> 'done';

CREATE TABLE dealtrail_history (
	seq           INTEGER PRIMARY KEY AUTOINCREMENT,
	engagement_id TEXT NOT NULL,
	version       INTEGER NOT NULL,
	actor_id      TEXT NOT NULL,
	at            INTEGER NOT NULL,
	op            TEXT NOT NULL,
	changes       TEXT NOT NULL,
	UNIQUE (engagement_id, version)
);

CREATE TRIGGER dealtrail_history_no_update BEFORE UPDATE ON dealtrail_history
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_history is append-only');
END;

CREATE TRIGGER dealtrail_history_no_delete BEFORE DELETE ON dealtrail_history
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_history is append-only');
END;

CREATE TABLE dealtrail_feed (
	seq           INTEGER PRIMARY KEY AUTOINCREMENT,
	engagement_id TEXT NOT NULL,
	team_id       TEXT NOT NULL,
	version       INTEGER NOT NULL,
	op            TEXT NOT NULL,
	at            INTEGER NOT NULL
);
