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
	"github.com/dealtrail/dealtrail/kb"
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
// mountPrefix behind the host's (stand-in) authentication, a SQLite store
// and a knowledge base that follows the store's change feed.
type host struct {
	http.Handler
	store *storage.Store
	index *kb.Index
	// stop ends the follower; followed is closed when it has returned.
	stop     context.CancelFunc
	followed chan struct{}
}

// openHost opens the store and the index in dir, seeds the demo team on
// first use, starts following the feed and builds the host's routes.
func openHost(ctx context.Context, dir string) (*host, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	log := slog.Default()
	clock := salesrec.SystemClock{}
	store, err := sqlite.Open(ctx, filepath.Join(dir, dbFile), sqlite.Options{Options: storage.Options{Clock: clock}})
	if err != nil {
		return nil, err
	}
	if err := seed(ctx, store, clock.Now()); err != nil {
		return nil, errors.Join(err, store.Close())
	}
	kbDir := filepath.Join(dir, indexDir)
	kbOpts := kb.Options{
		SyncError: func(err error) { log.Error("crmhttp: knowledge base sync", "err", err) },
		Quarantined: func(q kb.Quarantine) {
			log.Error("crmhttp: knowledge base skipped an engagement it cannot index",
				"engagement", q.EngagementID, "version", q.Version, "err", q.Err)
		},
	}
	index, err := kb.Open(kbDir, store, kbOpts)
	if errors.Is(err, kb.ErrFormat) {
		// Written by another version of kb: the index is derived data.
		log.Info("crmhttp: rebuilding the knowledge base in the current format", "dir", kbDir)
		index, err = kb.Recreate(ctx, kbDir, store, kbOpts, nil)
	}
	if err != nil {
		return nil, errors.Join(err, store.Close())
	}
	// Catch up once before serving, then keep following in the background.
	if err := index.Sync(ctx); err != nil {
		return nil, errors.Join(err, index.Close(), store.Close())
	}
	followCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	followed := make(chan struct{})
	go func() {
		defer close(followed)
		// Follow returns the context's error once stop is called.
		_ = index.Follow(followCtx)
	}()

	api := dealtrailhttp.NewHandler(store, index, dealtrailhttp.Options{
		Actor:  signedInMember,
		Clock:  clock,
		Logger: log,
	})
	mux := http.NewServeMux()
	mux.Handle(mountPrefix+"/", standInAuth(http.StripPrefix(mountPrefix, api)))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "demo CRM: dealtrail is mounted under %s/ (send %s: wang, li or zhang)\n", mountPrefix, DemoMemberHeader)
	})
	return &host{Handler: mux, store: store, index: index, stop: stop, followed: followed}, nil
}

// Close stops following the feed, then closes the index and the store.
func (h *host) Close() error {
	h.stop()
	<-h.followed
	return errors.Join(h.index.Close(), h.store.Close())
}
