package demo

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// shutdownGrace is how long Serve lets open requests finish once its
// context ends.
const shutdownGrace = 5 * time.Second

// Serve is the HTTP examples' serving loop: it serves srv on ln until ctx
// ends or serving fails, then shuts srv down, giving open requests
// shutdownGrace to finish. A server stopped because ctx ended returns nil;
// a failure to serve or to shut down in time is returned.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
