-- The team review and reminders.
--
-- Review projections: each interaction row says whether it was recorded
-- late (事后补录) and how many commitment points it holds; each won or
-- terminated engagement has a row in dealtrail_outcomes with what the
-- pipeline summary sums and counts and how many lessons it has. They are
-- written with the engagement, like the other projections, and filled here
-- from the documents.
--
-- Reminders: dealtrail_meetings holds the meeting times members log;
-- dealtrail_reminders is the outbox, one row per (subject, kind, day),
-- claimed with a lease and acknowledged by the host (docs/reminders.md).

ALTER TABLE dealtrail_interactions ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dealtrail_interactions ADD COLUMN commitments INTEGER NOT NULL DEFAULT 0;

UPDATE dealtrail_interactions SET
	late = COALESCE((SELECT CASE WHEN json_extract(j.value, '$.late') THEN 1 ELSE 0 END
		FROM dealtrail_engagements e, json_each(e.doc, '$.interactions') j
		WHERE e.id = dealtrail_interactions.engagement_id AND json_extract(j.value, '$.id') = dealtrail_interactions.id), 0),
	commitments = (SELECT COUNT(*)
		FROM dealtrail_engagements e, json_each(e.doc, '$.interactions') j, json_each(j.value, '$.points') p
		WHERE e.id = dealtrail_interactions.engagement_id AND json_extract(j.value, '$.id') = dealtrail_interactions.id
		AND json_extract(p.value, '$.kind') = 'commitment');

CREATE INDEX dealtrail_interactions_late ON dealtrail_interactions (occurred_at) WHERE late = 1;
CREATE INDEX dealtrail_interactions_commitments ON dealtrail_interactions (engagement_id) WHERE commitments > 0;

CREATE TABLE dealtrail_outcomes (
	engagement_id   TEXT PRIMARY KEY REFERENCES dealtrail_engagements (id),
	team_id         TEXT NOT NULL,
	owner_id        TEXT NOT NULL,
	customer_id     TEXT NOT NULL,
	status          TEXT NOT NULL,
	signed_month    TEXT NOT NULL, -- YYYY-MM of signed_on, '' when terminated
	amount_minor    INTEGER NOT NULL,
	currency        TEXT NOT NULL,
	reason_category TEXT NOT NULL,
	lessons         INTEGER NOT NULL
);
CREATE INDEX dealtrail_outcomes_team ON dealtrail_outcomes (team_id, owner_id);

INSERT INTO dealtrail_outcomes (engagement_id, team_id, owner_id, customer_id, status, signed_month,
	amount_minor, currency, reason_category, lessons)
SELECT id, team_id, owner_id, customer_id, status,
	COALESCE(substr(json_extract(doc, '$.outcome.signed_on'), 1, 7), ''),
	COALESCE(json_extract(doc, '$.outcome.amount.minor'), 0),
	COALESCE(NULLIF(json_extract(doc, '$.outcome.amount.currency'), ''), CASE WHEN status = 'won' THEN 'CNY' ELSE '' END),
	COALESCE(json_extract(doc, '$.outcome.reason_category'), ''),
	COALESCE(json_array_length(doc, '$.lessons'), 0)
FROM dealtrail_engagements WHERE status IN ('won', 'terminated');

CREATE TABLE dealtrail_meetings (
	id            TEXT PRIMARY KEY,
	engagement_id TEXT NOT NULL REFERENCES dealtrail_engagements (id),
	team_id       TEXT NOT NULL,
	member_id     TEXT NOT NULL,
	at            INTEGER NOT NULL
);
CREATE INDEX dealtrail_meetings_team_at ON dealtrail_meetings (team_id, at);

CREATE TABLE dealtrail_reminders (
	id            TEXT PRIMARY KEY,
	team_id       TEXT NOT NULL,
	member_id     TEXT NOT NULL,
	kind          TEXT NOT NULL,
	subject       TEXT NOT NULL,
	day           TEXT NOT NULL, -- YYYY-MM-DD
	engagement_id TEXT NOT NULL,
	action_id     TEXT NOT NULL,
	text_zh       TEXT NOT NULL,
	text_en       TEXT NOT NULL,
	state         TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'done', 'withdrawn')),
	created_at    INTEGER NOT NULL,
	lease_until   INTEGER NOT NULL, -- 0 until claimed
	claimed_by    TEXT NOT NULL,
	attempts      INTEGER NOT NULL,
	done_at       INTEGER NOT NULL,
	UNIQUE (subject, kind, day)
);
CREATE INDEX dealtrail_reminders_ready ON dealtrail_reminders (lease_until, created_at, id)
	WHERE state IN ('pending', 'claimed');
CREATE INDEX dealtrail_reminders_engagement ON dealtrail_reminders (engagement_id)
	WHERE state IN ('pending', 'claimed');
