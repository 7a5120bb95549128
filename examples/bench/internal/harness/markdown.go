package harness

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// WriteMarkdown writes the report as Markdown: the ratios and verdicts
// first, then the absolute figures labelled with the machine and date.
func (rep *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s engagements — ratios (dealtrail / bare)\n\n", fmtCount(rep.Size))
	b.WriteString("Throughput rows: dealtrail per second ÷ bare per second (1.00× is as fast, higher is better). " +
		"Latency rows: dealtrail p99 ÷ bare p99 (lower is better). Memory rows: peak RSS ÷ peak RSS. " +
		"In brackets the same comparison of medians, the steadier figure on a noisy machine.\n\n")
	b.WriteString("| area | operation | ratio dealtrail/bare | target | result |\n|---|---|---:|---|---|\n")
	for _, r := range rep.Rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.Area, r.Op, ratioCell(r), r.Target.Text, r.Verdict())
	}
	e := rep.Env
	fmt.Fprintf(&b, "\n#### Absolute figures — %s, %s/%s, %d CPUs (%s), %s",
		e.Date.Format("2006-01-02 15:04 MST"), e.OS, e.Arch, e.CPUs, orUnknown(e.CPUModel), e.GoVersion)
	if len(e.Versions) > 0 {
		b.WriteString(", " + strings.Join(e.Versions, ", "))
	}
	b.WriteString("\n\n| area | operation | dealtrail | bare | bare does |\n|---|---|---|---|---|\n")
	for _, r := range rep.Rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.Area, r.Op, measureCell(r.Kind, r.DT), measureCell(r.Kind, r.Base), r.Bare)
	}
	if len(rep.Notes) > 0 {
		b.WriteString("\n")
		for _, n := range rep.Notes {
			b.WriteString("- " + n + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func ratioCell(r Row) string {
	x := r.Ratio()
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	s := fmtRatio(x)
	if r.Kind == Latency {
		s += " p99"
	}
	if m := r.MedianRatio(); !math.IsNaN(m) && !math.IsInf(m, 0) {
		s += " (p50 " + fmtRatio(m) + ")"
	}
	return s
}

func measureCell(k Kind, m Measure) string {
	switch k {
	case Memory:
		if m.PeakRSS == 0 {
			return "—"
		}
		return fmt.Sprintf("max RSS %s, peak heap %s, %s in %s", fmtBytes(m.PeakRSS), fmtBytes(m.PeakHeap), fmtCount(m.N), fmtDuration(m.Total))
	case Latency:
		if m.N == 0 {
			return "—"
		}
		return fmt.Sprintf("p50 %s · p95 %s · p99 %s (n=%d)", fmtDuration(m.P50), fmtDuration(m.P95), fmtDuration(m.P99), m.N)
	}
	if m.N == 0 {
		return "—"
	}
	s := fmt.Sprintf("%s/s (%s in %s)", fmtCount(int(math.Round(m.PerSecond()))), fmtCount(m.N), fmtDuration(m.Total))
	if m.P50 > 0 {
		s += fmt.Sprintf("; p50 %s · p95 %s · p99 %s", fmtDuration(m.P50), fmtDuration(m.P95), fmtDuration(m.P99))
	}
	return s
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown CPU"
	}
	return s
}

// fmtRatio prints a ratio with two significant decimals: 0.83×, 1.5×.
func fmtRatio(x float64) string {
	return strconv.FormatFloat(x, 'f', 2, 64) + "×"
}

// fmtDuration prints a duration in the unit that suits it: 850 µs, 1.25 ms, 3.4 s.
func fmtDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return strconv.FormatFloat(float64(d)/float64(time.Microsecond), 'f', 0, 64) + " µs"
	case d < time.Second:
		return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64) + " ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
}

// fmtCount prints an integer with thousands separators: 100,000.
func fmtCount(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// fmtBytes prints a size in MiB with one decimal.
func fmtBytes(n uint64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
}
