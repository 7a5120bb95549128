package demo

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// How the HTTP examples serve: how long a client may take to send a
// request's headers, and how long open requests may finish once Serve's
// context ends.
const (
	readHeaderTimeout = 10 * time.Second
	shutdownGrace     = 5 * time.Second
)

// Serve is the HTTP examples' server and serving loop: it serves h on ln
// (headers must arrive within readHeaderTimeout) until ctx ends or serving
// fails, then shuts the server down, giving open requests shutdownGrace to
// finish. A server stopped because ctx ended returns nil; a failure to
// serve or to shut down in time is returned.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: readHeaderTimeout}
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
