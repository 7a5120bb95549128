package salesrec

import (
	validation "github.com/go-ozzo/ozzo-validation/v4"
)

// Outcome is the result of a closed engagement. A won engagement has Amount
// and SignedOn; a terminated one has Reason and ReasonCategory.
type Outcome struct {
	Amount         Money          `json:"amount,omitzero"`
	SignedOn       Date           `json:"signed_on,omitzero"`
	Reason         string         `json:"reason,omitempty"`
	ReasonCategory ReasonCategory `json:"reason_category,omitempty"`
}

// Validate checks an outcome on its own. An outcome with a reason or a
// reason category and no amount or signing date is checked as a terminated
// outcome; any other as a won one. Use ValidateFor when the status is known.
func (o Outcome) Validate() error {
	s := StatusWon
	if (o.Reason != "" || o.ReasonCategory != "") && o.Amount.IsZero() && o.SignedOn.IsZero() {
		s = StatusTerminated
	}
	return o.ValidateFor(s)
}

// ValidateFor checks an outcome for an engagement of status s: won needs an
// amount above zero and the signing date, and no termination reason;
// terminated needs an objective reason and its category, and no amount or
// signing date. Keys are "amount", "signed_on", "reason", "reason_category".
// For an open engagement (or any other status) only the empty outcome is
// valid; the error is then keyed "outcome".
func (o Outcome) ValidateFor(s Status) error {
	if s != StatusWon && s != StatusTerminated {
		if o == (Outcome{}) {
			return nil
		}
		return FieldError("outcome", msgOpenOutcome)
	}
	return asValidationError(outcomeErrors(o, s))
}

// outcomeFor checks an engagement's outcome against its status; errors are
// keyed relative to the outcome.
func outcomeFor(s Status, o *Outcome) error {
	switch s {
	case StatusWon, StatusTerminated:
		if o == nil {
			if s == StatusWon {
				return problem(msgWonOutcome)
			}
			return problem(msgTermOutcome)
		}
		return outcomeErrors(*o, s)
	default:
		if o != nil && *o != (Outcome{}) {
			return problem(msgOpenOutcome)
		}
		return nil
	}
}

func outcomeErrors(o Outcome, s Status) error {
	won := s == StatusWon
	return validation.ValidateStruct(&o,
		validation.Field(&o.Amount, nested(func() error {
			if m, bad := moneyProblem(o.Amount); bad {
				return problem(m)
			}
			if won && o.Amount.IsZero() {
				return problem(msgWonAmount)
			}
			if won && o.Amount.Minor == 0 {
				return problem(msgWonAmountZero)
			}
			if !won && !o.Amount.IsZero() {
				return problem(msgNotForTerminated)
			}
			return nil
		})...),
		validation.Field(&o.SignedOn, check(func() error {
			if !won {
				if !o.SignedOn.IsZero() {
					return problem(msgNotForTerminated)
				}
				return nil
			}
			if m, bad := dateProblem(o.SignedOn, msgSignedOn); bad {
				return problem(m)
			}
			return nil
		})),
		validation.Field(&o.Reason, check(func() error {
			if won {
				if o.Reason != "" {
					return problem(msgNotForWon)
				}
				return nil
			}
			return required(MaxTextChars, msgReason).Validate(o.Reason)
		})),
		validation.Field(&o.ReasonCategory, check(func() error {
			if won {
				if o.ReasonCategory != "" {
					return problem(msgNotForWon)
				}
				return nil
			}
			return enumRequired.Validate(o.ReasonCategory)
		})),
	)
}

// Lesson is a distilled success point or improvement point, at most
// MaxLessonChars characters.
type Lesson struct {
	Kind LessonKind `json:"kind"`
	Text string     `json:"text"`
}

// Validate checks a lesson: kind and text of at most MaxLessonChars
// characters (一个汉字 is one).
func (l Lesson) Validate() error { return asValidationError(lessonErrors(l)) }

func lessonErrors(l Lesson) error {
	return validation.ValidateStruct(&l,
		validation.Field(&l.Kind, enumRequired),
		validation.Field(&l.Text, required(MaxLessonChars, msgLessonText)),
	)
}
