package harness

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"

	"github.com/dealtrail/dealtrail/storage/postgres"
)

// openPostgres creates two fresh schemas in the database dsn names, one for
// the dealtrail store and one for the bare side (migrated with the
// PostgreSQL adapter's own migrations), and opens both. close closes them
// and drops the schemas.
func openPostgres(ctx context.Context, dsn string) (be backend, close func() error, err error) {
	admin, err := sql.Open(postgres.DriverName, dsn)
	if err != nil {
		return be, nil, err
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	prefix := "dealtrail_bench_" + hex.EncodeToString(b[:])
	schemas := []string{prefix + "_dt", prefix + "_bare"}
	drop := func() error {
		var err error
		for _, s := range schemas {
			if _, e := admin.ExecContext(context.WithoutCancel(ctx), `DROP SCHEMA IF EXISTS `+s+` CASCADE`); e != nil {
				err = joinErr(err, e)
			}
		}
		return joinErr(err, admin.Close())
	}
	for _, s := range schemas {
		if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+s); err != nil {
			return be, nil, joinErr(fmt.Errorf("postgres: creating schema: %w", err), drop())
		}
	}
	dtDSN, err := withSearchPath(dsn, schemas[0])
	if err != nil {
		return be, nil, joinErr(err, drop())
	}
	bareDSN, err := withSearchPath(dsn, schemas[1])
	if err != nil {
		return be, nil, joinErr(err, drop())
	}
	dt, err := postgres.Open(ctx, dtDSN, postgres.Options{})
	if err != nil {
		return be, nil, joinErr(fmt.Errorf("opening the dealtrail postgres store: %w", err), drop())
	}
	db, err := sql.Open(postgres.DriverName, bareDSN)
	if err != nil {
		return be, nil, joinErr(err, joinErr(dt.Close(), drop()))
	}
	if err := postgres.Migrate(ctx, db); err != nil {
		return be, nil, joinErr(fmt.Errorf("migrating the bare schema: %w", err), joinErr(db.Close(), joinErr(dt.Close(), drop())))
	}
	bare := &bareSQL{db: db, dollar: true, forUpdate: " FOR UPDATE",
		lockFeed: func(ctx context.Context, tx *sql.Tx) error { return postgres.LockFeed(ctx, tx) }}
	dtDB := func() (*sql.DB, error) { return sql.Open(postgres.DriverName, dtDSN) }
	be = backend{name: "postgres", dt: dt, dtDB: dtDB, bare: bare}
	return be, func() error { return joinErr(joinErr(dt.Close(), bare.close()), drop()) }, nil
}

// withSearchPath returns dsn with its search_path set to schema, in URL or
// key=value form.
func withSearchPath(dsn, schema string) (string, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", fmt.Errorf("postgres: parsing the DSN: %w", err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	return dsn + " search_path=" + schema, nil
}
