// Package demo is the flow the quickstart and the PostgreSQL example share:
// a team, customers and engagements from the record template's own
// examples, recorded through a storage.Store, reviewed, and searched through
// the knowledge base. The examples differ only in how they open the store.
package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// state is what a run remembers in its directory, so a second run without
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

// Opener opens the store the demo records into, with the demo's clock.
type Opener func(ctx context.Context, clock salesrec.Clock) (*storage.Store, error)

type demo struct {
	w     io.Writer
	dir   string
	clock *salesrec.ManualClock
	store *storage.Store
	index *kb.Index
	st    state
	fresh bool
}

// Files the demo keeps in its directory.
const (
	IndexDir  = "kb.bleve"
	StateFile = "quickstart.json"
)

// Run runs the whole demo, writing a report for a sales manager to w. dir
// holds the knowledge-base index and the demo's state; with reset they are
// removed first (the opener removes its own data).
func Run(ctx context.Context, w io.Writer, dir string, reset bool, open Opener) error {
	if reset {
		for _, name := range []string{IndexDir, StateFile} {
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	d := &demo{w: w, dir: dir, clock: salesrec.NewManualClock(at(2024, 2, 27, 9, 0))}
	switch b, err := os.ReadFile(filepath.Join(dir, StateFile)); {
	case err == nil:
		if err := json.Unmarshal(b, &d.st); err != nil {
			return fmt.Errorf("%s is damaged (%v): run with -reset", StateFile, err)
		}
	case errors.Is(err, fs.ErrNotExist):
		d.fresh = true
	default:
		return err
	}
	store, err := open(ctx, d.clock)
	if err != nil {
		return err
	}
	defer store.Close()
	d.store = store
	index, err := kb.Open(filepath.Join(dir, IndexDir), store, kb.Options{})
	if err != nil {
		return err
	}
	defer index.Close()
	d.index = index
	return d.run(ctx)
}

func (d *demo) run(ctx context.Context) error {
	abs, err := filepath.Abs(d.dir)
	if err != nil {
		return err
	}
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
		if err := os.WriteFile(filepath.Join(d.dir, StateFile), b, 0o644); err != nil {
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
