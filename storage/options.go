package storage

import "github.com/dealtrail/dealtrail/salesrec"

// Options are the settings every adapter's Open and New take. Each
// adapter's own Options embeds them beside the settings only its database
// has (sqlite.Options, postgres.Options). The zero value is the default
// for every field.
type Options struct {
	// Clock gives "now" for every time-dependent rule and every timestamp
	// the store sets. Nil means salesrec.SystemClock. Give the knowledge
	// base and the HTTP handlers the same clock.
	Clock salesrec.Clock
	// Rules validate every write. Nil means salesrec.DefaultRules().
	Rules *salesrec.Rules
	// SkipMigrate stops Open from applying pending migrations; it then only
	// checks the schema, as New always does (New never changes the schema:
	// call the adapter's Migrate first). Either fails with ErrSchema when
	// the database's migrations are not exactly the binary's.
	SkipMigrate bool
}

// withDefaults fills in the zero fields.
func (o Options) withDefaults() Options {
	if o.Clock == nil {
		o.Clock = salesrec.SystemClock{}
	}
	if o.Rules == nil {
		r := salesrec.DefaultRules()
		o.Rules = &r
	}
	return o
}
