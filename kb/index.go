package kb

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/dealtrail/dealtrail/salesrec"
)

var (
	// ErrLocked is returned by Open when another Index (in this process or
	// another) holds the directory. It wraps salesrec.ErrConflict.
	ErrLocked = fmt.Errorf("kb: index directory is in use by another opener: %w", salesrec.ErrConflict)
	// ErrClosed is returned by calls on a closed Index.
	ErrClosed = errors.New("kb: index is closed")
	// ErrFormat is returned by Open when the index on disk was built by an
	// incompatible version of kb. The index is derived data: Recreate
	// replaces it with one built afresh from the feed.
	ErrFormat = errors.New("kb: index format is not supported (kb.Recreate builds it again)")
)

// Internal (non-document) keys kept in the index.
const (
	// keyFormat holds formatVersion.
	keyFormat = "kb/format"
	// keyPos holds the feed position the index has applied up to.
	keyPos = "kb/pos"

	// formatVersion 4: kb's own documents live under '~', engagement ids
	// are escaped in document ids, state lists are JSON arrays and states
	// carry quarantine records (see namespace.go). 5: the fold table has
	// the traditional characters of the default synonyms (凍, 動, 連 …), so
	// texts holding them index other terms. 6: numbers with units are one
	// term (quantity.go) and bigrams carry word marks (wordmarks.go). 7:
	// the stem of a word of three carries a mark of its own (安全+> of
	// 安全帽), and a bigram before a doubled character goes on (价慢+ of
	// 评价慢慢, wordmarks.go). 8: documents live in team shards beside a
	// meta index, and states name their team (shard.go). 9: documents store
	// their customer's id, which names a hit's customer (CustomerNamer).
	formatVersion = "9"

	// currentFile names, inside the index directory, the generation
	// directory that is live. Rebuild writes a new generation and then
	// replaces this file atomically.
	currentFile = "CURRENT"
	genPrefix   = "gen-"
)

// Index is the team knowledge base: a Bleve index over lessons,
// termination reasons and handled objections, kept in step with a Source.
// Its methods are safe for concurrent use. One Index owns its directory;
// a second Open of the same directory fails with ErrLocked.
type Index struct {
	root string
	src  Source
	opts Options
	syn  synonyms
	// masks holds each team's masker (see maskCache).
	masks maskCache

	// syncMu serialises writers (Sync, Rebuild's swap, Close). cur may be
	// read under syncMu or mu; it is replaced under both. rebuildMu lets
	// one Rebuild run at a time.
	syncMu    sync.Mutex
	rebuildMu sync.Mutex
	mu        sync.RWMutex
	cur       *generation
	lock      *dirLock

	// beforeCommit, when set (by the crash test only), runs just before
	// each batch is handed to Bleve.
	beforeCommit func()
	// commitPage, when set (by the pipeline tests only), runs each page's
	// commit: do commits it.
	commitPage func(do func() error) error
	// gatherLimit, when set (by tests only), replaces gatherLimit: 1
	// commits every page on its own.
	gatherLimit int
}

// generation is one index directory: the open meta index and the team
// shards in it (see shard.go).
type generation struct {
	name   string
	idx    bleve.Index // the meta index: format, positions
	shards *shardSet
	seq    atomic.Int64 // the last commit number stored (see keySeq)
}

// close closes the shards and the meta index.
func (g *generation) close() error {
	return errors.Join(g.shards.close(), g.idx.Close())
}

// Open opens the knowledge base in dir, creating it when dir holds none,
// and reads from src. It does not catch up with the feed: call Sync, or
// Follow in a goroutine.
func Open(dir string, src Source, opts Options) (*Index, error) {
	if src == nil {
		return nil, fmt.Errorf("kb: open %s: %w: no source", dir, salesrec.ErrInvalid)
	}
	syn, err := newSynonymsWithout(opts.Synonyms, opts.without)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("kb: open %s: %w", dir, err)
	}
	lock, err := lockDir(dir, opts.lockTimeout())
	if err != nil {
		return nil, err
	}
	x := &Index{root: dir, src: src, opts: opts, syn: syn, lock: lock}
	if err := x.openCurrent(); err != nil {
		_ = lock.unlock()
		return nil, err
	}
	x.readAhead(x.cur.shards.dir, x.cur.shards.onDisk())
	return x, nil
}

// openCurrent opens the live generation, creating the first one in a
// fresh directory, and removes generations a crashed Rebuild left behind.
func (x *Index) openCurrent() error {
	name, err := x.readCurrent()
	switch {
	case errors.Is(err, os.ErrNotExist):
		// A fresh directory (or one whose first creation crashed before
		// CURRENT was written): start generation 1.
		if err := x.removeGenerations(""); err != nil {
			return err
		}
		g, err := x.createGeneration(genPrefix + "000001")
		if err != nil {
			return err
		}
		if err := x.writeCurrent(g.name); err != nil {
			_ = g.close()
			return err
		}
		x.cur = g
	case err != nil:
		return err
	default:
		g, err := x.openGeneration(name)
		if err != nil {
			return err
		}
		x.cur = g
	}
	// Leftovers of a Rebuild that crashed before its swap.
	if err := x.removeGenerations(x.cur.name); err != nil {
		_ = x.cur.close()
		x.cur = nil
		return err
	}
	return nil
}

