package salesrec

import (
	"fmt"
	"strings"
	"time"

	validation "github.com/go-ozzo/ozzo-validation/v4"
)

// CheckTransition reports whether an engagement may move from status from
// to status to. The allowed moves are open → won and open → terminated; won
// and terminated are final, except that a terminated engagement may be
// reopened with a reason (Engagement.Reopen, which CheckTransition does not
// stand in for). Any other move, including an unknown status or staying in
// place, fails with an error wrapping ErrInvalidTransition.
func CheckTransition(from, to Status) error {
	switch {
	case !from.Valid():
		return transitionError(from, to, fmt.Sprintf("the current status %q is not a known status", from))
	case !to.Valid():
		return transitionError(from, to, fmt.Sprintf("%q is not a known status (use won or terminated)", to))
	case from == StatusOpen && (to == StatusWon || to == StatusTerminated):
		return nil
	case from == to:
		return transitionError(from, to, fmt.Sprintf("the engagement is already %s", to.Label(EN)))
	case from == StatusWon:
		return transitionError(from, to, "a won engagement is final and cannot change status")
	case from == StatusTerminated && to == StatusOpen:
		return transitionError(from, to, "a terminated engagement is reopened only with a reason (use Reopen)")
	default:
		return transitionError(from, to, "a terminated engagement is final; reopen it first if the pursuit continues")
	}
}

func transitionError(from, to Status, why string) error {
	return fmt.Errorf("%w from %q to %q: %s", ErrInvalidTransition, from, to, why)
}

// Close moves an open engagement to won or terminated with its outcome.
// The move must be allowed (CheckTransition, else ErrInvalidTransition) and
// the outcome must fit the new status (Outcome.ValidateFor, else a
// *ValidationError keyed "outcome.amount", "outcome.signed_on",
// "outcome.reason", "outcome.reason_category"). A won outcome's signing date
// may not lie after now's day (one day of slack for time zones). UpdatedAt
// is set to now. The engagement passed in is not changed.
func (e Engagement) Close(o Outcome, to Status, now time.Time) (Engagement, error) {
	if err := CheckTransition(e.Status, to); err != nil {
		return e, err
	}
	if err := outcomeErrors(o, to); err != nil {
		return e, asValidationError(prefixErrors("outcome", err))
	}
	if to == StatusWon && !now.IsZero() && o.SignedOn.After(DateOf(now.UTC()).AddDays(1)) {
		return e, FieldError("outcome.signed_on", msgSignedInFuture(o.SignedOn))
	}
	e.Status = to
	e.Outcome = &o
	e.UpdatedAt = now
	return e, nil
}

// Reopen moves a terminated engagement back to open. The reason is required
// (ErrInvalid, field "reopen_reason", when blank); a won or open engagement
// cannot be reopened (ErrInvalidTransition). The outcome is cleared (the
// history keeps it), ReopenReason is set and UpdatedAt is now.
func (e Engagement) Reopen(reason string, now time.Time) (Engagement, error) {
	switch e.Status {
	case StatusTerminated:
	case StatusWon:
		return e, transitionError(e.Status, StatusOpen, "a won engagement is final and cannot be reopened")
	case StatusOpen:
		return e, transitionError(e.Status, StatusOpen, "the engagement is already open")
	default:
		return e, transitionError(e.Status, StatusOpen, fmt.Sprintf("the current status %q is not a known status", e.Status))
	}
	reason = strings.TrimSpace(reason)
	if m, bad := textProblem(reason, MaxTextChars); bad {
		return e, FieldError("reopen_reason", m)
	}
	if reason == "" {
		return e, FieldError("reopen_reason", msgReopenReason)
	}
	e.Status = StatusOpen
	e.Outcome = nil
	e.ReopenReason = reason
	e.UpdatedAt = now
	return e, nil
}

// prefixErrors nests err under a field name, for flattening.
func prefixErrors(field string, err error) error {
	return validation.Errors{field: err}
}
