package kb

import (
	"io/fs"
	"path/filepath"
	"slices"
)

// A search reads its team's shard through Bleve's memory maps: the term
// dictionaries, the postings of the query's terms and the stored fields
// of its hits, each a page of a segment file. A page the page cache no
// longer holds is read from disk when the search touches it, one page at
// a time, each read waiting for the one before. That is what a team's
// first search after a large Sync waited for at a million engagements:
// the Sync reads the whole store and writes every shard over minutes, and
// by its end the host had evicted the shards written first (docs/
// benchmarks.md, session 11).
//
// So kb tells the kernel which files it is about to need, and the kernel
// reads them in the background (posix_fadvise POSIX_FADV_WILLNEED, on
// Linux; elsewhere nothing is done): after each catch-up (Sync, Follow,
// SyncUntil, and the one that ends the build of Rebuild and Recreate) the
// shards it wrote, and on Open every shard. The advice
// costs a system call per file and never blocks; the kernel may read less
// than asked, or drop the pages again under memory pressure, and a search
// is correct either way.

// readAhead advises every file of the shards ns of the generation in dir,
// in shard order (willNeed, or the test's Options.advise). A file that disappears on the
// way (a merge replaced it) is skipped; the advice is only a hint, so
// nothing here fails a caller.
func (x *Index) readAhead(dir string, ns []int) {
	advise := willNeed
	if x.opts.advise != nil {
		advise = x.opts.advise
	}
	slices.Sort(ns)
	for _, n := range ns {
		root := filepath.Join(dir, shardName(n))
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // gone, or unreadable: nothing to advise
			}
			if d.Type().IsRegular() {
				_ = advise(path)
			}
			return nil
		})
	}
}
