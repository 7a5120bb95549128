// Command postgres runs the quickstart's flow against PostgreSQL, the way a
// host with its own database does it: the host opens the *sql.DB, calls
// postgres.Migrate explicitly, and builds the store with postgres.New, which
// never changes the schema on its own.
//
//	createdb dealtrail
//	go run ./examples/postgres -dsn 'postgres://postgres@127.0.0.1:5432/dealtrail?sslmode=disable'
//
// The knowledge-base index and the demo's state live in -dir. Each run with
// -reset records a fresh team; the database keeps earlier runs' teams, which
// the new team cannot see.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dealtrail/dealtrail/examples/internal/demo"
	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/postgres"
)

func main() {
	dsn := flag.String("dsn", os.Getenv("DEALTRAIL_POSTGRES_DSN"), "PostgreSQL connection string (default $DEALTRAIL_POSTGRES_DSN)")
	dir := flag.String("dir", "dealtrail-data-pg", "directory for the knowledge-base index")
	reset := flag.Bool("reset", false, "start over with a fresh team and index")
	flag.Parse()
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "postgres: give -dsn or set DEALTRAIL_POSTGRES_DSN, e.g. postgres://postgres@127.0.0.1:5432/dealtrail?sslmode=disable")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Stdout, *dsn, *dir, *reset); err != nil {
		fmt.Fprintln(os.Stderr, "postgres:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, dsn, dir string, reset bool) error {
	// The host's own pool: dealtrail never opens one behind its back.
	db, err := sql.Open(postgres.DriverName, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("cannot reach PostgreSQL: %w", err)
	}
	// Migrations are the host's call: ordered, one transaction each, under
	// an advisory lock, recorded in dealtrail_schema_migrations.
	if err := postgres.Migrate(ctx, db); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	fmt.Fprintln(w, "migrations applied (dealtrail_schema_migrations is up to date)")
	return demo.Run(ctx, w, dir, reset, func(ctx context.Context, clock salesrec.Clock) (*storage.Store, error) {
		// ListenDSN lets the store's Committed channel hear other
		// processes' commits (LISTEN/NOTIFY) even though the pool is the
		// host's.
		return postgres.New(ctx, db, postgres.Options{Options: storage.Options{Clock: clock}, ListenDSN: dsn})
	})
}
