package harness

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// storeMark is written next to a SQLite store once the bulk load has
// finished, so a later run with Config.Reuse can tell that the store holds
// exactly the data set of its size and seed, and nothing else.
type storeMark struct {
	Size     int       `json:"size"`
	Seed     uint64    `json:"seed"`
	LoadedAt time.Time `json:"loaded_at"`
}

const storeMarkName = "loaded.json"

// loadedStore reports whether dir holds a finished load of cfg's size and
// seed, and when it was loaded.
func loadedStore(dir string, cfg Config) (time.Time, bool) {
	b, err := os.ReadFile(filepath.Join(dir, storeMarkName))
	if err != nil {
		return time.Time{}, false
	}
	var m storeMark
	if json.Unmarshal(b, &m) != nil || m.Size != cfg.Size || m.Seed != cfg.Seed {
		return time.Time{}, false
	}
	if _, err := os.Stat(filepath.Join(dir, "dealtrail.db")); err != nil {
		return time.Time{}, false
	}
	return m.LoadedAt, true
}

// markLoaded records that dir now holds a finished load of cfg's data set.
func markLoaded(dir string, cfg Config) error {
	b, err := json.Marshal(storeMark{Size: cfg.Size, Seed: cfg.Seed, LoadedAt: time.Now().UTC()})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, storeMarkName), b, 0o644)
}

// clearStores removes the databases of an earlier run from dir (a store of
// another size or seed, or a load stopped half-way), so the load starts
// from empty databases.
func clearStores(dir string) error {
	var errs []error
	for _, db := range []string{"dealtrail.db", "bare.db"} {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(filepath.Join(dir, db+suffix)); err != nil && !os.IsNotExist(err) {
				errs = append(errs, err)
			}
		}
	}
	if err := os.Remove(filepath.Join(dir, storeMarkName)); err != nil && !os.IsNotExist(err) {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// reuseNote says in the report what a run on a reused store left out.
func reuseNote(loadedAt time.Time) string {
	return fmt.Sprintf("Reused the SQLite store loaded at %s (-reuse): the bulk-insert rows are left out, and so are the timed writes (save, action status change) in every -reuse run, so that the store keeps exactly the generated data set.",
		loadedAt.Format("2006-01-02 15:04 UTC"))
}
