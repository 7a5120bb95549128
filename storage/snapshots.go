package storage

import (
	"context"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// maxSnapshotsPerCall bounds one Snapshots call, keeping its IN lists within
// every driver's limits (a feed page is far smaller).
const maxSnapshotsPerCall = 1000

// Snapshots is Snapshot for many engagements in one read transaction and
// two queries: the engagements as stored now, keyed by id, and their
// customers, unmasked, keyed by customer id. An id that names no
// engagement is simply absent. Like Snapshot it is a system read for
// indexing (the knowledge base's BatchSource), not for users.
func (s *Store) Snapshots(ctx context.Context, engagementIDs []string) (map[string]salesrec.Engagement, map[string]salesrec.Customer, error) {
	es := make(map[string]salesrec.Engagement, len(engagementIDs))
	cs := make(map[string]salesrec.Customer)
	if len(engagementIDs) == 0 {
		return es, cs, nil
	}
	if len(engagementIDs) > maxSnapshotsPerCall {
		return nil, nil, invalid("engagement_ids", msgTooManyEngagements)
	}
	err := s.inReadTx(ctx, func(q dialect.Queryer) error {
		var rows []engagementRow
		if err := s.selectIn(ctx, q, &rows, `SELECT `+engagementColumns+` FROM dealtrail_engagements e WHERE e.id IN (?)`, engagementIDs); err != nil {
			return err
		}
		var customerIDs []string
		for _, r := range rows {
			e, err := r.engagement()
			if err != nil {
				return err
			}
			es[e.ID] = e
			if _, seen := cs[e.CustomerID]; !seen {
				cs[e.CustomerID] = salesrec.Customer{}
				customerIDs = append(customerIDs, e.CustomerID)
			}
		}
		if len(customerIDs) == 0 {
			return nil
		}
		var crows []customerRow
		if err := s.selectIn(ctx, q, &crows, `SELECT `+customerColumns+` FROM dealtrail_customers c WHERE c.id IN (?)`, customerIDs); err != nil {
			return err
		}
		for _, r := range crows {
			c, err := r.customer()
			if err != nil {
				return err
			}
			cs[c.ID] = c
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return es, cs, nil
}
