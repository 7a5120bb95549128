-- Every name, short name and contact (name, phone, email) a customer has
-- ever held, so the knowledge base can mask text that names a customer of
-- the team by a former name or a contact who has since left. Rows are only
-- ever added, in the transaction that creates or updates the customer;
-- seq orders them for readers that follow new identities.

CREATE TABLE dealtrail_customer_identities (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT,
	team_id     TEXT NOT NULL,
	customer_id TEXT NOT NULL,
	kind        TEXT NOT NULL,
	value       TEXT NOT NULL,
	UNIQUE (team_id, customer_id, kind, value)
);

CREATE TRIGGER dealtrail_customer_identities_no_update
BEFORE UPDATE ON dealtrail_customer_identities
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_customer_identities is append-only');
END;

CREATE TRIGGER dealtrail_customer_identities_no_delete
BEFORE DELETE ON dealtrail_customer_identities
BEGIN
	SELECT RAISE(ABORT, 'dealtrail_customer_identities is append-only');
END;

-- What the customers hold now. Former values were never recorded before
-- this migration, so they cannot be recovered here.
INSERT OR IGNORE INTO dealtrail_customer_identities (team_id, customer_id, kind, value)
SELECT team_id, id, 'name', trim(name) FROM dealtrail_customers WHERE trim(name) <> ''
ORDER BY id;

INSERT OR IGNORE INTO dealtrail_customer_identities (team_id, customer_id, kind, value)
SELECT c.team_id, c.id, 'short_name', trim(j.value)
FROM dealtrail_customers c, json_each(c.doc, '$.short_names') j
WHERE trim(coalesce(j.value, '')) <> ''
ORDER BY c.id, j.key;

INSERT OR IGNORE INTO dealtrail_customer_identities (team_id, customer_id, kind, value)
SELECT team_id, id, kind, value FROM (
	SELECT c.team_id, c.id, j.key AS pos, k.n, k.kind,
		trim(coalesce(json_extract(j.value, k.path), '')) AS value
	FROM dealtrail_customers c, json_each(c.doc, '$.contacts') j,
		(SELECT 1 AS n, 'contact_name' AS kind, '$.name' AS path
		 UNION ALL SELECT 2, 'contact_phone', '$.phone'
		 UNION ALL SELECT 3, 'contact_email', '$.email') k
)
WHERE value <> ''
ORDER BY id, pos, n;
