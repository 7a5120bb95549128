package salesrec

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
	if s == StatusWon {
		var amount, reason, category error
		switch m, bad := moneyProblem(o.Amount); {
		case bad:
			amount = problem(m)
		case o.Amount.IsZero():
			amount = problem(msgWonAmount)
		case o.Amount.Minor == 0:
			amount = problem(msgWonAmountZero)
		}
		if o.Reason != "" {
			reason = problem(msgNotForWon)
		}
		if o.ReasonCategory != "" {
			category = problem(msgNotForWon)
		}
		return structErrors(
			fieldErr{"amount", amount},
			field("signed_on", o.SignedOn, dateField(msgSignedOn)),
			fieldErr{"reason", reason},
			fieldErr{"reason_category", category},
		)
	}
	var amount, signedOn error
	switch m, bad := moneyProblem(o.Amount); {
	case bad:
		amount = problem(m)
	case !o.Amount.IsZero():
		amount = problem(msgNotForTerminated)
	}
	if !o.SignedOn.IsZero() {
		signedOn = problem(msgNotForTerminated)
	}
	return structErrors(
		fieldErr{"amount", amount},
		fieldErr{"signed_on", signedOn},
		field("reason", o.Reason, required(MaxTextChars, msgReason)),
		field("reason_category", o.ReasonCategory, enumRequired),
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
	return structErrors(
		field("kind", l.Kind, enumRequired),
		field("text", l.Text, required(MaxLessonChars, msgLessonText)),
	)
}
