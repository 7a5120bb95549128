package storagetest

import (
	"os"
	"testing"
)

// The PostgreSQL tests of every package read the same two variables:
// PostgresDSNEnv holds the DSN of a database the tests may create schemas
// (and, for a few, tables) in; RequirePostgresEnv=1 turns a missing DSN
// into a failure, so a CI run cannot pass without the PostgreSQL side.
const (
	PostgresDSNEnv     = "DEALTRAIL_TEST_POSTGRES_DSN"
	RequirePostgresEnv = "DEALTRAIL_REQUIRE_POSTGRES"
)

// PostgresDSN returns the PostgreSQL test database's DSN, or "" when
// PostgresDSNEnv is not set: a test with a PostgreSQL part then leaves that
// part out. With RequirePostgresEnv=1 a missing DSN fails t instead.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(PostgresDSNEnv)
	if dsn == "" && os.Getenv(RequirePostgresEnv) == "1" {
		t.Fatal(PostgresDSNEnv + " is not set but " + RequirePostgresEnv + "=1: the PostgreSQL tests must run")
	}
	return dsn
}

// PostgresDSNOrSkip is PostgresDSN for a test that has nothing to run
// without PostgreSQL: without a DSN it skips t (or fails it, as
// PostgresDSN does, when RequirePostgresEnv=1).
func PostgresDSNOrSkip(t testing.TB) string {
	t.Helper()
	dsn := PostgresDSN(t)
	if dsn == "" {
		t.Skip(PostgresDSNEnv + " is not set: skipping the PostgreSQL test")
	}
	return dsn
}
