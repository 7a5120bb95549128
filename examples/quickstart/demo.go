package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// demoClock is the injected clock: the demo moves it forward to replay a
// few weeks of a team's work in a second.
type demoClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *demoClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *demoClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// state is what a run remembers in the directory, so a second run without
// -reset reads the same records instead of adding them again.
type state struct {
	TeamID        string `json:"team_id"`
	ManagerID     string `json:"manager_id"`
	ZhangID       string `json:"zhang_id"`
	LiID          string `json:"li_id"`
	Manufacturing string `json:"manufacturing"`
	Retail        string `json:"retail"`
	Logistics     string `json:"logistics"`
}

type demo struct {
	w     io.Writer
	dir   string
	clock *demoClock
	store *sqlite.Store
	index *kb.Index
	st    state
	fresh bool
}

const (
	dbFile    = "dealtrail.db"
	indexDir  = "kb.bleve"
	stateFile = "quickstart.json"
)

func newDemo(ctx context.Context, w io.Writer, dir string, reset bool) (*demo, error) {
	if reset {
		for _, name := range []string{dbFile, dbFile + "-wal", dbFile + "-shm", indexDir, stateFile} {
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				return nil, err
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	d := &demo{w: w, dir: dir, clock: &demoClock{t: at(2024, 2, 27, 9, 0)}}
	switch b, err := os.ReadFile(filepath.Join(dir, stateFile)); {
	case err == nil:
		if err := json.Unmarshal(b, &d.st); err != nil {
			return nil, fmt.Errorf("%s is damaged (%v): run with -reset", stateFile, err)
		}
		d.clock.set(demoNow)
	case errors.Is(err, fs.ErrNotExist):
		d.fresh = true
	default:
		return nil, err
	}
	store, err := sqlite.Open(ctx, filepath.Join(dir, dbFile), storage.WithClock(d.clock))
	if err != nil {
		return nil, err
	}
	d.store = store
	index, err := kb.Open(filepath.Join(dir, indexDir), store, kb.Options{})
	if err != nil {
		store.Close()
		return nil, err
	}
	d.index = index
	return d, nil
}

func (d *demo) close() {
	d.index.Close()
	d.store.Close()
}

func (d *demo) run(ctx context.Context) error {
	abs, _ := filepath.Abs(d.dir)
	d.printf("dealtrail 快速上手 quickstart — 数据目录 data directory: %s\n", abs)
	d.printf("(演示时钟 demo clock: 回放 2024 年 2–4 月的团队工作)\n")
	if d.fresh {
		if err := d.record(ctx); err != nil {
			return err
		}
		b, err := json.MarshalIndent(d.st, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(d.dir, stateFile), b, 0o644); err != nil {
			return err
		}
	} else {
		d.printf("\n目录里已有上次的记录:跳过录入,直接查询 (use -reset to start over)\n")
	}
	if err := d.review(ctx); err != nil {
		return err
	}
	return d.search(ctx)
}

func (d *demo) printf(format string, args ...any) { fmt.Fprintf(d.w, format, args...) }

func (d *demo) section(zh, en string) { d.printf("\n== %s  %s ==\n", zh, en) }
