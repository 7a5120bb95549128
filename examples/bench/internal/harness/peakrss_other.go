//go:build !linux

package harness

// peakRSS is not measured off Linux; memory rows then show the Go heap peak
// only.
func peakRSS() uint64 { return 0 }
