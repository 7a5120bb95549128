package kb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Rebuild builds a fresh index from the source in a new directory and
// swaps it in. The feed is read from the start, one page at a time; each
// engagement is indexed once at its current state (later feed entries for
// a version already indexed are skipped), so memory stays flat however
// long the feed is. Searches keep using the old index until the swap, and
// Follow keeps it current meanwhile; the swap itself waits for a final
// catch-up so no change is lost. progress, when set, receives the running
// count of feed changes read. A failed or cancelled Rebuild leaves the old
// index in place and removes the new directory.
func (x *Index) Rebuild(ctx context.Context, progress func(done int)) error {
	x.rebuildMu.Lock()
	defer x.rebuildMu.Unlock()

	x.syncMu.Lock()
	if x.cur == nil {
		x.syncMu.Unlock()
		return ErrClosed
	}
	name := nextGeneration(x.cur.name)
	x.syncMu.Unlock()

	path := filepath.Join(x.root, name)
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("kb: rebuild: clear %s: %w", path, err)
	}
	g, err := x.createGeneration(name)
	if err != nil {
		return fmt.Errorf("kb: rebuild: %w", err)
	}
	discard := func(err error) error {
		_ = g.idx.Close()
		_ = os.RemoveAll(path)
		return err
	}

	// Progress counts across both catch-ups: the second adds to the first.
	base, last := 0, 0
	report := func(done int) {
		if progress != nil {
			progress(base + done)
		}
	}
	bulk := func(done int) {
		report(done)
		last = done
	}
	if err := x.catchUp(ctx, g.idx, bulk); err != nil {
		return discard(fmt.Errorf("kb: rebuild: %w", err))
	}

	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	if x.cur == nil {
		return discard(ErrClosed)
	}
	// Changes committed while the bulk of the work ran.
	base = last
	if err := x.catchUp(ctx, g.idx, report); err != nil {
		return discard(fmt.Errorf("kb: rebuild: %w", err))
	}
	if err := x.writeCurrent(g.name); err != nil {
		return discard(err)
	}
	x.mu.Lock() // waits for searches running on the old index
	old := x.cur
	x.cur = g
	x.mu.Unlock()

	if err := old.idx.Close(); err != nil {
		return fmt.Errorf("kb: rebuild: close old index: %w", err)
	}
	if err := os.RemoveAll(filepath.Join(x.root, old.name)); err != nil {
		return fmt.Errorf("kb: rebuild: remove old index: %w", err)
	}
	return nil
}
