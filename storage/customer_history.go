package storage

import (
	"context"
	"fmt"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// insertCustomerHistory records the change from prev to next (prev zero:
// next was created) as the customer's history entry at next's version.
func (s *Store) insertCustomerHistory(ctx context.Context, tx dialect.Queryer, actorID string, prev, next salesrec.Customer) error {
	op := salesrec.OpUpdate
	var changes []salesrec.FieldChange
	var err error
	after := next
	after.Version = 0 // the entry's own version, not a field that changed
	if prev.ID == "" {
		op = salesrec.OpCreate
		changes, err = salesrec.CreateRecordChanges(after)
	} else {
		prev.Version = 0
		changes, err = salesrec.DiffRecord(prev, after)
	}
	if err != nil {
		return fmt.Errorf("diffing customer %s: %w", next.ID, err)
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO dealtrail_customer_history (customer_id, version, actor_id, at, op, changes)
		VALUES (?, ?, ?, ?, ?, ?)`), next.ID, next.Version, actorID, micros(s.now()), string(op), encodeChanges(changes))
	return err
}

// CustomerHistory returns every recorded change of a customer the actor
// may read (salesrec.CanReadCustomer; otherwise ErrNotFound), oldest
// first. A customer created before migration 0006 has no entry for its
// creation. Phone numbers and e-mail addresses of contacts are masked in
// the changes, as in Customer, unless the actor may see them
// (salesrec.MaskContactChanges).
func (s *Store) CustomerHistory(ctx context.Context, actorID, customerID string) ([]salesrec.CustomerHistoryEntry, error) {
	type row struct {
		changeRow
		CustomerID string `db:"customer_id"`
	}
	var rows []row
	sees := false
	err := s.readAsActor(ctx, actorID, func(q dialect.Queryer, a actor) error {
		var err error
		if _, sees, err = s.readableCustomer(ctx, q, a, customerID); err != nil {
			return err
		}
		return s.selectAll(ctx, q, &rows, `SELECT seq, customer_id, version, actor_id, at, op, changes
			FROM dealtrail_customer_history WHERE customer_id = ? ORDER BY version`, customerID)
	})
	if err != nil {
		return nil, fmt.Errorf("reading customer history: %w", err)
	}
	return historyEntries(rows, func(r row, changes []salesrec.FieldChange) salesrec.CustomerHistoryEntry {
		if !sees {
			changes = salesrec.MaskContactChanges(changes)
		}
		return salesrec.CustomerHistoryEntry{Seq: r.Seq, CustomerID: r.CustomerID, Version: r.Version,
			ActorID: r.ActorID, At: dialect.FromMicros(r.At), Op: salesrec.Op(r.Op), Changes: changes}
	})
}
