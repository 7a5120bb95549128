-- Every name, short name and contact (name, phone, email) a customer has
-- ever held, so the knowledge base can mask text that names a customer of
-- the team by a former name or a contact who has since left. Rows are only
-- ever added, in the transaction that creates or updates the customer;
-- seq orders them for readers that follow new identities (writers take an
-- exclusive lock on the table first, so seq order is commit order).

CREATE TABLE dealtrail_customer_identities (
	seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	team_id     TEXT COLLATE "C" NOT NULL,
	customer_id TEXT COLLATE "C" NOT NULL,
	kind        TEXT NOT NULL,
	value       TEXT NOT NULL,
	UNIQUE (team_id, customer_id, kind, value)
);

CREATE FUNCTION dealtrail_customer_identities_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'dealtrail_customer_identities is append-only';
END;
$$;

CREATE TRIGGER dealtrail_customer_identities_no_change
BEFORE UPDATE OR DELETE ON dealtrail_customer_identities
FOR EACH ROW EXECUTE FUNCTION dealtrail_customer_identities_refuse();

CREATE TRIGGER dealtrail_customer_identities_no_truncate
BEFORE TRUNCATE ON dealtrail_customer_identities
FOR EACH STATEMENT EXECUTE FUNCTION dealtrail_customer_identities_refuse();

-- What the customers hold now. Former values were never recorded before
-- this migration, so they cannot be recovered here.
INSERT INTO dealtrail_customer_identities (team_id, customer_id, kind, value)
SELECT team_id, id, kind, value FROM (
	SELECT c.team_id, c.id, 0 AS pos, 0 AS n, 'name' AS kind, trim(c.name) AS value
	FROM dealtrail_customers c
	UNION ALL
	SELECT c.team_id, c.id, s.pos, 0, 'short_name', trim(s.value)
	FROM dealtrail_customers c,
		jsonb_array_elements_text(coalesce(c.doc::jsonb -> 'short_names', '[]'::jsonb)) WITH ORDINALITY AS s(value, pos)
	UNION ALL
	SELECT c.team_id, c.id, ct.pos, k.n, k.kind, trim(coalesce(ct.value ->> k.field, ''))
	FROM dealtrail_customers c,
		jsonb_array_elements(coalesce(c.doc::jsonb -> 'contacts', '[]'::jsonb)) WITH ORDINALITY AS ct(value, pos),
		(VALUES (1, 'contact_name', 'name'), (2, 'contact_phone', 'phone'), (3, 'contact_email', 'email')) AS k(n, kind, field)
) v
WHERE value <> ''
ORDER BY id, kind = 'name' DESC, kind = 'short_name' DESC, pos, n
ON CONFLICT DO NOTHING;
