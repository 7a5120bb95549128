//go:build !linux

package kb

// willNeed does nothing where posix_fadvise is not at hand.
func willNeed(string) error { return nil }
