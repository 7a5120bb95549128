package salesrec

import (
	"fmt"
	"time"
)

// A team changes over time: it is renamed, it moves to another time zone,
// members change role and members leave. Each such change is an entry of
// the team's own history (TeamHistoryEntry) and a change in the feed. The
// rules for who may make them are here.

// ErrDeactivated is the error of a call made on behalf of a deactivated
// member: whatever they ask, read or write, is refused. It wraps
// ErrForbidden, so errors.Is(err, ErrForbidden) holds too.
var ErrDeactivated = fmt.Errorf("the acting member has been deactivated: %w", ErrForbidden)

// CanManageTeam reports whether member m may change team teamID: rename
// it, change its time zone, change a member's role and deactivate a
// member. Active managers and admins of the team may; reps may not, and
// nobody may change another team. A store answers a change it refuses
// with ErrForbidden (a member of another team: ErrNotFound, as for a team
// that does not exist).
func CanManageTeam(m Member, teamID string) bool {
	return m.Active() && m.ID != "" && m.TeamID != "" && m.TeamID == teamID && m.Role.SeesTeam()
}

// CanChangeRole reports whether member m may give member target the role
// to: m must manage target's team (CanManageTeam), and only an admin may
// change an admin's role or make someone an admin, so that a manager
// cannot raise themselves or anyone else above their own role.
func CanChangeRole(m, target Member, to Role) bool {
	if !CanManageTeam(m, target.TeamID) {
		return false
	}
	return m.Role == RoleAdmin || (target.Role != RoleAdmin && to != RoleAdmin)
}

// CanDeactivate reports whether member m may deactivate member target: m
// must manage target's team, and only an admin may deactivate an admin.
func CanDeactivate(m, target Member) bool {
	return CanManageTeam(m, target.TeamID) && (m.Role == RoleAdmin || target.Role != RoleAdmin)
}

// CheckKeepsManager checks that a team keeps an active manager or admin
// after a change: othersWhoManage is how many active managers and admins
// the team has besides the member whose role changes or who is
// deactivated; stillManages whether that member manages after the change.
// field names the input that would leave the team without one ("role",
// "member_id").
func CheckKeepsManager(othersWhoManage int, stillManages bool, field string) error {
	if othersWhoManage > 0 || stillManages {
		return nil
	}
	return FieldError(field, msgLastManager)
}

// CanReadTeam reports whether member m may read team teamID and list its
// members: every active member of the team may.
func CanReadTeam(m Member, teamID string) bool {
	return m.Active() && m.ID != "" && m.TeamID != "" && m.TeamID == teamID
}

// TeamHistoryEntry is one committed change to a team or one of its
// members: who, when, what. Version is the team's version the change made.
// MemberID names the member changed (empty for the team's own fields).
// Changes hold the changed fields of the team (name, time_zone) or of the
// member (role, deactivated_at), as in an engagement's history.
type TeamHistoryEntry struct {
	Seq      int64         `json:"seq"`
	TeamID   string        `json:"team_id"`
	Version  int64         `json:"version"`
	ActorID  string        `json:"actor_id"`
	At       time.Time     `json:"at"`
	Op       Op            `json:"op"`
	MemberID string        `json:"member_id,omitempty"`
	Changes  []FieldChange `json:"changes"`
}

// Record is a record with a history of its own besides engagements.
type Record interface{ Team | Member | Customer }

// DiffRecord returns the field-level changes from before to after, as Diff
// does for engagements.
func DiffRecord[T Record](before, after T) ([]FieldChange, error) { return diffDocs(before, after) }

// CreateRecordChanges returns the changes of a create entry for r: every
// field, each from "null", as CreateChanges does for engagements.
func CreateRecordChanges[T Record](r T) ([]FieldChange, error) { return createChanges(r) }

// Reassign hands what member from holds in engagement e over to member to:
// the engagement itself if from owns it, and every action from owns that
// is not done. Done actions keep their owner: they record who did them.
// It reports whether anything changed; e itself is not changed.
func Reassign(e Engagement, from, to string) (Engagement, bool) {
	changed := false
	if e.OwnerID == from {
		e.OwnerID = to
		changed = true
	}
	actions := make([]Action, len(e.Actions))
	copy(actions, e.Actions)
	for i, a := range actions {
		if a.OwnerID == from && a.Status != ActionDone {
			actions[i].OwnerID = to
			changed = true
		}
	}
	e.Actions = actions
	return e, changed
}

// CheckHandTo checks the member chosen to take over a deactivated member's
// open work: it must be another active member of the same team.
// isActiveMember says whether an id is an active member of the team. The
// error names the field "hand_to".
func CheckHandTo(leaving Member, handTo string, isActiveMember func(id string) bool) error {
	switch {
	case handTo == leaving.ID:
		return FieldError("hand_to", msgHandToSelf)
	case !isActiveMember(handTo):
		return FieldError("hand_to", msgHandToNotActive)
	}
	return nil
}

// OpenWorkError is the error of deactivating a member who still owns open
// engagements or open actions without naming who takes them over. It is a
// *ValidationError on "hand_to" in all but name: errors.Is(err, ErrInvalid)
// holds, and Fields says what is left.
type OpenWorkError struct {
	Engagements int // open engagements the member owns
	Actions     int // open actions the member owns, on open engagements
}

// Error says it in Chinese; Text says it in another language.
func (e *OpenWorkError) Error() string { return e.Text(ZH) }

// Text says it in lang.
func (e *OpenWorkError) Text(lang Lang) string { return e.validation().Text(lang) }

// Is makes errors.Is(err, ErrInvalid) true.
func (e *OpenWorkError) Is(target error) bool { return target == ErrInvalid }

// As lets errors.As find the *ValidationError an HTTP layer shows field
// by field.
func (e *OpenWorkError) As(target any) bool {
	if v, ok := target.(**ValidationError); ok {
		*v = e.validation()
		return true
	}
	return false
}

func (e *OpenWorkError) validation() *ValidationError {
	return FieldError("hand_to", msgOpenWork(e.Engagements, e.Actions))
}

// DuplicateCustomerError is the error of creating a customer whose full
// name another customer of the team already has. ID is that customer's id,
// for a host that offers to open it instead. It wraps ErrConflict. Its
// text names no customer: names are confidential.
type DuplicateCustomerError struct {
	ID string
}

// Error says what happened, with the existing customer's id.
func (e *DuplicateCustomerError) Error() string {
	return fmt.Sprintf("a customer of the team already has this full name (customer %s): %v", e.ID, ErrConflict)
}

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *DuplicateCustomerError) Unwrap() error { return ErrConflict }

// Message says it to a person, in Chinese and English.
func (e *DuplicateCustomerError) Message() Message { return msgDuplicateCustomer }
