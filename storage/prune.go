package storage

import (
	"context"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// FeedHead returns the position of the last change ReadFeed would return
// now, "" for an empty feed. When pruning emptied the feed it is the
// pruned horizon, so a follower that starts there is not refused.
func (s *Store) FeedHead(ctx context.Context) (string, error) {
	// Not in one transaction: on PostgreSQL the head is read as ReadFeed
	// reads, the horizon in one statement and the row under a later
	// snapshot. The pruned horizon only moves forward, so reading it last
	// never gives a head behind it.
	head, err := s.d.FeedHead(ctx, s.db)
	if err != nil {
		return "", s.mapErr(err)
	}
	pruned, err := s.prunedHorizon(ctx, s.db)
	if err != nil {
		return "", s.mapErr(err)
	}
	return max(head, pruned), nil
}

// EngagementIDs returns up to limit engagement ids after the id after, in
// byte order, of every team. It is a system read for the knowledge base
// (kb's Rebuild lists the engagements with it), not on behalf of an actor.
func (s *Store) EngagementIDs(ctx context.Context, after string, limit int) ([]string, error) {
	limit, err := idPage.limit(limit)
	if err != nil {
		return nil, err
	}
	ids := []string{}
	err = s.selectAll(ctx, s.db, &ids, `SELECT id FROM dealtrail_engagements WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// EngagementKeys returns up to limit engagements of every team after the
// key after (the zero key = from the first), ordered by team id and then
// engagement id, in byte order. Like EngagementIDs it is a system read for
// the knowledge base: listed team by team, a Rebuild fills each team's
// shard of the new index from whole pages of that team
// (dealtrail_engagements_team_id, migration 0009, keeps every page one
// index range).
func (s *Store) EngagementKeys(ctx context.Context, after salesrec.EngagementKey, limit int) ([]salesrec.EngagementKey, error) {
	limit, err := idPage.limit(limit)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		TeamID string `db:"team_id"`
		ID     string `db:"id"`
	}
	err = s.selectAll(ctx, s.db, &rows, `SELECT team_id, id FROM dealtrail_engagements
		WHERE (team_id, id) > (?, ?) ORDER BY team_id, id LIMIT ?`, after.TeamID, after.EngagementID, limit)
	if err != nil {
		return nil, err
	}
	keys := make([]salesrec.EngagementKey, len(rows))
	for i, r := range rows {
		keys[i] = salesrec.EngagementKey{TeamID: r.TeamID, EngagementID: r.ID}
	}
	return keys, nil
}

// PruneFeed removes the feed's rows at or before upTo and returns how many
// went. upTo is a position ReadFeed returned that the caller states every
// follower has applied. In one transaction it moves the pruned horizon to
// upTo and deletes the rows behind it: the feed's triggers refuse any other
// delete, and ReadFeed refuses a position behind the horizon
// (ErrFeedPruned), so a follower the caller forgot is stopped, not
// silently short of changes. A position at or behind the horizon removes
// nothing; one after the feed's last readable change is refused.
func (s *Store) PruneFeed(ctx context.Context, upTo string) (int64, error) {
	if err := s.d.CheckFeedPos(upTo); err != nil {
		return 0, err
	}
	var n int64
	err := s.inTx(ctx, func(tx dialect.Queryer) error {
		var pruned []string
		if err := s.selectAll(ctx, tx, &pruned, `SELECT pos FROM dealtrail_feed_pruned WHERE id = 1`+s.d.ForUpdate()); err != nil {
			return err
		}
		if len(pruned) == 1 && upTo <= pruned[0] {
			return nil
		}
		head, err := s.d.FeedHead(ctx, tx)
		if err != nil {
			return err
		}
		if upTo > head {
			return invalid("position", msgPastFeedEnd)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE dealtrail_feed_pruned SET pos = ? WHERE id = 1`), upTo); err != nil {
			return err
		}
		n, err = s.d.DeleteFeed(ctx, tx, upTo)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// checkNotPruned fails with ErrFeedPruned when after is behind the
// pruned horizon. ReadFeed calls it after reading: the horizon only moves
// forward and moves in the transaction that deletes, so a read that missed
// pruned rows is followed by a check that sees the horizon past them.
func (s *Store) checkNotPruned(ctx context.Context, after string) error {
	pruned, err := s.prunedHorizon(ctx, s.db)
	if err != nil {
		return err
	}
	if after < pruned {
		return ErrFeedPruned
	}
	return nil
}

// prunedHorizon returns the position up to which the feed was pruned, ""
// for none.
func (s *Store) prunedHorizon(ctx context.Context, q dialect.Queryer) (string, error) {
	var pruned []string
	if err := s.selectAll(ctx, q, &pruned, `SELECT pos FROM dealtrail_feed_pruned WHERE id = 1`); err != nil {
		return "", err
	}
	if len(pruned) == 0 {
		return "", nil
	}
	return pruned[0], nil
}
