package open

import (
	"context"
	"fmt"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/postgres"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// Store is what both adapters offer: the contract, the batch insert and
// the change signal the knowledge base may wait on.
type Store interface {
	storage.Store
	BulkInsert(ctx context.Context, actor string, es []salesrec.Engagement) ([]salesrec.Engagement, error)
	WaitChange(ctx context.Context) error
}

var (
	_ Store = (*sqlite.Store)(nil)
	_ Store = (*postgres.Store)(nil)
)

// Open opens the store dsn names, migrating it (unless
// storage.WithMigrate(false) is given). See the package doc for the DSNs.
func Open(ctx context.Context, dsn string, opts ...storage.Option) (Store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return postgres.Open(ctx, dsn, opts...)
	case dsn == "":
		return nil, fmt.Errorf("open: empty DSN: %w", salesrec.ErrInvalid)
	case strings.Contains(dsn, "://"):
		scheme, _, _ := strings.Cut(dsn, "://")
		return nil, fmt.Errorf("open: unknown scheme %q (use postgres://, file: or a path): %w", scheme, salesrec.ErrInvalid)
	default:
		return sqlite.Open(ctx, dsn, opts...)
	}
}
