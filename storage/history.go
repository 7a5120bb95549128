package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jmoiron/sqlx"

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
	doc, err := encodeChanges(changes)
	if err != nil {
		return nil, err
	}
	return historyRowOf(next, actorID, op, source, doc), nil
}

// historyRowOf is the history row of next's change whose changes column
// is changes (as encodeChanges writes it); source names where the change
// came from (see historyRow).
func historyRowOf(next salesrec.Engagement, actorID string, op salesrec.Op, source, changes string) []any {
	return []any{next.ID, next.Version, actorID, micros(next.UpdatedAt), string(op), changes, source}
}

// encodeChanges is the changes column of a history row (engagements',
// teams', customers'): a JSON array, [] when nothing changed.
func encodeChanges(changes []salesrec.FieldChange) (string, error) {
	return string(salesrec.MarshalChanges(changes)), nil
}

// changeRow holds the columns every history table has (engagements',
// customers', teams'): the feed's sequence number, the version the change
// made, who made it when, the op and its changes (encodeChanges). Each
// table's row type embeds it beside the columns of its own.
type changeRow struct {
	Seq     int64  `db:"seq"`
	Version int64  `db:"version"`
	ActorID string `db:"actor_id"`
	At      int64  `db:"at"`
	Op      string `db:"op"`
	Changes string `db:"changes"`
}

func (r changeRow) change() changeRow { return r }

// historyEntries makes the entry of each of rows, read from a history
// table, with its changes decoded; entry adds the table's own columns.
func historyEntries[R interface{ change() changeRow }, E any](rows []R, entry func(r R, changes []salesrec.FieldChange) E) ([]E, error) {
	out := make([]E, len(rows))
	for i, r := range rows {
		c := r.change()
		var changes []salesrec.FieldChange
		if err := json.Unmarshal([]byte(c.Changes), &changes); err != nil {
			return nil, fmt.Errorf("decoding history %d: %w", c.Seq, err)
		}
		out[i] = entry(r, changes)
	}
	return out, nil
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
		return sqlx.SelectContext(ctx, q, &rows, s.q(`SELECT seq, engagement_id, version, actor_id, at, op, changes, source
			FROM dealtrail_history WHERE engagement_id = ? ORDER BY version`), engagementID)
	})
	if err != nil {
		return nil, err
	}
	return historyEntries(rows, func(r historyDBRow, changes []salesrec.FieldChange) salesrec.HistoryEntry {
		return salesrec.HistoryEntry{Seq: r.Seq, EngagementID: r.EngagementID, Version: r.Version,
			ActorID: r.ActorID, At: dialect.FromMicros(r.At), Op: salesrec.Op(r.Op), Changes: changes, Source: r.Source}
	})
}
