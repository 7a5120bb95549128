// Command quickstart runs dealtrail's main job on the embedded default: a
// SQLite file and a local knowledge-base index under one directory.
//
//	go run ./examples/quickstart            # uses ./dealtrail-data
//	go run ./examples/quickstart -dir /tmp/dt -reset
//
// It creates a team, customers and engagements from the record template's
// own examples, logs contacts (one of them late), shows a vague action being
// refused, lists overdue actions and findings, tells the history in words,
// then syncs the knowledge base and searches it in Chinese and in English,
// and ends with the team review (周复盘) of the demo team, every line in
// Chinese with the English beside it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dealtrail/dealtrail/examples/internal/demo"
	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// dbFile is the SQLite file inside the data directory.
const dbFile = "dealtrail.db"

func main() {
	dir := flag.String("dir", "dealtrail-data", "directory for the SQLite file and the knowledge-base index")
	reset := flag.Bool("reset", false, "remove the directory's dealtrail data first and start over")
	flag.Parse()

	if err := run(context.Background(), os.Stdout, *dir, *reset); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run is the whole quickstart; main only parses flags. Tests call it directly.
func run(ctx context.Context, w io.Writer, dir string, reset bool) error {
	path := filepath.Join(dir, dbFile)
	if reset {
		for _, name := range []string{path, path + "-wal", path + "-shm"} {
			if err := os.Remove(name); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return demo.Run(ctx, w, dir, reset, func(ctx context.Context, clock salesrec.Clock) (*storage.Store, error) {
		// Open creates the file and applies the embedded migrations.
		return sqlite.Open(ctx, path, sqlite.Options{Options: storage.Options{Clock: clock}})
	})
}
