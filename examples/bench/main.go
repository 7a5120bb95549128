package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/dealtrail/dealtrail/examples/bench/internal/harness"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if harness.IsChild() {
		if err := harness.RunChild(ctx, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "bench child:", err)
			os.Exit(1)
		}
		return
	}
	if _, err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "bench:", err)
		}
		os.Exit(2)
	}
}

// run parses the flags, measures and prints the report to stdout; progress
// goes to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (*harness.Report, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		cfg     harness.Config
		mem     string
		out     string
		keep    bool
		cpuProf string
	)
	fs.IntVar(&cfg.Size, "size", 10_000, "engagements to generate and load (1000, 10000, 100000, 1000000)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "generator seed: the same seed gives the same data")
	fs.IntVar(&cfg.Samples, "samples", 1000, "timed runs of each operation on each side")
	fs.IntVar(&cfg.Rounds, "rounds", 0, "rounds of each side of the workbook's whole-file rows, the quicker kept (default 5)")
	fs.StringVar(&cfg.PostgresDSN, "pg", "", "PostgreSQL DSN; adds the PostgreSQL rows (the run uses two schemas of its own and drops them)")
	fs.StringVar(&mem, "mem", "", "comma-separated sizes for the peak-memory rows, e.g. 10000,100000 (default: -size; \"none\" skips)")
	fs.StringVar(&cfg.Dir, "dir", "", "work directory for databases and indexes (default: a temporary directory, removed afterwards)")
	fs.BoolVar(&keep, "keep", false, "keep the work directory")
	fs.BoolVar(&cfg.Reuse, "reuse", false, "keep the SQLite store in -dir and reuse it when it holds a finished load of the same -size and -seed (skips the bulk loads; leaves out the timed writes)")
	fs.BoolVar(&cfg.SkipKB, "skip-kb", false, "leave out the knowledge-base rows")
	fs.BoolVar(&cfg.SkipWorkbook, "skip-workbook", false, "leave out the workbook import and export rows (they run on SQLite of their own, also with -skip-sqlite)")
	fs.BoolVar(&cfg.SkipSQLite, "skip-sqlite", false, "leave out the SQLite rows and the kb sync and search rows, which read the SQLite store; the memory rows still run, their kb rebuild reading the kept store with -reuse (-skip-kb leaves it out)")
	fs.StringVar(&out, "out", "", "Markdown file whose section for this size is replaced by the report")
	fs.StringVar(&cpuProf, "cpuprofile", "", "write a CPU profile of the whole run to this file (go tool pprof)")
	fs.BoolVar(&cfg.VerifyRows, "verify", false, "after loading, check that the bare side wrote the same rows as dealtrail")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	var err error
	if cfg.MemSizes, err = memSizes(mem, cfg.Size); err != nil {
		return nil, err
	}
	cfg.Log = stderr
	if cfg.Dir == "" {
		if cfg.Dir, err = os.MkdirTemp("", "dealtrail-bench-"); err != nil {
			return nil, err
		}
		if !keep {
			defer os.RemoveAll(cfg.Dir)
		}
	}
	if cpuProf != "" {
		f, err := os.Create(cpuProf)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
		defer pprof.StopCPUProfile()
	}

	rep, err := harness.Run(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := rep.WriteMarkdown(stdout); err != nil {
		return nil, err
	}
	if out != "" {
		if err := rep.UpdateFile(out); err != nil {
			return nil, fmt.Errorf("writing %s: %w", out, err)
		}
	}
	return rep, nil
}

// memSizes parses the -mem flag.
func memSizes(s string, size int) ([]int, error) {
	switch s {
	case "":
		return []int{size}, nil
	case "none":
		return nil, nil
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-mem: %q is not a size", f)
		}
		out = append(out, n)
	}
	return out, nil
}
