package harness

import (
	"math"
	"slices"
	"time"
)

// Measure is what one side of a comparison did: how many operations, how
// long they took in all, and the latency percentiles when each operation was
// timed on its own.
type Measure struct {
	// N is the number of operations (or documents, or engagements).
	N int
	// Total is the time they took together.
	Total time.Duration
	// P50, P95 and P99 are latency percentiles; zero when not timed one by one.
	P50, P95, P99 time.Duration
	// PeakRSS and PeakHeap are set by memory measurements, in bytes.
	PeakRSS, PeakHeap uint64
}

// PerSecond is the throughput: N divided by Total.
func (m Measure) PerSecond() float64 {
	if m.Total <= 0 {
		return 0
	}
	return float64(m.N) / m.Total.Seconds()
}

// Timings collects the latencies of one operation.
type Timings struct {
	d []time.Duration
}

// Add records one latency.
func (t *Timings) Add(d time.Duration) { t.d = append(t.d, d) }

// Measure summarises the latencies recorded so far.
func (t *Timings) Measure() Measure {
	m := Measure{N: len(t.d)}
	if len(t.d) == 0 {
		return m
	}
	s := slices.Clone(t.d)
	slices.Sort(s)
	for _, d := range s {
		m.Total += d
	}
	m.P50, m.P95, m.P99 = percentile(s, 0.50), percentile(s, 0.95), percentile(s, 0.99)
	return m
}

// percentile returns the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// timed runs f and returns how long it took.
func timed(f func() error) (time.Duration, error) {
	start := time.Now()
	err := f()
	return time.Since(start), err
}
