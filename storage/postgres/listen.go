package postgres

import (
	"fmt"
	"time"

	"github.com/lib/pq"
)

// channel is the LISTEN/NOTIFY channel feed writes notify on. The
// notification is sent inside the write transaction, so PostgreSQL delivers
// it only when (and if) that transaction commits.
const channel = "dealtrail_feed"

// listen starts a LISTEN connection that wakes WaitChange on every
// notification, and on every reconnect (notifications may have been missed
// while it was down). Close stops it.
func (s *Store) listen(dsn string) error {
	l := pq.NewListener(dsn, 100*time.Millisecond, 10*time.Second, nil)
	if err := l.Listen(channel); err != nil {
		return fmt.Errorf("listening for feed notifications: %w", dialect{}.MapError(err))
	}
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
	return nil
}
