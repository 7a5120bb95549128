//go:build unix

package kb

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestRecreateLeavesAnIndexInUseAlone is built where kb promises the
// directory lock (unix: flock, lock_unix.go) and only there; elsewhere
// lockDir is a no-op. A broken lock on unix fails it: it is never skipped.
func TestRecreateLeavesAnIndexInUseAlone(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.customer("t1", "客户乙", "金融")
	f.won("t1", "r1", c, "合规审查提前介入")
	f.sync()
	_, err := Recreate(context.Background(), f.dir, f.src, Options{LockTimeout: 50 * time.Millisecond}, nil)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Recreate of an open index = %v, want ErrLocked", err)
	}
	if n := docCount(t, f.idx); n != 1 {
		t.Errorf("the open index lost its documents: %d", n)
	}
}
