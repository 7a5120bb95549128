package storagetest

import (
	"context"
	"database/sql"
	"testing"

	"github.com/dealtrail/dealtrail/storage"
)

// Harness is one freshly opened, empty store.
type Harness struct {
	Store *storage.Store
	// DB is the same database, for tests that go around the store.
	DB *sql.DB
	// Dialect is "sqlite" or "postgres", for the few statements the tests
	// write by hand.
	Dialect string
	// BeforeCommit installs a hook that runs inside every engagement write
	// just before COMMIT (nil removes it); a non-nil error aborts the write.
	BeforeCommit func(f func(ctx context.Context, engagementID string) error)
	// MapError maps a driver error as the store's methods do, for tests
	// that run statements around the store (nil: errors are left as they
	// are).
	MapError func(error) error
	// ConcurrentWriters is true when write transactions run at the same time
	// (PostgreSQL) rather than one after another (SQLite).
	ConcurrentWriters bool
	// AfterBegin installs a hook that runs first inside every engagement
	// write, right after its transaction began (nil removes it); a non-nil
	// error aborts the write. Nil when the adapter has no such hook.
	AfterBegin func(f func(ctx context.Context, tx Execer) error)
	// LockFeed is what a transaction must run before it writes feed rows by
	// hand, as its first statement (PostgreSQL: postgres.LockFeed); nil
	// when nothing is needed.
	LockFeed func(ctx context.Context, tx *sql.Tx) error
}

// Execer runs a statement inside a transaction the store began.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Opener opens a fresh, empty, migrated store with o and arranges (with
// t.Cleanup) for it to be closed and removed.
type Opener func(t testing.TB, o storage.Options) Harness

// inWorld runs a case that needs only the common fixture (newWorld) on a
// store of its own; cases that open stores with other options or fixtures
// take the Opener themselves.
func inWorld(run func(t *testing.T, w *world)) func(t *testing.T, open Opener) {
	return func(t *testing.T, open Opener) { run(t, newWorld(t, open)) }
}

// Run runs the conformance suite against the stores open returns.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		run  func(t *testing.T, open Opener)
	}{
		{"TeamsAndMembers", inWorld(testTeamsAndMembers)},
		{"Customers", inWorld(testCustomers)},
		{"EngagementRoundTrip", inWorld(testEngagementRoundTrip)},
		{"TargetedWrites", inWorld(testTargetedWrites)},
		{"CloseAndReopen", inWorld(testCloseAndReopen)},
		{"ListAndCount", inWorld(testListAndCount)},
		{"ListPagination", inWorld(testListPagination)},
		{"Actions", inWorld(testActions)},
		{"OverdueListMatchesRule", inWorld(testOverdueListMatchesRule)},
		{"FieldPaths", inWorld(testFieldPaths)},
		{"History", inWorld(testHistory)},
		{"HistoryIsAppendOnly", inWorld(testHistoryAppendOnly)},
		{"HistoryCannotBeRewritten", inWorld(testHistoryCannotBeRewritten)},
		{"FeedIsAppendOnly", inWorld(testFeedAppendOnly)},
		{"PruneFeed", inWorld(testPruneFeed)},
		{"EngagementIDs", inWorld(testEngagementIDs)},
		{"Feed", inWorld(testFeed)},
		{"FeedCustomerUpdate", inWorld(testFeedCustomerUpdate)},
		{"CustomerIdentities", inWorld(testCustomerIdentities)},
		{"FeedRollback", inWorld(testFeedRollback)},
		{"FeedOutOfOrderCommits", inWorld(testFeedOutOfOrderCommits)},
		{"FeedWriterPausedAfterBegin", testFeedWriterPausedAfterBegin},
		{"FeedUnrelatedTransaction", inWorld(testFeedUnrelatedTransaction)},
		{"FeedConcurrentReader", inWorld(testFeedConcurrentReader)},
		{"Committed", inWorld(testCommitted)},
		{"Snapshot", inWorld(testSnapshot)},
		{"StaleVersion", inWorld(testStaleVersion)},
		{"TwoWritersOneSnapshot", inWorld(testTwoWritersOneSnapshot)},
		{"NoLostUpdates", testNoLostUpdates},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Access", inWorld(testAccess)},
		{"AccessMatrix", testAccessMatrix},
		{"Masking", inWorld(testMasking)},
		{"BadInput", inWorld(testBadInput)},
		{"Rules", testRules},
		{"TextRoundTrip", inWorld(testTextRoundTrip)},
		{"Time", inWorld(testTime)},
		{"BulkInsert", testBulkInsert},
		{"ErrorsHideValues", inWorld(testErrorsHideValues)},
		{"AmountLimit", inWorld(testAmountLimit)},
		{"ReviewMatchesRule", testReviewMatchesRule},
		{"ReviewAccess", inWorld(testReviewAccess)},
		{"RemindersExactlyOnce", inWorld(testRemindersExactlyOnce)},
		{"ReminderRedelivery", inWorld(testReminderRedelivery)},
		{"ReminderWithdrawn", inWorld(testReminderWithdrawn)},
		{"ReminderInput", inWorld(testReminderInput)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, open)
		})
	}
}
