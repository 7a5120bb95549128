package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
)

// ChildEnv is the environment variable that turns the bench binary, or a
// test binary whose TestMain checks IsChild, into a child running one
// memory measurement. Its value is the job, as JSON.
const ChildEnv = "DEALTRAIL_BENCH_CHILD"

// Memory jobs a child can run.
const (
	jobBulkDealtrail = "bulk-dealtrail"   // BulkInsert into a fresh SQLite store
	jobBulkBare      = "bulk-bare"        // bare multi-row INSERT into a fresh database
	jobRebuildKB     = "rebuild-kb"       // kb rebuild from the store jobBulkDealtrail left
	jobIndexBare     = "index-bare"       // bare Bleve indexing of the same data
	jobImportDT      = "import-dealtrail" // transfer.Import of a one-team register into a fresh SQLite store
	jobImportBare    = "import-bare"      // excelize reading the same cells, then the bare multi-row INSERT
	jobExportDT      = "export-dealtrail" // transfer.WriteRegisterXLSX of the team jobImportDT imported
	jobExportBare    = "export-bare"      // excelize StreamWriter writing the same cells, streamed from CSV
)

type childJob struct {
	Op   string `json:"op"`
	Size int    `json:"size"`
	Seed uint64 `json:"seed"`
	Dir  string `json:"dir"`
	// Store, when set, is the loaded SQLite store jobRebuildKB reads
	// instead of the one jobBulkDealtrail leaves in Dir.
	Store string `json:"store,omitempty"`
}

type childResult struct {
	N        int    `json:"n"`
	TotalNS  int64  `json:"total_ns"`
	PeakHeap uint64 `json:"peak_heap"`
	PeakRSS  uint64 `json:"peak_rss"`
}

// IsChild reports whether this process was started as a memory child.
func IsChild() bool { return os.Getenv(ChildEnv) != "" }

// RunChild runs the job in ChildEnv and writes its result to w as JSON.
func RunChild(ctx context.Context, w io.Writer) error {
	var job childJob
	if err := json.Unmarshal([]byte(os.Getenv(ChildEnv)), &job); err != nil {
		return fmt.Errorf("reading %s: %w", ChildEnv, err)
	}
	sampler := startHeapSampler(5 * time.Millisecond)
	start := time.Now()
	n, err := runJob(ctx, job)
	total := time.Since(start)
	peak := sampler.Stop()
	if err != nil {
		return fmt.Errorf("%s of %d: %w", job.Op, job.Size, err)
	}
	return json.NewEncoder(w).Encode(childResult{N: n, TotalNS: int64(total), PeakHeap: peak, PeakRSS: peakRSS()})
}

// inChild runs a job in a child process of this same binary and returns
// its measure with the child's peak RSS as the child saw it.
func inChild(ctx context.Context, job childJob) (Measure, error) {
	exe, err := os.Executable()
	if err != nil {
		return Measure{}, err
	}
	b, err := json.Marshal(job)
	if err != nil {
		return Measure{}, err
	}
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), ChildEnv+"="+string(b))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return Measure{}, fmt.Errorf("memory child %s: %w: %s", job.Op, err, bytes.TrimSpace(stderr.Bytes()))
	}
	var res childResult
	// The result is the last line: a test binary may print before it.
	lines := bytes.Split(bytes.TrimSpace(stdout.Bytes()), []byte("\n"))
	if err := json.Unmarshal(lines[len(lines)-1], &res); err != nil {
		return Measure{}, fmt.Errorf("memory child %s: reading its result %q: %w", job.Op, stdout.String(), err)
	}
	return Measure{N: res.N, Total: time.Duration(res.TotalNS), PeakHeap: res.PeakHeap, PeakRSS: res.PeakRSS}, nil
}

// memPath names the files of the memory jobs of one size.
func memPath(dir string, size int, name string) string {
	return filepath.Join(dir, "mem-"+strconv.Itoa(size)+"-"+name)
}

