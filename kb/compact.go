package kb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// compactWait bounds how long compact waits for Bleve to delete the
// segment files a merge replaced.
const compactWait = 30 * time.Second

// ErrCompact is returned (wrapped) by Sync when documents were masked again
// but a segment file that held their old text was still on disk after
// compactWait, most likely because a long search still reads it. Bleve
// deletes it once nothing reads it.
var ErrCompact = errors.New("kb: old segment files are still on disk after masking documents again")

// segmentFiles lists the segment files under dir, an index directory
// (Bleve keeps them in its store subdirectory): where scorch keeps
// document text, in stored fields and term dictionaries.
func segmentFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".zap") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("kb: list segments in %s: %w", dir, err)
	}
	return out, nil
}

// compactDocID is a hidden document compact adds so the index has at
// least two segments: Bleve never merges a segment alone, however many
// of its documents are deleted. It is an internal document (namespace.go),
// so no id derived from an engagement can name it.
const compactDocID = internalPrefix + "compact"

// compact rewrites every segment of idx into one and returns once the
// segment files that held documents before are gone from disk. A document
// replaced by a batch stays in its old segment, only marked deleted, until
// that segment is merged: after masking documents again, this is what
// takes the unmasked text off the disk. It must run after the batch that
// replaced them is committed (which waits for it to be written), with no
// other writer on idx. It costs a rewrite of the whole index, which a
// growing identity set needs only when indexed text names the new
// identity.
func compact(ctx context.Context, idx bleve.Index) error {
	adv, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("kb: compact: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("kb: compact: index is %T, not scorch", adv)
	}
	old, err := segmentFiles(idx.Name())
	if err != nil || len(old) == 0 {
		return err
	}
	b := idx.NewBatch()
	if err := b.Index(compactDocID, map[string]any{fieldStateVersion: "0"}); err != nil {
		return fmt.Errorf("kb: compact: %w", err)
	}
	if err := idx.Batch(b); err != nil {
		return fmt.Errorf("kb: compact: %w", err)
	}
	opts := mergeplan.SingleSegmentMergePlanOptions
	merge := func() error {
		if err := s.ForceMerge(ctx, &opts); err != nil {
			return fmt.Errorf("kb: compact: %w", err)
		}
		return nil
	}
	if err := merge(); err != nil {
		return err
	}
	if err := idx.Delete(compactDocID); err != nil {
		return fmt.Errorf("kb: compact: %w", err)
	}
	// Bleve deletes replaced files in the background, once the merged
	// segment is persisted and no search reads the old ones. A merge
	// planned before the last segment was swapped for its file merges
	// nothing, so it is asked for again while old files remain.
	deadline := time.Now().Add(compactWait)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for n := 1; ; n++ {
		left := 0
		for _, f := range old {
			if _, err := os.Stat(f); err == nil {
				left++
			}
		}
		if left == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w: %d files in %s", ErrCompact, left, idx.Name())
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		if n%10 == 0 {
			if err := merge(); err != nil {
				return err
			}
		}
	}
}
