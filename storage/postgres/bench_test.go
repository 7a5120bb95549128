package postgres_test

import (
	"testing"

	"github.com/dealtrail/dealtrail/storage/storagetest"
)

func BenchmarkStore(b *testing.B) {
	baseDSN(b)
	storagetest.Bench(b, open)
}

// BenchmarkStoreHostPgx is BenchmarkStore over a host pool of pgx's stdlib
// driver, where bulk loads take multi-row INSERTs instead of COPY.
func BenchmarkStoreHostPgx(b *testing.B) {
	baseDSN(b)
	storagetest.Bench(b, openHostPgx)
}

// BenchmarkStoreHostPq is BenchmarkStore over a host pool of lib/pq, to
// compare with BenchmarkStoreHostPgx.
func BenchmarkStoreHostPq(b *testing.B) {
	baseDSN(b)
	storagetest.Bench(b, openHost)
}
