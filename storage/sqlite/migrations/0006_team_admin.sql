-- Teams, members and the customer directory (issue 13). A team counts its
-- changes (version) and keeps their history; a member who leaves is
-- deactivated, never removed; a customer carries a version, the member who
-- created it, the names a directory search matches, and a history of its
-- own. Both history tables are append-only, as dealtrail_history is.

ALTER TABLE dealtrail_teams ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- NULL while the member is active; otherwise when they were deactivated
-- (UTC unix microseconds).
ALTER TABLE dealtrail_members ADD COLUMN deactivated_at INTEGER;

ALTER TABLE dealtrail_customers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE dealtrail_customers ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
-- The full name and every short name, each after a newline and the whole
-- ending in one, with A-Z lowered: a prefix search matches '%' || char(10)
-- || prefix, a contains search any part of a name (a query holds no
-- newline). storage.customerSearchNames writes it the same way.
ALTER TABLE dealtrail_customers ADD COLUMN search_names TEXT NOT NULL DEFAULT '';
UPDATE dealtrail_customers SET search_names = char(10) || lower(name)
	|| coalesce((SELECT group_concat(char(10) || lower(j.value), '') FROM json_each(doc, '$.short_names') j), '')
	|| char(10);

CREATE TABLE dealtrail_team_history (
	seq       INTEGER PRIMARY KEY AUTOINCREMENT,
	team_id   TEXT NOT NULL,
	version   INTEGER NOT NULL,
	actor_id  TEXT NOT NULL,
	at        INTEGER NOT NULL,
	op        TEXT NOT NULL,
	member_id TEXT NOT NULL,
	changes   TEXT NOT NULL,
	UNIQUE (team_id, version)
);

CREATE TABLE dealtrail_customer_history (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id TEXT NOT NULL,
	version     INTEGER NOT NULL,
	actor_id    TEXT NOT NULL,
	at          INTEGER NOT NULL,
	op          TEXT NOT NULL,
	changes     TEXT NOT NULL,
	UNIQUE (customer_id, version)
);

CREATE TRIGGER dealtrail_team_history_no_update BEFORE UPDATE ON dealtrail_team_history
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_team_history is append-only');
END;
CREATE TRIGGER dealtrail_team_history_no_delete BEFORE DELETE ON dealtrail_team_history
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_team_history is append-only');
END;
CREATE TRIGGER dealtrail_team_history_no_replace BEFORE INSERT ON dealtrail_team_history
WHEN EXISTS (SELECT 1 FROM dealtrail_team_history WHERE seq = NEW.seq)
  OR EXISTS (SELECT 1 FROM dealtrail_team_history WHERE team_id = NEW.team_id AND version = NEW.version)
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_team_history is append-only');
END;

CREATE TRIGGER dealtrail_customer_history_no_update BEFORE UPDATE ON dealtrail_customer_history
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_customer_history is append-only');
END;
CREATE TRIGGER dealtrail_customer_history_no_delete BEFORE DELETE ON dealtrail_customer_history
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_customer_history is append-only');
END;
CREATE TRIGGER dealtrail_customer_history_no_replace BEFORE INSERT ON dealtrail_customer_history
WHEN EXISTS (SELECT 1 FROM dealtrail_customer_history WHERE seq = NEW.seq)
  OR EXISTS (SELECT 1 FROM dealtrail_customer_history WHERE customer_id = NEW.customer_id AND version = NEW.version)
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_customer_history is append-only');
END;
