package salesrectest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// Standard data-set sizes, in engagements.
const (
	Size1K   = 1_000
	Size10K  = 10_000
	Size100K = 100_000
	Size1M   = 1_000_000
)

// Options shape what a Generator produces. Start from DefaultOptions.
type Options struct {
	// Now anchors every generated time: interactions happen before it,
	// deadlines fall around it. It is not the wall clock, so output is
	// reproducible.
	Now time.Time
	// MembersPerTeam is the team size Stream uses (one manager, the rest reps).
	MembersPerTeam int
	// EngagementsPerTeam is how many engagements Stream puts in one team
	// before it starts the next.
	EngagementsPerTeam int
	// Skew is the Zipf exponent of phrase frequencies: weight of the k-th
	// most common phrase ∝ 1/k^Skew. 0 draws uniformly.
	Skew float64
}

// DefaultOptions returns the options New uses.
func DefaultOptions() Options {
	return Options{
		Now:                time.Date(2026, 6, 30, 18, 0, 0, 0, chinaZone),
		MembersPerTeam:     8,
		EngagementsPerTeam: 1_000,
		Skew:               1.0,
	}
}

// chinaZone is UTC+8 without a tz database lookup, so generation cannot fail
// on a machine without zoneinfo.
var chinaZone = time.FixedZone("CST", 8*3600)

// Generator produces deterministic data from its seed. It is not safe for
// concurrent use; give each goroutine its own Generator.
type Generator struct {
	rng  *rand.Rand
	opts Options
	// cdfs caches the cumulative Zipf weights per list length.
	cdfs map[int][]float64
}

// New returns a Generator with DefaultOptions.
func New(seed uint64) *Generator { return NewWithOptions(seed, DefaultOptions()) }

// NewWithOptions returns a Generator with the given options; zero fields
// take their defaults.
func NewWithOptions(seed uint64, o Options) *Generator {
	d := DefaultOptions()
	if o.Now.IsZero() {
		o.Now = d.Now
	}
	if o.MembersPerTeam < 2 {
		o.MembersPerTeam = d.MembersPerTeam
	}
	if o.EngagementsPerTeam < 1 {
		o.EngagementsPerTeam = d.EngagementsPerTeam
	}
	if o.Skew < 0 || math.IsNaN(o.Skew) {
		o.Skew = d.Skew
	}
	return &Generator{
		rng:  rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		opts: o,
		cdfs: make(map[int][]float64),
	}
}

// Options returns the options in effect.
func (g *Generator) Options() Options { return g.opts }

// id returns a random (version 4 layout) UUID drawn from the generator.
func (g *Generator) id() string {
	a, b := g.rng.Uint64(), g.rng.Uint64()
	a = a&^0xf000 | 0x4000         // version 4
	b = b&^(0xc<<60) | (0x8 << 60) // RFC 4122 variant
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x",
		a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// zipf returns an index in [0, n) with P(k) ∝ 1/(k+1)^Skew: index 0 is the
// most common.
func (g *Generator) zipf(n int) int {
	if n <= 1 {
		return 0
	}
	cdf, ok := g.cdfs[n]
	if !ok {
		cdf = make([]float64, n)
		sum := 0.0
		for k := range n {
			sum += 1 / math.Pow(float64(k+1), g.opts.Skew)
			cdf[k] = sum
		}
		g.cdfs[n] = cdf
	}
	u := g.rng.Float64() * cdf[n-1]
	i := sort.SearchFloat64s(cdf, u)
	if i >= n {
		i = n - 1
	}
	return i
}

// pick draws from a phrase list with Zipf-like frequency.
func pick[T any](g *Generator, list []T) T { return list[g.zipf(len(list))] }

// uniform draws uniformly from a list.
func uniform[T any](g *Generator, list []T) T { return list[g.rng.IntN(len(list))] }

// between returns an int in [lo, hi].
func (g *Generator) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// chance reports true with probability p.
func (g *Generator) chance(p float64) bool { return g.rng.Float64() < p }

// weighted returns an index drawn with the given relative weights.
func (g *Generator) weighted(w ...int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	u := g.rng.IntN(total)
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}
