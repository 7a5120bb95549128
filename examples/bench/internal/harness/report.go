package harness

import (
	"math"
	"time"
)

// Kind says how a row compares the two sides.
type Kind int

// Row kinds.
const (
	// Throughput rows compare operations per second; higher is better and
	// the ratio is dealtrail/bare.
	Throughput Kind = iota
	// Latency rows compare per-operation latency; the ratio is
	// dealtrail p99 / bare p99, lower is better.
	Latency
	// Memory rows compare peak resident memory; the ratio is dealtrail/bare.
	Memory
)

// Report is the outcome of one run.
type Report struct {
	Env  Env
	Size int
	Rows []Row
	// Notes are remarks the run made along the way (skipped parts, hints).
	Notes []string
}

// Row is one comparison: a dealtrail operation and the bare building block
// doing the equivalent work.
type Row struct {
	// Area groups rows: "sqlite", "postgres", "kb", "memory".
	Area string
	// Op names the operation, e.g. "get by id".
	Op string
	// Bare says what the bare side does, e.g. "SELECT doc … WHERE id = ?".
	Bare string
	Kind Kind
	// DT and Base are the measures of dealtrail and of the bare side.
	DT, Base Measure
	// Target is the project's target for this row; the zero Target means none.
	Target Target
}

// Ratio is dealtrail relative to bare: throughput dealtrail/bare (≥ 1 means
// dealtrail is as fast), latency p99 dealtrail/bare (≤ 1 means as fast),
// memory peak RSS dealtrail/bare. NaN when the bare side measured nothing.
func (r Row) Ratio() float64 {
	var a, b float64
	switch r.Kind {
	case Throughput:
		a, b = r.DT.PerSecond(), r.Base.PerSecond()
	case Latency:
		a, b = float64(r.DT.P99), float64(r.Base.P99)
	case Memory:
		a, b = float64(r.DT.PeakRSS), float64(r.Base.PeakRSS)
	}
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// MedianRatio compares the medians where operations were timed one by
// one: for latency dealtrail p50 / bare p50, for throughput bare p50 /
// dealtrail p50 (so that, as for Ratio, above 1 means dealtrail is faster
// for throughput and slower for latency). NaN when there are no medians.
// On a noisy machine the median is the steadier figure.
func (r Row) MedianRatio() float64 {
	if r.DT.P50 == 0 || r.Base.P50 == 0 {
		return math.NaN()
	}
	switch r.Kind {
	case Latency:
		return float64(r.DT.P50) / float64(r.Base.P50)
	case Throughput:
		return float64(r.Base.P50) / float64(r.DT.P50)
	}
	return math.NaN()
}

// Verdict is PASS, MISS or "" when the row has no target.
func (r Row) Verdict() string {
	if r.Target.Check == nil {
		return ""
	}
	if r.Target.Check(r) {
		return "PASS"
	}
	return "MISS"
}

// Target is a goal a row is checked against.
type Target struct {
	// Text states the goal, e.g. "≥ 0.5× bare".
	Text string
	// Check reports whether the row meets it.
	Check func(Row) bool
}

// atLeast is a throughput target: ratio ≥ x.
func atLeast(x float64) Target {
	return Target{Text: "≥ " + fmtRatio(x) + " bare", Check: func(r Row) bool { return r.Ratio() >= x }}
}

// atMost is a latency target on the p99 ratio: ratio ≤ x.
func atMost(x float64) Target {
	return Target{Text: "p99 ≤ " + fmtRatio(x) + " bare", Check: func(r Row) bool { return r.Ratio() <= x }}
}

// peakAtMost is a memory target: dealtrail's peak RSS ≤ x times bare's.
// statedAt is the data-set size the goal is stated for (0: any).
func peakAtMost(x float64, statedAt int) Target {
	return Target{Text: stated("peak RSS ≤ "+fmtRatio(x)+" bare", statedAt), Check: func(r Row) bool { return r.Ratio() <= x }}
}

// p99Within is an absolute latency target on dealtrail's p99. statedAt is
// the data-set size the goal is stated for (0: any).
func p99Within(d time.Duration, statedAt int) Target {
	return Target{Text: stated("p99 ≤ "+fmtDuration(d), statedAt), Check: func(r Row) bool { return r.DT.P99 > 0 && r.DT.P99 <= d }}
}

// stated appends to a target's text the data-set size it is stated for,
// when there is one.
func stated(text string, statedAt int) string {
	if statedAt > 0 {
		return text + " at " + fmtCount(statedAt)
	}
	return text
}

// Find returns the row of the given area and operation.
func (rep *Report) Find(area, op string) (Row, bool) {
	for _, r := range rep.Rows {
		if r.Area == area && r.Op == op {
			return r, true
		}
	}
	return Row{}, false
}
