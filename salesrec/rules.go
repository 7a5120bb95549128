package salesrec

import (
	"slices"
	"time"
)

// LateMode says what happens to an interaction recorded after the late window.
type LateMode string

// Late modes.
const (
	// LateMark keeps a late interaction and marks it Late (the default: no
	// information is lost).
	LateMark LateMode = "mark"
	// LateRefuse refuses a late interaction with a validation error.
	LateRefuse LateMode = "refuse"
)

// Rules holds the configurable parts of the template's rules. The zero value
// is usable (zero durations and mode mean the defaults, nil phrase lists
// switch the vague checks off), but start from DefaultRules and change what
// you need.
type Rules struct {
	// VagueActions are phrases that, alone, do not make an action (跟进,
	// follow up, …) nor an engagement's goal.
	VagueActions []string
	// VagueContent are phrases that, alone, do not make a need, a point
	// nor an engagement's goal (客户有需求, …).
	VagueContent []string
	// LateWindow is how long after a contact it may be recorded without
	// being late (24 hours in the template).
	LateWindow time.Duration
	// LateMode decides whether a late interaction is kept and marked or refused.
	LateMode LateMode
	// FutureSkew is how far in the future an occurred-at may be before it is
	// refused, to allow for clock differences.
	FutureSkew time.Duration
	// StaleAfter is how long an open engagement may go without an
	// interaction before Findings reports it.
	StaleAfter time.Duration

	// compiled holds the phrase lists in normalised form; see Prepared.
	compiled *compiledRules
}

// compiledRules is the work on the phrase lists done once rather than for
// every text checked. It remembers the lists it was built from.
type compiledRules struct {
	actionsFrom, contentFrom []string
	actions, content         *phraseSet
	// goal is both lists together: a goal is vague when it is only a
	// vague action (跟进客户), only vague content (有需求) or a mix of both.
	goal *phraseSet
}

// Prepared returns r with its phrase lists normalised ahead of time, so
// that validating many records does that work once. Validate and
// ValidateInteraction reuse it as long as the lists still equal the ones it
// was built from (they compare them, so changing a list afterwards is
// always seen; it only costs the preparation again). DefaultRules is
// already prepared; a store prepares the rules it is given.
func (r Rules) Prepared() Rules { return r.compile() }

// compile returns r with usable compiled phrase sets: the ones it has when
// they match the lists, else new ones. The validation entry points call it
// and pass r down by value, so nested checks share the result.
func (r Rules) compile() Rules {
	if c := r.compiled; c != nil && slices.Equal(c.actionsFrom, r.VagueActions) && slices.Equal(c.contentFrom, r.VagueContent) {
		return r
	}
	r.compiled = &compiledRules{
		actionsFrom: slices.Clone(r.VagueActions),
		contentFrom: slices.Clone(r.VagueContent),
		actions:     newPhraseSet(r.VagueActions),
		content:     newPhraseSet(r.VagueContent),
		goal:        newPhraseSet(append(slices.Clone(r.VagueActions), r.VagueContent...)),
	}
	return r
}

// MaxLessonChars is the template's limit for a lesson, in characters (一个汉字 is one).
const MaxLessonChars = 50

// Defaults of DefaultRules.
const (
	DefaultLateWindow = 24 * time.Hour
	DefaultFutureSkew = 5 * time.Minute
	DefaultStaleAfter = 14 * 24 * time.Hour
)

// DefaultRules returns the template's rules: the zh and en vague-phrase
// lists, a 24-hour late window in LateMark mode (keep and mark), a 5-minute
// future skew and 14 days before an open engagement counts as stale.
func DefaultRules() Rules {
	return Rules{
		VagueActions: DefaultVagueActions(),
		VagueContent: DefaultVagueContent(),
		LateWindow:   DefaultLateWindow,
		LateMode:     LateMark,
		FutureSkew:   DefaultFutureSkew,
		StaleAfter:   DefaultStaleAfter,
	}.compile()
}

// timing returns r's durations and mode with zero values replaced by the
// defaults, so a partly filled Rules still behaves sensibly. Nil phrase
// lists are not replaced: they switch the vague checks off.
func (r Rules) timing() Rules {
	if r.LateWindow <= 0 {
		r.LateWindow = DefaultLateWindow
	}
	if r.FutureSkew <= 0 {
		r.FutureSkew = DefaultFutureSkew
	}
	if r.StaleAfter <= 0 {
		r.StaleAfter = DefaultStaleAfter
	}
	if r.LateMode == "" {
		r.LateMode = LateMark
	}
	return r
}
