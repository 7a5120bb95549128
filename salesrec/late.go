package salesrec

import (
	"errors"
	"fmt"
	"time"
)

// StampInteraction prepares an interaction for recording at instant now
// (taken from the caller's Clock):
//
//   - OccurredAt is truncated to the minute, keeping its zone offset;
//   - RecordedAt is set to now;
//   - an occurred-at more than FutureSkew after now is refused;
//   - an interaction recorded more than LateWindow after it occurred is late
//     (事后补录): exactly LateWindow is not late, one second more is. In
//     LateMark mode it is kept with Late set; in LateRefuse mode it is
//     refused;
//   - the interaction is then validated (ValidateInteraction).
//
// Refusals are *ValidationErrors (errors.Is(err, ErrInvalid)); the clock
// rules report under "occurred_at". The stamped interaction is returned
// even with an error, so a caller can show what was checked.
func (r Rules) StampInteraction(in Interaction, now time.Time) (Interaction, error) {
	in, clockMsg, err := r.stampClock(in, now)
	if err != nil {
		return in, err
	}
	err = r.timing().ValidateInteraction(in)
	if clockMsg.IsZero() {
		return in, err
	}
	fields := map[string]Message{}
	var ve *ValidationError
	if errors.As(err, &ve) {
		fields = ve.Fields
	} else if err != nil {
		return in, err
	}
	fields["occurred_at"] = clockMsg
	return in, &ValidationError{Fields: fields}
}

// StampClock is StampInteraction without the validation of the
// interaction itself: it stamps and applies the clock rules only (a
// refusal is keyed "occurred_at"). It is for a caller that validates the
// whole engagement right after, as Rules.Validate does with every
// interaction in full; what StampInteraction would refuse, the two
// together refuse too.
func (r Rules) StampClock(in Interaction, now time.Time) (Interaction, error) {
	in, clockMsg, err := r.stampClock(in, now)
	if err != nil || clockMsg.IsZero() {
		return in, err
	}
	return in, FieldError("occurred_at", clockMsg)
}

// stampClock stamps in at now and says what the clock rules refuse, if
// anything; err is for rules that cannot be applied (an unknown LateMode).
func (r Rules) stampClock(in Interaction, now time.Time) (_ Interaction, clockMsg Message, err error) {
	t := r.timing()
	if t.LateMode != LateMark && t.LateMode != LateRefuse {
		return in, Message{}, inputError(string(t.LateMode), msgUnknownLateMode(string(t.LateMode), string(LateMark), string(LateRefuse)))
	}
	now = now.Round(0) // drop the monotonic reading: recorded times are wall times
	in.OccurredAt = truncateMinute(in.OccurredAt)
	in.RecordedAt = now
	in.Late = false
	if in.OccurredAt.IsZero() {
		return in, Message{}, nil
	}
	age := now.Sub(in.OccurredAt)
	switch {
	case -age > t.FutureSkew:
		clockMsg = msgInFuture(in.OccurredAt.Format("2006-01-02 15:04 -07:00"), now.In(in.OccurredAt.Location()).Format("2006-01-02 15:04 -07:00"))
	case age > t.LateWindow:
		if t.LateMode == LateRefuse {
			clockMsg = msgRecordedTooLate(t.LateWindow)
		} else {
			in.Late = true
		}
	}
	return in, clockMsg, nil
}

// truncateMinute drops seconds and below, keeping t's location and offset.
func truncateMinute(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Round(0).Add(-time.Duration(t.Second())*time.Second - time.Duration(t.Nanosecond()))
}

// plainDuration writes a window the way people say it: "24 hours", "90 minutes".
func plainDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		if d == time.Hour {
			return "1 hour"
		}
		return fmt.Sprintf("%d hours", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%d minutes", d/time.Minute)
	default:
		return d.String()
	}
}
