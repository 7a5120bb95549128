package postgres_test

import (
	"testing"

	"github.com/dealtrail/dealtrail/storage/storagetest"
)

func BenchmarkStore(b *testing.B) {
	baseDSN(b)
	storagetest.Bench(b, open)
}
