package sqlite_test

import (
	"testing"

	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
	"github.com/dealtrail/dealtrail/storage/storagetest"
)

func BenchmarkStore(b *testing.B) { storagetest.Bench(b, open) }

// BenchmarkStoreNormal is BenchmarkStore with synchronous NORMAL, to show
// what FULL (the default) costs: an fsync of the WAL per commit.
func BenchmarkStoreNormal(b *testing.B) {
	storagetest.Bench(b, func(t testing.TB, o storage.Options) storagetest.Harness {
		return openWith(t, sqlite.Options{Options: o, Synchronous: "NORMAL"})
	})
}
