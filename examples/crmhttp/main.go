package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/dealtrail/dealtrail/examples/internal/demo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "crmhttp:", err)
		os.Exit(1)
	}
}

// run parses flags, opens the demo host and serves it until ctx ends.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("crmhttp", flag.ContinueOnError)
	fs.SetOutput(out)
	dir := fs.String("dir", filepath.Join(os.TempDir(), "dealtrail-crmhttp"), "directory for the SQLite file and the index")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	reset := fs.Bool("reset", false, "delete the directory's demo data first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *reset {
		if err := resetDir(*dir); err != nil {
			return err
		}
	}
	host, err := openHost(ctx, *dir)
	if err != nil {
		return err
	}
	defer host.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String() + mountPrefix
	fmt.Fprintf(out, "dealtrail demo CRM, data in %s\n", *dir)
	fmt.Fprintf(out, "API under %s/ — members: wang (经理 manager), li and zhang (销售代表 reps)\n", base)
	fmt.Fprintf(out, "try: curl -H 'X-Demo-Member: li' %s/engagements\n", base)

	return demo.Serve(ctx, ln, host)
}

// resetDir removes the demo's files from dir, and only those.
func resetDir(dir string) error {
	for _, name := range []string{dbFile, dbFile + "-wal", dbFile + "-shm", indexDir} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("resetting %s: %w", dir, err)
		}
	}
	return nil
}
