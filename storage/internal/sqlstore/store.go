package sqlstore

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// Store implements storage.Store over a *sqlx.DB and a Dialect. The adapters
// embed it.
type Store struct {
	db    *sqlx.DB
	d     Dialect
	clock salesrec.Clock
	rules salesrec.Rules
	// stampRules are rules without the vague-phrase lists, prepared once;
	// see stampInWhole.
	stampRules salesrec.Rules
	wake       *Notifier

	rebound sync.Map // query with ? → query in the dialect's bindvars
	stmts   stmts    // prepared statements of hot reads, see prepared

	mu      sync.Mutex
	closers []func() error
	closed  bool

	// beforeCommit, when set (tests only, see SetBeforeCommit), runs inside
	// every engagement write transaction just before COMMIT.
	beforeCommit atomic.Pointer[commitHook]
	// afterBegin, when set (tests only, see SetAfterBegin), runs first
	// inside every engagement write transaction.
	afterBegin atomic.Pointer[beginHook]
}

type commitHook func(ctx context.Context, engagementID string) error

type beginHook func(ctx context.Context, tx Queryer) error

// New returns a Store over db. It never changes the schema; the adapters
// migrate before calling it when asked to.
func New(db *sqlx.DB, d Dialect, cfg storage.Config) *Store {
	stamp := cfg.Rules
	stamp.VagueActions, stamp.VagueContent = nil, nil
	return &Store{db: db, d: d, clock: cfg.Clock, rules: cfg.Rules, stampRules: stamp.Prepared(), wake: NewNotifier()}
}

// DB returns the database the store uses.
func (s *Store) DB() *sqlx.DB { return s.db }

// Notifier returns the in-process broadcast WaitChange waits on; adapters
// that listen for other processes' commits signal it too.
func (s *Store) Notifier() *Notifier { return s.wake }

// OnClose registers f to run when the store is closed, before the database
// is (e.g. stopping a listener). Closers run in reverse order.
func (s *Store) OnClose(f func() error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closers = append(s.closers, f)
}

// SetBeforeCommit installs a hook that runs inside every engagement write
// transaction just before COMMIT. It exists for tests that must hold a
// transaction open (the feed ordering test); a non-nil error aborts the write.
func SetBeforeCommit(s *Store, f func(ctx context.Context, engagementID string) error) {
	if f == nil {
		s.beforeCommit.Store(nil)
		return
	}
	h := commitHook(f)
	s.beforeCommit.Store(&h)
}

// MapError maps err as the store's methods do. It exists for tests that
// run statements around the store and expect the store's errors.
func MapError(s *Store, err error) error { return s.mapErr(err) }

// SetAfterBegin installs a hook that runs inside every engagement write
// transaction right after it began (after the dialect's BeginWrite, before
// the write's first statement). It exists for tests that must hold a
// writer at that point (the feed-lock ordering test); a non-nil error
// aborts the write.
func SetAfterBegin(s *Store, f func(ctx context.Context, tx Queryer) error) {
	if f == nil {
		s.afterBegin.Store(nil)
		return
	}
	h := beginHook(f)
	s.afterBegin.Store(&h)
}

// Close runs the registered closers, then closes the database. A store built
// over a host's *sql.DB closes only what it opened itself; see the adapters.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	closers := s.closers
	s.closers = nil
	s.mu.Unlock()
	var errs []error
	for i := len(closers) - 1; i >= 0; i-- {
		errs = append(errs, closers[i]())
	}
	return errors.Join(errs...)
}

// WaitChange returns when a change may have been committed, or with ctx's
// error when ctx ends first. A wake-up is a hint: the reader polls the feed
// after it, and also polls on a timer, because a commit that lands between
// the reader's last poll and this call does not wake it.
func (s *Store) WaitChange(ctx context.Context) error {
	return s.wake.Wait(ctx)
}

// Changes returns a channel that is closed when a change commits after the
// call (this process's commits, and with a LISTEN connection on PostgreSQL
// every process's). Unlike WaitChange it is armed at once, so a reader
// takes it before reading the feed and then waits on it: a commit between
// the read and the wait still wakes the reader.
func (s *Store) Changes() <-chan struct{} { return s.wake.Next() }

// now is the store's clock, in UTC at microsecond precision: the precision
// every database column keeps.
func (s *Store) now() time.Time {
	return s.clock.Now().UTC().Truncate(time.Microsecond)
}

// q rebinds a query written with ? to the dialect's bindvars.
func (s *Store) q(query string) string {
	if v, ok := s.rebound.Load(query); ok {
		return v.(string)
	}
	r := sqlx.Rebind(s.d.BindType(), query)
	s.rebound.Store(query, r)
	return r
}

// mapErr maps a database error, leaving salesrec and context errors alone.
func (s *Store) mapErr(err error) error {
	if err == nil {
		return nil
	}
	for _, sentinel := range []error{salesrec.ErrInvalid, salesrec.ErrNotFound, salesrec.ErrConflict,
		salesrec.ErrForbidden, salesrec.ErrInvalidTransition, context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, sentinel) {
			return err
		}
	}
	return s.d.MapError(err)
}
