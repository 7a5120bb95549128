-- A knowledge-base search names the customer of each of its hits
-- (CustomerNames: each engagement by team and id, each customer by team
-- and id). With these indexes holding the engagement's customer and the
-- customer's name, the statement reads only index pages: two lookups a
-- hit instead of four, the two table pages of a big store being the ones
-- least likely to be in the cache. The engagements' index replaces 0009's
-- (team_id, id), which still answers Rebuild's listing by team.
DROP INDEX dealtrail_engagements_team_id;
CREATE INDEX dealtrail_engagements_team_id ON dealtrail_engagements (team_id, id, customer_id);
CREATE INDEX dealtrail_customers_team_id_name ON dealtrail_customers (team_id, id, name);
