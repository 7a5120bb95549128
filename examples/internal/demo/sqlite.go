package demo

import (
	"context"
	"os"
	"path/filepath"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// SQLiteFile is the SQLite file inside the data directory of the examples
// that run on the embedded default (quickstart, teamkb).
const SQLiteFile = "dealtrail.db"

// SQLite opens the SQLite file in dir, creating it and applying the
// embedded migrations; with reset it removes the file (and its -wal and
// -shm companions) first.
func SQLite(dir string, reset bool) Opener {
	path := filepath.Join(dir, SQLiteFile)
	return func(ctx context.Context, clock salesrec.Clock) (*storage.Store, error) {
		if reset {
			for _, name := range []string{path, path + "-wal", path + "-shm"} {
				if err := os.Remove(name); err != nil && !os.IsNotExist(err) {
					return nil, err
				}
			}
		}
		return sqlite.Open(ctx, path, sqlite.Options{Options: storage.Options{Clock: clock}})
	}
}