// Close closes the index. Searches and syncs after Close fail with
// ErrClosed.
func (x *Index) Close() error {
	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.cur == nil {
		return nil
	}
	err := x.cur.close()
	x.cur = nil
	if uerr := x.lock.unlock(); err == nil {
		err = uerr
	}
	if err != nil {
		return fmt.Errorf("kb: close: %w", err)
	}
	return nil
}

// Position returns the feed position the index has applied up to ("" when
// it has applied nothing).
func (x *Index) Position() (string, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.cur == nil {
		return "", ErrClosed
	}
	pos, _, err := x.cur.position()
	return pos, err
}

// mapping returns a new copy of the index mapping.
func (x *Index) mapping() (*mapping.IndexMappingImpl, error) {
	return newMappingWithout(x.opts.without)
}

func (x *Index) createGeneration(name string) (*generation, error) {
	m, err := x.mapping()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(x.root, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("kb: create index %s: %w", dir, err)
	}
	path := filepath.Join(dir, metaDir)
	idx, err := bleve.NewUsing(path, m, scorch.Name, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		return nil, fmt.Errorf("kb: create index %s: %w", path, err)
	}
	b := idx.NewBatch()
	b.SetInternal([]byte(keyFormat), []byte(formatVersion))
	if err := idx.Batch(b); err != nil {
		_ = idx.Close()
		return nil, fmt.Errorf("kb: create index %s: %w", path, err)
	}
	return &generation{name: name, idx: idx, shards: newShardSet(dir, x.mapping, x.opts.lockTimeout())}, nil
}

func (x *Index) openGeneration(name string) (*generation, error) {
	// The stored mapping names kb's analysis components; they must be
	// registered before Bleve parses it.
	if err := registerOnce(); err != nil {
		return nil, fmt.Errorf("kb: register analysis components: %w", err)
	}
	dir := filepath.Join(x.root, name)
	path := filepath.Join(dir, metaDir)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		// Formats before 8 kept one Bleve index in the generation itself.
		return nil, fmt.Errorf("%w: %s has no %s index (a format before 8)", ErrFormat, dir, metaDir)
	}
	// The directory lock already excludes other openers; Bleve's own lock
	// gets the same timeout so it can never hang either.
	timeout := x.opts.lockTimeout()
	idx, err := bleve.OpenUsing(path, map[string]any{"bolt_timeout": timeout.String()})
	if err != nil {
		return nil, fmt.Errorf("kb: open index %s (lock timeout %s): %w", path, timeout, err)
	}
	format, err := idx.GetInternal([]byte(keyFormat))
	if err != nil || string(format) != formatVersion {
		_ = idx.Close()
		return nil, fmt.Errorf("%w: %s has format %q, want %q", ErrFormat, path, format, formatVersion)
	}
	shards, err := openShards(dir, x.mapping, timeout)
	if err != nil {
		_ = idx.Close()
		return nil, err
	}
	g := &generation{name: name, idx: idx, shards: shards}
	_, seq, err := g.position()
	if err != nil {
		_ = g.close()
		return nil, err
	}
	g.seq.Store(seq)
	return g, nil
}

func (x *Index) readCurrent() (string, error) {
	b, err := os.ReadFile(filepath.Join(x.root, currentFile))
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(string(b))
	if _, err := generationNumber(name); err != nil {
		return "", fmt.Errorf("kb: %s in %s: %w", currentFile, x.root, err)
	}
	return name, nil
}

// writeCurrent points CURRENT at name: write a temporary file, sync it,
// rename it over CURRENT, sync the directory.
func (x *Index) writeCurrent(name string) error {
	tmp := filepath.Join(x.root, currentFile+".tmp")
	if err := writeFileSync(tmp, []byte(name+"\n")); err != nil {
		return fmt.Errorf("kb: write %s: %w", currentFile, err)
	}
	if err := os.Rename(tmp, filepath.Join(x.root, currentFile)); err != nil {
		return fmt.Errorf("kb: write %s: %w", currentFile, err)
	}
	syncDir(x.root)
	return nil
}

// generationNumber parses a generation directory name.
func generationNumber(name string) (int, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(name, genPrefix))
	if err != nil || !strings.HasPrefix(name, genPrefix) || n < 1 {
		return 0, fmt.Errorf("kb: %q is not an index generation", name)
	}
	return n, nil
}

// nextGeneration names the generation after name, which readCurrent has
// already checked.
func nextGeneration(name string) string {
	n, err := generationNumber(name)
	if err != nil {
		n = 0
	}
	return fmt.Sprintf("%s%06d", genPrefix, n+1)
}

// removeGenerations removes every generation directory except keep.
func (x *Index) removeGenerations(keep string) error {
	entries, err := os.ReadDir(x.root)
	if err != nil {
		return fmt.Errorf("kb: list %s: %w", x.root, err)
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), genPrefix) && e.Name() != keep {
			if err := os.RemoveAll(filepath.Join(x.root, e.Name())); err != nil {
				return fmt.Errorf("kb: remove stale index %s: %w", e.Name(), err)
			}
		}
	}
	return nil
}

func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable where the platform allows it;
// failure only weakens durability, so it is not reported.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