func runJob(ctx context.Context, job childJob) (int, error) {
	cfg := Config{Size: job.Size, Seed: job.Seed}
	switch job.Op {
	case jobBulkDealtrail:
		s, err := openSQLiteStore(ctx, memPath(job.Dir, job.Size, "dealtrail.db"))
		if err != nil {
			return 0, err
		}
		err = streamBatches(ctx, cfg, sink{
			team: func(t salesrec.Team, ms []salesrec.Member) error {
				if _, err := s.CreateTeam(ctx, t); err != nil {
					return err
				}
				for _, m := range ms {
					if _, err := s.AddMember(ctx, m); err != nil {
						return err
					}
				}
				return nil
			},
			customer: func(actor string, c salesrec.Customer) error { _, err := s.CreateCustomer(ctx, actor, c); return err },
			insert:   func(actor string, es []salesrec.Engagement) error { _, err := s.BulkInsert(ctx, actor, es); return err },
		})
		return job.Size, joinErr(err, s.Close())
	case jobBulkBare:
		b, err := openSQLiteBare(ctx, memPath(job.Dir, job.Size, "bare.db"))
		if err != nil {
			return 0, err
		}
		now := time.Now().UTC()
		err = streamBatches(ctx, cfg, sink{
			team:     func(t salesrec.Team, ms []salesrec.Member) error { return b.createTeam(ctx, t, ms) },
			customer: func(_ string, c salesrec.Customer) error { return b.createCustomer(ctx, c) },
			insert:   func(actor string, es []salesrec.Engagement) error { return b.save(ctx, actor, es, now) },
		})
		return job.Size, joinErr(err, b.close())
	case jobRebuildKB:
		store := job.Store
		if store == "" {
			store = memPath(job.Dir, job.Size, "dealtrail.db")
		}
		_, err := rebuildKB(ctx, store, memPath(job.Dir, job.Size, "kb"))
		return job.Size, err
	case jobImportDT:
		team, members, err := registerTeam(job.Seed, job.Size)
		if err != nil {
			return 0, err
		}
		return job.Size, importRegister(ctx, team, members, memPath(job.Dir, job.Size, "register.xlsx"), memPath(job.Dir, job.Size, "import.db"))
	case jobImportBare:
		if _, err := readCells(memPath(job.Dir, job.Size, "register.xlsx"), nil); err != nil {
			return 0, err
		}
		return job.Size, bareLoad(ctx, job.Seed, job.Size, memPath(job.Dir, job.Size, "import-bare.db"))
	case jobExportDT:
		_, members, err := registerTeam(job.Seed, job.Size)
		if err != nil {
			return 0, err
		}
		s, err := openSQLiteStore(ctx, memPath(job.Dir, job.Size, "import.db"))
		if err != nil {
			return 0, err
		}
		err = exportRegister(ctx, s, members[0].ID, memPath(job.Dir, job.Size, "export.xlsx"))
		return job.Size, joinErr(err, s.Close())
	case jobExportBare:
		return job.Size, bareStreamWrite(memPath(job.Dir, job.Size, "cells"), memPath(job.Dir, job.Size, "export-bare.xlsx"))
	case jobIndexBare:
		idx, _, err := bareIndex(ctx, cfg, memPath(job.Dir, job.Size, "bare.bleve"))
		if err != nil {
			return 0, err
		}
		return job.Size, idx.Close()
	}
	return 0, errors.New("unknown memory job " + strconv.Quote(job.Op))
}

// sink is one side a data set is streamed into.
type sink struct {
	team     func(t salesrec.Team, ms []salesrec.Member) error
	customer func(actor string, c salesrec.Customer) error
	insert   func(actor string, es []salesrec.Engagement) error
	// each, when set, sees every engagement before it joins a batch.
	each func(actor string, e salesrec.Engagement)
}

// streamBatches streams cfg.Size engagements into one side: each team with
// its members as it appears, customers one by one, engagements in batches
// of BatchSize. Nothing but the current batch is held.
func streamBatches(ctx context.Context, cfg Config, s sink) error {
	var batch []salesrec.Engagement
	var actor string
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := s.insert(actor, batch)
		batch = batch[:0]
		return err
	}
	err := salesrectest.New(cfg.Seed).Stream(cfg.Size, func(it salesrectest.Item) error {
		if it.NewTeam {
			if err := flush(); err != nil {
				return err
			}
			if err := s.team(it.Team, it.Members); err != nil {
				return err
			}
			actor = it.Members[0].ID
		}
		if it.NewCustomer {
			if err := s.customer(actor, it.Customer); err != nil {
				return err
			}
		}
		if s.each != nil {
			s.each(actor, it.Engagement)
		}
		batch = append(batch, it.Engagement)
		if len(batch) == BatchSize {
			return flush()
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	return flush()
}
