package kb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dealtrail/dealtrail/salesrec"
)

// asideSuffix names the directory Recreate moves an old index to before
// removing it.
const asideSuffix = ".kb-old"

// Recreate replaces whatever index dir holds with a fresh one built, as
// Rebuild builds, from every engagement src lists and then the feed from
// its head, and returns it open and caught up. It is the way
// out of ErrFormat, when Open refuses an index written by another version
// of kb and there is no Index to call Rebuild on:
//
//	x, err := kb.Open(dir, src, opts)
//	if errors.Is(err, kb.ErrFormat) {
//		x, err = kb.Recreate(ctx, dir, src, opts, progress)
//	}
//
// It takes the directory's lock first, so an index another opener holds
// is left alone (ErrLocked); it then renames the directory aside (dir +
// ".kb-old"), removes it, and builds the new index in dir. progress, when
// set, receives the running count of engagements indexed and then of feed
// changes applied. Searches have
// nothing to answer from until Recreate returns. If the build fails or ctx
// ends, dir holds a valid partial index that Open and Sync complete (on a
// pruned feed, Sync is refused and Rebuild completes it).
func Recreate(ctx context.Context, dir string, src Source, opts Options, progress func(done int)) (*Index, error) {
	if src == nil {
		return nil, fmt.Errorf("kb: recreate %s: %w: no source", dir, salesrec.ErrInvalid)
	}
	if err := moveAside(dir, opts); err != nil {
		return nil, err
	}
	x, err := Open(dir, src, opts)
	if err != nil {
		return nil, err
	}
	x.syncMu.Lock()
	err = x.build(ctx, x.cur, progress)
	x.syncMu.Unlock()
	if err != nil {
		_ = x.Close()
		return nil, fmt.Errorf("kb: recreate %s: %w", dir, err)
	}
	return x, nil
}

// moveAside renames dir out of the way, holding its lock meanwhile, and
// removes it. A dir that does not exist is fine; a leftover of an earlier
// interrupted Recreate is removed first.
func moveAside(dir string, opts Options) error {
	aside := filepath.Clean(dir) + asideSuffix
	if err := os.RemoveAll(aside); err != nil {
		return fmt.Errorf("kb: recreate: remove %s: %w", aside, err)
	}
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("kb: recreate %s: %w", dir, err)
	}
	lock, err := lockDir(dir, opts.lockTimeout())
	if err != nil {
		return err
	}
	err = os.Rename(dir, aside)
	if uerr := lock.unlock(); err == nil && uerr != nil {
		err = uerr
	}
	if err != nil {
		return fmt.Errorf("kb: recreate: move %s aside: %w", dir, err)
	}
	syncDir(filepath.Dir(aside))
	if err := os.RemoveAll(aside); err != nil {
		return fmt.Errorf("kb: recreate: remove %s: %w", aside, err)
	}
	return nil
}
