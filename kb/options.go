package kb

import "time"

// Options tune an Index. The zero value is ready to use.
type Options struct {
	// LockTimeout is how long Open waits for another opener of the same
	// directory to let go before failing with ErrLocked. Zero means one
	// second.
	LockTimeout time.Duration
	// Synonyms are the team's synonym groups; a query naming one member of
	// a group also searches the others. Nil means DefaultSynonyms; an
	// empty, non-nil slice turns synonyms off.
	Synonyms [][]string
	// FeedPage is how many feed changes one index batch covers, and how
	// many engagements one page of a Rebuild's listing holds. Zero means
	// 1,000 feed changes (the most a storage.Store returns in one read:
	// fewer, larger batches make Sync from empty faster) and 256
	// engagements per listed page (a Rebuild indexes each at its full
	// current state, so its pages are kept smaller to bound its memory).
	FeedPage int
	// PollInterval is how often Follow polls a source that cannot signal
	// writes, and the longest it waits for a signal from one that can.
	// Zero means two seconds.
	PollInterval time.Duration
	// Committed, when set, is called after each batch is committed with
	// the feed position now stored in the index and the number of changes
	// the batch covered. Bleve writes a committed batch to disk shortly
	// after; a crash before then loses it together with its position,
	// and the next Sync applies it again (see docs/kb.md, Recovery).
	Committed func(pos string, changes int)
	// Quarantined, when set, is told about every engagement a committed
	// batch put in quarantine because it could not be indexed (see
	// Quarantine), after Committed. Index.Quarantined lists them all.
	Quarantined func(Quarantine)
	// SyncError, when set, is told about every failed catch-up in Follow
	// before Follow waits and tries again.
	SyncError func(error)

	// without lists analysis steps switched off, for the quality test
	// only (see analysisSteps); zero, the whole chain, everywhere else.
	without analysisSteps
	// advise, when set (tests only), is called instead of the kernel
	// advice for each file kb reads ahead (see readahead.go).
	advise func(path string) error
}

func (o Options) lockTimeout() time.Duration {
	if o.LockTimeout > 0 {
		return o.LockTimeout
	}
	return time.Second
}

func (o Options) feedPage() int {
	if o.FeedPage > 0 {
		return o.FeedPage
	}
	return 1000
}

// listPage is how many engagements one page of a Rebuild's listing holds.
func (o Options) listPage() int {
	if o.FeedPage > 0 {
		return o.FeedPage
	}
	return 256
}

func (o Options) pollInterval() time.Duration {
	if o.PollInterval > 0 {
		return o.PollInterval
	}
	return 2 * time.Second
}
