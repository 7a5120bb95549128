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

// Listen starts a LISTEN connection on d.listenDSN that calls wake (which
// closes the store's Committed channel) on every notification, and on
// every reconnect (notifications may have been missed while it was down).
// The store calls stop when it is closed. Without a listen DSN it does
// nothing.
//
// The connection is lib/pq's, opened from dsn, whatever driver the store's
// pool uses: database/sql has no way to receive notifications, and pgx's
// would link all of pgx into every host. So dsn must be one lib/pq accepts:
// a pgx-only parameter (default_query_exec_mode, statement_cache_capacity…)
// is sent to the server as a setting and refused. listen returns the first
// connection attempt's error, or ctx's, rather than retrying forever as
// pq.Listener does; once listening, it reconnects on its own.
func (d dialect) Listen(ctx context.Context, wake func()) (stop func() error, err error) {
	dsn := d.listenDSN
	if dsn == "" {
		return nil, nil
	}
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
	pending := true // Listen has not returned yet
	select {
	case err = <-listening:
		pending = false
	case err = <-failed:
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err == nil {
		return relay(l, wake), nil
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
	return nil, fmt.Errorf("listening for feed notifications: %w", dialect{}.MapError(err))
}

// relay calls wake on each of l's notifications until the stop it returns
// is called.
func relay(l *pq.Listener, wake func()) (stop func() error) {
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
				wake()
			case <-done:
				return
			}
		}
	}()
	return func() error {
		close(done)
		err := l.Close()
		<-stopped
		return err
	}
}
