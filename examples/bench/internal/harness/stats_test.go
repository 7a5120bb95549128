package harness

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestTimingsPercentiles(t *testing.T) {
	var tm Timings
	for i := 100; i >= 1; i-- { // added out of order on purpose
		tm.Add(time.Duration(i) * time.Millisecond)
	}
	m := tm.Measure()
	for _, c := range []struct {
		name      string
		got, want time.Duration
	}{
		{"p50", m.P50, 50 * time.Millisecond},
		{"p95", m.P95, 95 * time.Millisecond},
		{"p99", m.P99, 99 * time.Millisecond},
		{"total", m.Total, 5050 * time.Millisecond},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if m.N != 100 {
		t.Errorf("N = %d, want 100", m.N)
	}
}

func TestRatiosPointTheSameWay(t *testing.T) {
	fast := Measure{N: 100, Total: time.Second, P50: time.Millisecond, P99: 2 * time.Millisecond}
	slow := Measure{N: 100, Total: 2 * time.Second, P50: 2 * time.Millisecond, P99: 4 * time.Millisecond}
	for _, c := range []struct {
		name         string
		row          Row
		ratio, med   float64
		target, want string
	}{
		{"throughput, dealtrail half as fast", Row{Kind: Throughput, DT: slow, Base: fast, Target: atLeast(0.5)}, 0.5, 0.5, "≥ 0.50× bare", "PASS"},
		{"throughput, dealtrail a third as fast", Row{Kind: Throughput, DT: Measure{N: 100, Total: 3 * time.Second}, Base: fast, Target: atLeast(0.5)}, 1.0 / 3, math.NaN(), "≥ 0.50× bare", "MISS"},
		{"latency, dealtrail twice as slow", Row{Kind: Latency, DT: slow, Base: fast, Target: atMost(1.5)}, 2, 2, "p99 ≤ 1.50× bare", "MISS"},
		{"latency within an absolute bound", Row{Kind: Latency, DT: slow, Base: fast, Target: p99Within(10*time.Millisecond, 0)}, 2, 2, "p99 ≤ 10.00 ms", "PASS"},
		{"memory within bare's", Row{Kind: Memory, DT: Measure{PeakRSS: 250 << 20}, Base: Measure{PeakRSS: 1000 << 20}, Target: peakAtMost(1, 0)}, 0.25, math.NaN(), "peak RSS ≤ 1.00× bare", "PASS"},
		{"memory above bare's", Row{Kind: Memory, DT: Measure{PeakRSS: 1100 << 20}, Base: Measure{PeakRSS: 1000 << 20}, Target: peakAtMost(1, 1_000_000)}, 1.1, math.NaN(), "peak RSS ≤ 1.00× bare at 1,000,000", "MISS"},
		{"no target", Row{Kind: Latency, DT: fast, Base: fast}, 1, 1, "", ""},
	} {
		if got := c.row.Ratio(); math.Abs(got-c.ratio) > 1e-9 {
			t.Errorf("%s: Ratio = %v, want %v", c.name, got, c.ratio)
		}
		got := c.row.MedianRatio()
		if math.IsNaN(c.med) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-c.med) > 1e-9) {
			t.Errorf("%s: MedianRatio = %v, want %v", c.name, got, c.med)
		}
		if c.row.Target.Text != c.target {
			t.Errorf("%s: target text %q, want %q", c.name, c.row.Target.Text, c.target)
		}
		if got := c.row.Verdict(); got != c.want {
			t.Errorf("%s: verdict %q, want %q", c.name, got, c.want)
		}
	}
}

func TestRatioWithoutBareIsNaN(t *testing.T) {
	r := Row{Kind: Throughput, DT: Measure{N: 1, Total: time.Second}}
	if !math.IsNaN(r.Ratio()) {
		t.Errorf("Ratio with an empty bare side = %v, want NaN", r.Ratio())
	}
	var b strings.Builder
	rep := &Report{Size: 1, Rows: []Row{r}}
	if err := rep.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "| — |") {
		t.Errorf("an unmeasurable ratio should print as —:\n%s", b.String())
	}
}

func TestFormatting(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{fmtCount(1000000), "1,000,000"},
		{fmtCount(999), "999"},
		{fmtCount(-12345), "-12,345"},
		{fmtDuration(850 * time.Microsecond), "850 µs"},
		{fmtDuration(1250 * time.Microsecond), "1.25 ms"},
		{fmtDuration(3400 * time.Millisecond), "3.4 s"},
		{fmtBytes(3 << 20), "3.0 MiB"},
		{fmtRatio(0.834), "0.83×"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
