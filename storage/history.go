package storage

import (
	"context"
	"fmt"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// historyColumns are the columns a history entry is inserted with; seq is
// assigned by the database.
var historyColumns = []string{"engagement_id", "version", "actor_id", "at", "op", "changes", "source"}

// historyRow records the change from prev to next, field by field
// (salesrec.Diff; a create records every field, salesrec.CreateChanges), as
// the arguments of one history row. source is where the change came from
// (an imported file and row), empty for a change made through the API.
func historyRow(prev, next salesrec.Engagement, actorID string, op salesrec.Op, source string) ([]any, error) {
	var changes []salesrec.FieldChange
	var err error
	if op == salesrec.OpCreate {
		changes, err = salesrec.CreateChanges(next)
	} else {
		changes, err = salesrec.Diff(prev, next)
	}
	if err != nil {
		return nil, fmt.Errorf("diffing engagement %s: %w", next.ID, err)
	}
	return historyRowOf(next, actorID, op, source, encodeChanges(changes)), nil
}

// historyRowOf is the history row of next's change whose changes column
// is changes (as encodeChanges writes it); source names where the change
// came from (see historyRow).
func historyRowOf(next salesrec.Engagement, actorID string, op salesrec.Op, source, changes string) []any {
	return []any{next.ID, next.Version, actorID, micros(next.UpdatedAt), string(op), changes, source}
}

type historyDBRow struct {
	changeRow
	EngagementID string `db:"engagement_id"`
	Source       string `db:"source"`
}

// History returns every committed change of an engagement the actor may
// see, oldest first. Replaying them (salesrec.Replay) rebuilds any earlier
// version.
func (s *Store) History(ctx context.Context, actorID, engagementID string) ([]salesrec.HistoryEntry, error) {
	var rows []historyDBRow
	err := s.inReadTx(ctx, func(q dialect.Queryer) error {
		if _, err := s.engagement(ctx, q, actorID, engagementID); err != nil {
			return err
		}
		return s.selectAll(ctx, q, &rows, `SELECT seq, engagement_id, version, actor_id, at, op, changes, source
			FROM dealtrail_history WHERE engagement_id = ? ORDER BY version`, engagementID)
	})
	if err != nil {
		return nil, err
	}
	return historyEntries(rows, func(r historyDBRow, changes []salesrec.FieldChange) salesrec.HistoryEntry {
		return salesrec.HistoryEntry{Seq: r.Seq, EngagementID: r.EngagementID, Version: r.Version,
			ActorID: r.ActorID, At: dialect.FromMicros(r.At), Op: salesrec.Op(r.Op), Changes: changes, Source: r.Source}
	})
}
