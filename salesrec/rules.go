package salesrec

import "time"

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
	// VagueActions are phrases that, alone, do not make an action (跟进, follow up, …).
	VagueActions []string
	// VagueContent are phrases that, alone, do not make a need or point (客户有需求, …).
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

	// compiled caches the phrase lists in normalised form for the length of
	// one validation call; see compile.
	compiled *compiledRules
}

// compiledRules is the work a validation call does once rather than for
// every text it checks.
type compiledRules struct {
	actions, content *phraseSet
}

// compile returns r with its phrase lists normalised. The entry points
// (Validate, ValidateInteraction) call it, and r is passed down by value, so
// nested checks share the result and a caller who changes the exported
// lists between calls is always seen.
func (r Rules) compile() Rules {
	r.compiled = &compiledRules{actions: newPhraseSet(r.VagueActions), content: newPhraseSet(r.VagueContent)}
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
	}
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
