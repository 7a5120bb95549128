package salesrec

import (
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
		return transitionError(from, to, msgUnknownFrom(from))
	case !to.Valid():
		return transitionError(from, to, msgUnknownTo(to))
	case from == StatusOpen && (to == StatusWon || to == StatusTerminated):
		return nil
	case from == to:
		return transitionError(from, to, msgAlready(to))
	case from == StatusWon:
		return transitionError(from, to, msgWonIsFinal)
	case from == StatusTerminated && to == StatusOpen:
		return transitionError(from, to, msgReopenWithReason)
	default:
		return transitionError(from, to, msgTerminatedIsFinal)
	}
}

func transitionError(from, to Status, why Message) error {
	return &TransitionError{From: from, To: to, Why: why}
}

// TransitionError says why an engagement's status cannot change from From
// to To, in Chinese and in English. errors.Is(err, ErrInvalidTransition)
// holds for it.
type TransitionError struct {
	From, To Status
	Why      Message
}

// Error says it in Chinese; use Text for another language.
func (e *TransitionError) Error() string { return e.Text(ZH) }

// Text says it in lang. A change to the status the engagement already has
// is said by its reason alone ("业务仍在推进中,无需重新打开"), not as a
// change from a status to itself.
func (e *TransitionError) Text(lang Lang) string {
	if e.From == e.To && e.From.Valid() {
		return e.Why.Text(lang)
	}
	return msgTransition(e.From, e.To, e.Why).Text(lang)
}

// Unwrap makes errors.Is(err, ErrInvalidTransition) true.
func (e *TransitionError) Unwrap() error { return ErrInvalidTransition }

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
		return e, transitionError(e.Status, StatusOpen, msgWonNotReopened)
	case StatusOpen:
		return e, transitionError(e.Status, StatusOpen, msgAlready(StatusOpen))
	default:
		return e, transitionError(e.Status, StatusOpen, msgUnknownFrom(e.Status))
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
