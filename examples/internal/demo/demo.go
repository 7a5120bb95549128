// Package demo is the flow the quickstart and the PostgreSQL example share:
// a team, customers and engagements from the record template's own
// examples, recorded through a storage.Store, reviewed, and searched through
// the knowledge base. The examples differ only in how they open the store.
// Serve is the serving loop the HTTP examples (crmhttp, teamkb) share.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

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
	d, err := start(ctx, w, dir, reset, open)
	if err != nil {
		return err
	}
	defer d.close()
	if err := d.recordOnce(ctx); err != nil {
		return err
	}
	if err := d.review(ctx); err != nil {
		return err
	}
	if err := d.search(ctx); err != nil {
		return err
	}
	if err := d.register(ctx); err != nil {
		return err
	}
	return d.weekly(ctx)
}

// Team is the demo's team, recorded and searchable: the open store and
// knowledge base, and the ids of its people and pursuits. Close closes
// both.
type Team struct {
	Store *storage.Store
	Index *kb.Index
	// TeamID and the members: the manager 周经理 and the reps 张伟 and 李娜.
	TeamID, ManagerID, ZhangID, LiID string
	// The pursuits: manufacturing is open, retail won, logistics terminated.
	Manufacturing, Retail, Logistics string

	d *demo
}

// Close closes the knowledge base and the store.
func (t *Team) Close() error { return t.d.close() }

// Open opens the demo's records in dir, recording them first when dir
// holds none (telling w what it records), and brings the knowledge base up
// to date with them. The caller closes the Team.
func Open(ctx context.Context, w io.Writer, dir string, reset bool, open Opener) (*Team, error) {
	d, err := start(ctx, w, dir, reset, open)
	if err != nil {
		return nil, err
	}
	if err := d.recordOnce(ctx); err != nil {
		d.close()
		return nil, err
	}
	if err := d.syncIndex(ctx); err != nil {
		d.close()
		return nil, err
	}
	return &Team{
		Store: d.store, Index: d.index,
		TeamID: d.st.TeamID, ManagerID: d.st.ManagerID, ZhangID: d.st.ZhangID, LiID: d.st.LiID,
		Manufacturing: d.st.Manufacturing, Retail: d.st.Retail, Logistics: d.st.Logistics,
		d: d,
	}, nil
}

// start prepares dir, reads an earlier run's state and opens the store and
// the knowledge base.
func start(ctx context.Context, w io.Writer, dir string, reset bool, open Opener) (*demo, error) {
	if reset {
		for _, name := range []string{IndexDir, StateFile} {
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				return nil, err
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	d := &demo{w: w, dir: dir, clock: salesrec.NewManualClock(at(2024, 2, 27, 9, 0))}
	st, found, err := loadState(dir)
	if err != nil {
		return nil, err
	}
	d.st, d.fresh = st, !found
	store, err := open(ctx, d.clock)
	if err != nil {
		return nil, err
	}
	d.store = store
	index, err := kb.Open(filepath.Join(dir, IndexDir), store, kb.Options{})
	if err != nil {
		store.Close()
		return nil, err
	}
	d.index = index
	return d, nil
}

// close closes the index, then the store.
func (d *demo) close() error {
	return errors.Join(d.index.Close(), d.store.Close())
}

// recordOnce records the team's work into a fresh directory and saves the
// ids; a directory an earlier run recorded into is read as it is.
func (d *demo) recordOnce(ctx context.Context) error {
	abs, err := filepath.Abs(d.dir)
	if err != nil {
		return err
	}
	d.printf("dealtrail 快速上手 quickstart — 数据目录 data directory: %s\n", abs)
	d.printf("(演示时钟 demo clock: 回放 2024 年 2–4 月的团队工作)\n")
	if !d.fresh {
		d.printf("\n目录里已有上次的记录:跳过录入,直接查询 (use -reset to start over)\n")
		return nil
	}
	if err := d.record(ctx); err != nil {
		return err
	}
	return d.st.save(d.dir)
}

func (d *demo) printf(format string, args ...any) { fmt.Fprintf(d.w, format, args...) }

func (d *demo) section(zh, en string) { d.printf("\n== %s  %s ==\n", zh, en) }
