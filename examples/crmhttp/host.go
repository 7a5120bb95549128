package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"

	"github.com/dealtrail/dealtrail/examples/crmhttp/dealtrailhttp"
	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

const (
	// mountPrefix is where the demo host mounts dealtrail in its own URL space.
	mountPrefix = "/crm/dealtrail"
	dbFile      = "dealtrail.db"
	indexDir    = "kb"
)

// host is the demo CRM: its own routes, with dealtrail mounted under
// mountPrefix behind the host's (stand-in) authentication.
type host struct {
	http.Handler
	store *sqlite.Store
}

// openHost opens the store in dir, seeds the demo team on first use and
// builds the host's routes.
func openHost(ctx context.Context, dir string) (*host, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	clock := salesrec.SystemClock{}
	store, err := sqlite.Open(ctx, filepath.Join(dir, dbFile), storage.WithClock(clock))
	if err != nil {
		return nil, err
	}
	if err := seed(ctx, store); err != nil {
		return nil, errors.Join(err, store.Close())
	}

	api := dealtrailhttp.NewHandler(store, nil, dealtrailhttp.Options{
		Actor:  signedInMember,
		Clock:  clock,
		Logger: slog.Default(),
	})
	mux := http.NewServeMux()
	mux.Handle(mountPrefix+"/", standInAuth(http.StripPrefix(mountPrefix, api)))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "demo CRM: dealtrail is mounted under %s/ (send %s: wang, li or zhang)\n", mountPrefix, DemoMemberHeader)
	})
	return &host{Handler: mux, store: store}, nil
}

// Close closes the store.
func (h *host) Close() error { return h.store.Close() }
