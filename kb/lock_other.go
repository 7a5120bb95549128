//go:build !unix

package kb

import "time"

// dirLock is a no-op where flock is unavailable; Bleve's own file lock,
// opened with the lock timeout, still refuses a second opener.
type dirLock struct{}

func lockDir(string, time.Duration) (*dirLock, error) { return &dirLock{}, nil }

func (*dirLock) unlock() error { return nil }
