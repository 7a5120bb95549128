-- Teams, members and the customer directory (issue 13). A team counts its
-- changes (version) and keeps their history; a member who leaves is
-- deactivated, never removed; a customer carries a version, the member who
-- created it, the names a directory search matches, and a history of its
-- own. Both history tables are append-only, as dealtrail_history is.

ALTER TABLE dealtrail_teams ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- NULL while the member is active; otherwise when they were deactivated
-- (UTC unix microseconds).
ALTER TABLE dealtrail_members ADD COLUMN deactivated_at BIGINT;

-- The directory lists customers by name, paged by (name, id): in the "C"
-- collation both databases order them the same way (by code point).
ALTER TABLE dealtrail_customers ALTER COLUMN name TYPE TEXT COLLATE "C";
ALTER TABLE dealtrail_customers ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE dealtrail_customers ADD COLUMN created_by TEXT COLLATE "C" NOT NULL DEFAULT '';
-- The full name and every short name, each after a newline and the whole
-- ending in one, with A-Z lowered: a prefix search matches '%' || E'\n'
-- || prefix, a contains search any part of a name (a query holds no
-- newline). storage.customerSearchNames writes it the same way.
ALTER TABLE dealtrail_customers ADD COLUMN search_names TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE dealtrail_customers SET search_names = E'\n'
	|| translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
	|| coalesce((SELECT string_agg(E'\n' || translate(s, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '')
		FROM jsonb_array_elements_text(coalesce(doc::jsonb -> 'short_names', '[]'::jsonb)) AS s), '')
	|| E'\n';

CREATE TABLE dealtrail_team_history (
	seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	team_id   TEXT COLLATE "C" NOT NULL,
	version   BIGINT NOT NULL,
	actor_id  TEXT COLLATE "C" NOT NULL,
	at        BIGINT NOT NULL,
	op        TEXT NOT NULL,
	member_id TEXT COLLATE "C" NOT NULL,
	changes   TEXT NOT NULL,
	UNIQUE (team_id, version)
);

CREATE TABLE dealtrail_customer_history (
	seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	customer_id TEXT COLLATE "C" NOT NULL,
	version     BIGINT NOT NULL,
	actor_id    TEXT COLLATE "C" NOT NULL,
	at          BIGINT NOT NULL,
	op          TEXT NOT NULL,
	changes     TEXT NOT NULL,
	UNIQUE (customer_id, version)
);

CREATE TRIGGER dealtrail_team_history_no_change BEFORE UPDATE OR DELETE ON dealtrail_team_history
	FOR EACH ROW EXECUTE FUNCTION dealtrail_append_only();
CREATE TRIGGER dealtrail_team_history_no_truncate BEFORE TRUNCATE ON dealtrail_team_history
	FOR EACH STATEMENT EXECUTE FUNCTION dealtrail_append_only();
CREATE TRIGGER dealtrail_customer_history_no_change BEFORE UPDATE OR DELETE ON dealtrail_customer_history
	FOR EACH ROW EXECUTE FUNCTION dealtrail_append_only();
CREATE TRIGGER dealtrail_customer_history_no_truncate BEFORE TRUNCATE ON dealtrail_customer_history
	FOR EACH STATEMENT EXECUTE FUNCTION dealtrail_append_only();
