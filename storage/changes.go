package storage

import (
	"encoding/json"
	"fmt"

	"github.com/dealtrail/dealtrail/salesrec"
)

// encodeChanges is the changes column of a history row (engagements',
// teams', customers'): a JSON array, [] when nothing changed.
func encodeChanges(changes []salesrec.FieldChange) string {
	return string(salesrec.MarshalChanges(changes))
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
