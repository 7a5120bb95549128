package harness

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// settleCounters are the scorch statistics that move while an index merges
// or persists segments in the background.
var settleCounters = []string{
	"TotFileMergeLoopBeg", "TotFileMergeLoopEnd", "TotFileMergeZapBeg", "TotFileMergeZapEnd",
	"TotMemMergeBeg", "TotMemMergeDone", "TotPersistLoopBeg", "TotPersistLoopEnd",
}

// mergesUnderWay pairs the counters of merges begun and ended.
var mergesUnderWay = [][2]string{
	{"TotFileMergePlanTasks", "TotFileMergePlanTasksDone"},
	{"TotFileMergeZapBeg", "TotFileMergeZapEnd"},
	{"TotMemMergeBeg", "TotMemMergeDone"},
}

// settleQuiet is how long the counters must stand still; settleLimit bounds
// the wait.
const (
	settleQuiet = 2 * time.Second
	settleLimit = 15 * time.Minute
)

// settle waits, untimed, until idx has no merge or persist activity (no
// merge begun and not ended, no counter moving for settleQuiet): after
// a large ingest Bleve goes on merging segments in the background, and an
// index still merging takes a CPU from whatever is measured next (on this
// 2-CPU machine, the other side's Sync or searches). It returns how long it
// waited.
func settle(ctx context.Context, idx bleve.Index) (time.Duration, error) {
	start := time.Now()
	// read returns the counters, and whether a merge has begun and not
	// ended (a merge under way moves no counter until it ends).
	read := func() (counters string, busy bool, err error) {
		stats, ok := idx.StatsMap()["index"].(map[string]any)
		if !ok {
			return "", false, fmt.Errorf("settle: %s has no scorch statistics", idx.Name())
		}
		for _, k := range settleCounters {
			counters += fmt.Sprint(stats[k], " ")
		}
		for _, pair := range mergesUnderWay {
			busy = busy || fmt.Sprint(stats[pair[0]]) != fmt.Sprint(stats[pair[1]])
		}
		return counters, busy, nil
	}
	last, _, err := read()
	if err != nil {
		return 0, err
	}
	still := time.Now()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for time.Since(still) < settleQuiet {
		if time.Since(start) > settleLimit {
			return time.Since(start), fmt.Errorf("settle: %s still merging after %s", idx.Name(), settleLimit)
		}
		select {
		case <-ctx.Done():
			return time.Since(start), ctx.Err()
		case <-tick.C:
		}
		now, busy, err := read()
		if err != nil {
			return 0, err
		}
		if busy || now != last {
			last, still = now, time.Now()
		}
	}
	return time.Since(start), nil
}
