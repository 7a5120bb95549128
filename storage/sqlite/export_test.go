package sqlite

import (
	"context"
	"database/sql"

	"github.com/dealtrail/dealtrail/storage"
	sqldialect "github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// OpenProbed is Open, with the store's test hooks.
func OpenProbed(ctx context.Context, dsn string, o Options) (*storage.Store, *sqldialect.Probe, error) {
	p := new(sqldialect.Probe)
	s, err := open(ctx, dsn, o, p)
	return s, p, err
}

// NewProbed is New, with the store's test hooks.
func NewProbed(ctx context.Context, db *sql.DB, o Options) (*storage.Store, *sqldialect.Probe, error) {
	p := new(sqldialect.Probe)
	s, err := newStore(ctx, db, o, p)
	return s, p, err
}
