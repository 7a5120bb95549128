package sqlite_test

import (
	"testing"

	"github.com/dealtrail/dealtrail/storage/storagetest"
)

func BenchmarkStore(b *testing.B) { storagetest.Bench(b, open) }
