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
-- claimed with a lease (FOR UPDATE SKIP LOCKED) and acknowledged by the
-- host (docs/reminders.md).

ALTER TABLE dealtrail_interactions ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dealtrail_interactions ADD COLUMN commitments INTEGER NOT NULL DEFAULT 0;

UPDATE dealtrail_interactions i SET
	late = CASE WHEN j.value->>'late' = 'true' THEN 1 ELSE 0 END,
	commitments = (SELECT COUNT(*) FROM jsonb_array_elements(COALESCE(j.value->'points', '[]'::jsonb)) p
		WHERE p->>'kind' = 'commitment')
FROM dealtrail_engagements e, jsonb_array_elements(COALESCE(e.doc::jsonb->'interactions', '[]'::jsonb)) j
WHERE e.id = i.engagement_id AND j.value->>'id' = i.id;

CREATE INDEX dealtrail_interactions_late ON dealtrail_interactions (occurred_at) WHERE late = 1;
CREATE INDEX dealtrail_interactions_commitments ON dealtrail_interactions (engagement_id) WHERE commitments > 0;

CREATE TABLE dealtrail_outcomes (
	engagement_id   TEXT COLLATE "C" PRIMARY KEY REFERENCES dealtrail_engagements (id),
	team_id         TEXT COLLATE "C" NOT NULL,
	owner_id        TEXT COLLATE "C" NOT NULL,
	customer_id     TEXT COLLATE "C" NOT NULL,
	status          TEXT NOT NULL,
	signed_month    TEXT COLLATE "C" NOT NULL, -- YYYY-MM of signed_on, '' when terminated
	amount_minor    BIGINT NOT NULL,
	currency        TEXT COLLATE "C" NOT NULL,
	reason_category TEXT COLLATE "C" NOT NULL,
	lessons         INTEGER NOT NULL
);
CREATE INDEX dealtrail_outcomes_team ON dealtrail_outcomes (team_id, owner_id);

INSERT INTO dealtrail_outcomes (engagement_id, team_id, owner_id, customer_id, status, signed_month,
	amount_minor, currency, reason_category, lessons)
SELECT id, team_id, owner_id, customer_id, status,
	COALESCE(substr(doc::jsonb->'outcome'->>'signed_on', 1, 7), ''),
	COALESCE((doc::jsonb->'outcome'->'amount'->>'minor')::bigint, 0),
	COALESCE(NULLIF(doc::jsonb->'outcome'->'amount'->>'currency', ''), CASE WHEN status = 'won' THEN 'CNY' ELSE '' END),
	COALESCE(doc::jsonb->'outcome'->>'reason_category', ''),
	COALESCE(jsonb_array_length(CASE WHEN jsonb_typeof(doc::jsonb->'lessons') = 'array' THEN doc::jsonb->'lessons' END), 0)
FROM dealtrail_engagements WHERE status IN ('won', 'terminated');

CREATE TABLE dealtrail_meetings (
	id            TEXT COLLATE "C" PRIMARY KEY,
	engagement_id TEXT COLLATE "C" NOT NULL REFERENCES dealtrail_engagements (id),
	team_id       TEXT COLLATE "C" NOT NULL,
	member_id     TEXT COLLATE "C" NOT NULL,
	at            BIGINT NOT NULL
);
CREATE INDEX dealtrail_meetings_team_at ON dealtrail_meetings (team_id, at);

CREATE TABLE dealtrail_reminders (
	id            TEXT COLLATE "C" PRIMARY KEY,
	team_id       TEXT COLLATE "C" NOT NULL,
	member_id     TEXT COLLATE "C" NOT NULL,
	kind          TEXT COLLATE "C" NOT NULL,
	subject       TEXT COLLATE "C" NOT NULL,
	day           TEXT COLLATE "C" NOT NULL, -- YYYY-MM-DD
	engagement_id TEXT COLLATE "C" NOT NULL,
	action_id     TEXT COLLATE "C" NOT NULL,
	text_zh       TEXT NOT NULL,
	text_en       TEXT NOT NULL,
	state         TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'done', 'withdrawn')),
	created_at    BIGINT NOT NULL,
	lease_until   BIGINT NOT NULL, -- 0 until claimed
	claimed_by    TEXT NOT NULL,
	attempts      INTEGER NOT NULL,
	done_at       BIGINT NOT NULL,
	UNIQUE (subject, kind, day)
);
CREATE INDEX dealtrail_reminders_ready ON dealtrail_reminders (lease_until, created_at, id)
	WHERE state IN ('pending', 'claimed');
CREATE INDEX dealtrail_reminders_engagement ON dealtrail_reminders (engagement_id)
	WHERE state IN ('pending', 'claimed');
