package harness

import (
	"context"
	"errors"
)

func openPostgres(ctx context.Context, dsn string) (backend, func() error, error) {
	return backend{}, nil, errors.New("postgres: not wired yet")
}
