package salesrec

import "time"

// Op names the kind of change a history entry records. Its labels are in
// enum_types.go.
//
//enumgen:table ops
type Op string

// History operations.
const (
	OpCreate       Op = "create"
	OpUpdate       Op = "update"
	OpInteraction  Op = "log_interaction"
	OpActionStatus Op = "action_status"
	OpClose        Op = "close"
	OpReopen       Op = "reopen"
	OpRemark       Op = "remark"
	// OpCustomerUpdate appears only in the change feed: the engagement is
	// unchanged (same version, no history entry) but its customer was
	// edited, so whatever was derived from the customer, such as the
	// knowledge base's masking of the customer's names, must be redone.
	OpCustomerUpdate Op = "customer_update"
	// OpReassign hands a deactivated member's open engagement or open
	// actions over to another member (see Reassign).
	OpReassign Op = "reassign"
	// The team's own history (TeamHistoryEntry). All but member_add are
	// also in the change feed, as changes that name no engagement.
	OpTeamUpdate       Op = "team_update"
	OpMemberAdd        Op = "member_add"
	OpMemberRole       Op = "member_role"
	OpMemberDeactivate Op = "member_deactivate"
)

// FieldChange is one changed field: its JSON path and the JSON encodings of
// the value before and after ("null" when absent).
type FieldChange struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
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
