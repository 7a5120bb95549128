package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// channel is the LISTEN/NOTIFY channel feed writes notify on. The
// notification is sent inside the write transaction, so PostgreSQL delivers
// it only when (and if) that transaction commits.
const channel = "dealtrail_feed"

// listen starts a LISTEN connection that wakes WaitChange and Changes on
// every notification, and on every reconnect (notifications may have been
// missed while it was down). Close stops it.
//
// The connection is lib/pq's, opened from dsn, whatever driver the store's
// pool uses: database/sql has no way to receive notifications, and pgx's
// would link all of pgx into every host. So dsn must be one lib/pq accepts:
// a pgx-only parameter (default_query_exec_mode, statement_cache_capacity…)
// is sent to the server as a setting and refused. listen returns the first
// connection attempt's error, or ctx's, rather than retrying forever as
// pq.Listener does; once listening, it reconnects on its own.
func (s *Store) listen(ctx context.Context, dsn string) error {
	failed := make(chan error, 1)
	l := pq.NewListener(dsn, 100*time.Millisecond, 10*time.Second, func(ev pq.ListenerEventType, err error) {
		if ev == pq.ListenerEventConnectionAttemptFailed {
			select {
			case failed <- err:
			default: // a later failure: the listener retries on its own
			}
		}
	})
	listening := make(chan error, 1)
	go func() { listening <- l.Listen(channel) }()
	var err error
	pending := true // Listen has not returned yet
	select {
	case err = <-listening:
		pending = false
	case err = <-failed:
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err == nil {
		s.relay(l)
		return nil
	}
	// pq.Listener dials holding the lock Close takes: a dial to an
	// unanswering host would hold up the return past ctx. Close wakes Listen,
	// if it still waits, which then returns at once.
	go func() {
		_ = l.Close()
		if pending {
			<-listening
		}
	}()
	return fmt.Errorf("listening for feed notifications: %w", dialect{}.MapError(err))
}

// relay wakes the store's waiters on each of l's notifications until the
// store is closed.
func (s *Store) relay(l *pq.Listener) {
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case _, ok := <-l.Notify:
				if !ok {
					return
				}
				s.Notifier().Broadcast()
			case <-done:
				return
			}
		}
	}()
	s.OnClose(func() error {
		close(done)
		err := l.Close()
		<-stopped
		return err
	})
}
