package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// Store is dealtrail's persistence: teams and members, customers,
// engagements and their targeted writes, lists, history, and the change
// feed the knowledge base follows. A host gets one from storage/sqlite
// (Open, New), storage/postgres (Open, New) or storage/open (from a DSN);
// the same methods run the same SQL over either database, which supplies
// only what differs (see docs/storage.md).
//
// Every method takes a context first and runs in one transaction. Reads and
// writes on behalf of a person take the acting member's id (actor); what
// the actor may see follows the access rules in salesrec (salesrec.CanRead
// and its neighbours). Writes are validated through salesrec before
// anything touches the database; failures wrap the salesrec sentinels, so
// callers test with errors.Is.
// A *salesrec.ValidationError names each field by its JSON path in the
// engagement, whichever call made it: LogInteraction's topic is
// "interactions[N].topic" (N the index the interaction would take),
// AddRemark's text "remarks[N].text", SetActionStatus's
// "actions[i].status", CloseEngagement's "outcome.amount",
// ReopenEngagement's "reopen_reason".
//
// The feed methods (ReadFeed, FeedHead, EngagementIDs, Snapshot, Snapshots,
// PruneFeed, CustomerIdentities, IdentitiesAfter) are system reads for the
// knowledge base, not on behalf of an actor, and check no access: a host
// must never expose them to users.
//
// A Store is safe for concurrent use.
type Store struct {
	db    *sqlx.DB
	d     dialect.Dialect
	clock salesrec.Clock
	rules salesrec.Rules
	// stampRules are rules without the vague-phrase lists, prepared once;
	// see stampInWhole.
	stampRules salesrec.Rules
	wake       *notifier

	rebound sync.Map // query with ? → query in the dialect's bindvars
	stmts   stmts    // prepared statements of hot reads, see prepared

	mu      sync.Mutex
	closers []func() error
	closed  bool

	// beforeCommit, when set (tests only, see dialect.Probe), runs inside
	// every engagement write transaction just before COMMIT.
	beforeCommit atomic.Pointer[commitHook]
	// afterBegin, when set (tests only, see dialect.Probe), runs first
	// inside every engagement write transaction.
	afterBegin atomic.Pointer[beginHook]
}

type commitHook func(ctx context.Context, engagementID string) error

type beginHook func(ctx context.Context, tx dialect.Queryer) error

// Build makes the Store an adapter's Open or New returns: it applies
// pending migrations when setup asks, checks the schema (ErrSchema), and
// starts the dialect's listener, if it has one. When it fails, a pool the
// store was to own (setup.OwnsDB) is closed. It is for storage/sqlite and
// storage/postgres, whose dialects implement an interface internal to
// storage; hosts call their Open or New.
func Build(ctx context.Context, db *sql.DB, d dialect.Dialect, o Options, setup dialect.Setup) (*Store, error) {
	s, err := build(ctx, db, d, o, setup)
	if err != nil && setup.OwnsDB {
		if cerr := db.Close(); cerr != nil {
			err = fmt.Errorf("%w (closing: %v)", err, cerr)
		}
	}
	return s, err
}

func build(ctx context.Context, db *sql.DB, d dialect.Dialect, o Options, setup dialect.Setup) (*Store, error) {
	x := sqlx.NewDb(db, d.DriverName())
	if setup.Migrate {
		if err := dialect.Migrate(ctx, db, d); err != nil {
			return nil, err
		}
	}
	if err := checkSchema(ctx, x, d); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	stamp := *o.Rules
	stamp.VagueActions, stamp.VagueContent = nil, nil
	s := &Store{db: x, d: d, clock: o.Clock, rules: o.Rules.Prepared(), stampRules: stamp.Prepared(), wake: newNotifier()}
	if setup.OwnsDB {
		s.onClose(db.Close)
	}
	if l, ok := d.(dialect.Listener); ok {
		stop, err := l.Listen(ctx, s.wake.broadcast)
		if err != nil {
			return nil, err
		}
		if stop != nil {
			s.onClose(stop)
		}
	}
	if p := setup.Probe; p != nil {
		p.DB = db
		p.MapError = s.mapErr
		p.BeforeCommit = s.setBeforeCommit
		p.AfterBegin = s.setAfterBegin
		p.CustomerNamesQuery = customerNamesQuery
	}
	return s, nil
}

// setBeforeCommit installs a hook that runs inside every engagement write
// transaction just before COMMIT, for tests that must hold a transaction
// open (the feed ordering test); a non-nil error aborts the write.
func (s *Store) setBeforeCommit(f func(ctx context.Context, engagementID string) error) {
	if f == nil {
		s.beforeCommit.Store(nil)
		return
	}
	h := commitHook(f)
	s.beforeCommit.Store(&h)
}

// onClose registers f to run when the store is closed, before what was
// registered earlier (the database). Closers run in reverse order.
func (s *Store) onClose(f func() error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closers = append(s.closers, f)
}

// setAfterBegin installs a hook that runs inside every engagement write
// transaction right after it began (after the dialect's BeginWrite, before
// the write's first statement), for tests that must hold a writer at that
// point (the feed-lock ordering test); a non-nil error aborts the write.
func (s *Store) setAfterBegin(f func(ctx context.Context, tx dialect.Queryer) error) {
	if f == nil {
		s.afterBegin.Store(nil)
		return
	}
	h := beginHook(f)
	s.afterBegin.Store(&h)
}

// Close stops what the store started (a PostgreSQL LISTEN connection) and
// closes the database if the store opened it: a store built by an
// adapter's New over a host's *sql.DB leaves that pool open. Closing twice
// does nothing.
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

// Committed returns a channel that is closed when a change commits after
// the call: this process's commits, and on PostgreSQL with a LISTEN
// connection (postgres.Open, or postgres.Options.ListenDSN) every
// process's. It is armed at once, so a reader takes it before reading the
// feed and then waits on it: a commit between the read and the wait still
// closes it (the knowledge base's kb.ChangeNotifier). A closed channel is a
// hint to read the feed again, not a promise that the read finds a change.
func (s *Store) Committed() <-chan struct{} { return s.wake.next() }

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
