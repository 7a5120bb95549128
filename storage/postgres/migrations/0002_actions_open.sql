-- Overdue and due-soon lists read only dealtrail_actions: each action row
-- carries its engagement's customer and status, so the partial indexes
-- hold exactly the not-done actions of open engagements and the list needs
-- no join (and no scan of the engagements).

ALTER TABLE dealtrail_actions ADD COLUMN customer_id TEXT NOT NULL DEFAULT '';
ALTER TABLE dealtrail_actions ADD COLUMN engagement_status TEXT NOT NULL DEFAULT 'open';

UPDATE dealtrail_actions SET
	customer_id = (SELECT e.customer_id FROM dealtrail_engagements e WHERE e.id = dealtrail_actions.engagement_id),
	engagement_status = (SELECT e.status FROM dealtrail_engagements e WHERE e.id = dealtrail_actions.engagement_id);

DROP INDEX dealtrail_actions_team_due;
DROP INDEX dealtrail_actions_owner_due;
CREATE INDEX dealtrail_actions_team_due ON dealtrail_actions (team_id, deadline)
	WHERE status <> 'done' AND engagement_status = 'open';
CREATE INDEX dealtrail_actions_owner_due ON dealtrail_actions (owner_id, deadline)
	WHERE status <> 'done' AND engagement_status = 'open';
