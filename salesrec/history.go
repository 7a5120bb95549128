package salesrec

import (
	"strings"
	"time"
)

// Op, the kind of change a history entry records, and its values
// (OpCreate, OpUpdate, …) are declared in enums.txt.

// FieldChange is one changed field: its JSON path and the JSON encodings of
// the value before and after ("null" when absent).
type FieldChange struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// MarshalChanges encodes changes exactly as json.Marshal does, "[]" for
// none, without its reflection: a store encodes one list per history
// entry, and a create entry lists every leaf of the engagement.
func MarshalChanges(changes []FieldChange) []byte {
	n := 2
	for _, c := range changes {
		n += len(`{"field":"","before":"","after":""},`) + len(c.Field) + len(c.Before) + len(c.After)
	}
	b := make([]byte, 0, n+n/8) // room for a few escapes
	b = append(b, '[')
	for i, c := range changes {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"field":`...)
		b = appendQuoted(b, c.Field, true)
		b = append(b, `,"before":`...)
		b = appendQuoted(b, c.Before, true)
		b = append(b, `,"after":`...)
		b = appendQuoted(b, c.After, true)
		b = append(b, '}')
	}
	return append(b, ']')
}

// HistoryEntry is one committed change to an engagement: who, when, what.
// History is append-only.
type HistoryEntry struct {
	Seq          int64         `json:"seq"`
	EngagementID string        `json:"engagement_id"`
	Version      int64         `json:"version"`
	ActorID      string        `json:"actor_id"`
	At           time.Time     `json:"at"`
	Op           Op            `json:"op"`
	Changes      []FieldChange `json:"changes"`
	// Source says where the change came from when it was not made through
	// the API: for an imported engagement, the file and the row
	// ("团队台账.xlsx 业务!A5"). Empty otherwise.
	Source string `json:"source,omitempty"`
}

// Change is one entry of the change feed: an engagement changed and was
// committed. Pos is an opaque, ordered position a reader resumes after.
// A change of the team itself (Op team_update, member_role,
// member_deactivate) names no engagement: EngagementID is empty and
// Version is the team's version (TeamHistoryEntry).
type Change struct {
	Pos          string    `json:"pos"`
	EngagementID string    `json:"engagement_id"`
	TeamID       string    `json:"team_id"`
	Version      int64     `json:"version"`
	Op           Op        `json:"op"`
	At           time.Time `json:"at"`
}

// EngagementKey names an engagement together with its team. A listing by
// team (storage's EngagementKeys) goes in the order of the keys: by team
// id, then by engagement id, both in byte order.
type EngagementKey struct {
	TeamID       string `json:"team_id"`
	EngagementID string `json:"engagement_id"`
}

// Compare returns -1, 0 or +1 as k comes before, with or after o in a
// listing by team; it sorts keys with slices.SortFunc.
func (k EngagementKey) Compare(o EngagementKey) int {
	if c := strings.Compare(k.TeamID, o.TeamID); c != 0 {
		return c
	}
	return strings.Compare(k.EngagementID, o.EngagementID)
}
