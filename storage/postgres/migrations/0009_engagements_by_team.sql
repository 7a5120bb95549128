-- The knowledge base's Rebuild lists the engagements team by team
-- (EngagementKeys: ORDER BY team_id, id), so that each team's shard of the
-- new index is filled from whole pages of that team. This index makes each
-- page of that listing one range read.
CREATE INDEX dealtrail_engagements_team_id ON dealtrail_engagements (team_id, id);
