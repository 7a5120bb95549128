package harness

import (
	"io"
	"time"
)

// Config says what one run measures.
type Config struct {
	// Size is the number of generated engagements loaded before the
	// operations are timed (1k, 10k, 100k, 1M are the standard sizes).
	Size int
	// Seed seeds the generator; the same seed gives the same data.
	Seed uint64
	// Samples is how many times each timed operation runs on each side;
	// 0 means 1000.
	Samples int
	// Rounds is how many times each side of a whole-file row (the
	// workbook's import and export) runs; the quicker round of each side
	// is kept. 0 means wholeFileRounds.
	Rounds int
	// Dir is where databases and indexes are created; it must exist.
	Dir string
	// PostgresDSN, when set, adds the PostgreSQL rows. The run creates two
	// schemas of its own in that database and drops them at the end.
	PostgresDSN string
	// SkipSQLite, SkipKB, SkipWorkbook leave those parts out (the workbook
	// rows run on SQLite).
	SkipSQLite, SkipKB, SkipWorkbook bool
	// Reuse keeps the SQLite store in Dir for later runs and reuses it when
	// an earlier run left a finished load of the same Size and Seed there:
	// the bulk loads (and their rows) are then skipped. The timed writes
	// are left out of every Reuse run, so the store keeps exactly the
	// generated data set.
	Reuse bool
	// MemSizes lists the data-set sizes of the peak-memory rows, each run in
	// a child process (see Child); empty means none.
	MemSizes []int
	// VerifyRows checks, after loading, that the bare side wrote the same
	// rows as dealtrail (see verifyRows). The smoke test sets it.
	VerifyRows bool
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Now is the instant overdue lists are judged at; zero means the
	// generator's anchor (salesrectest.Options.Now).
	Now time.Time
}

// BatchSize is the number of engagements per bulk insert and the number of
// documents per Bleve batch, on both sides.
const BatchSize = 1000

func (c Config) samples() int {
	if c.Samples <= 0 {
		return 1000
	}
	return c.Samples
}

func (c Config) rounds() int {
	if c.Rounds <= 0 {
		return wholeFileRounds
	}
	return c.Rounds
}

func (c Config) logf(format string, args ...any) {
	if c.Log != nil {
		_, _ = io.WriteString(c.Log, sprintf(format+"\n", args...))
	}
}
