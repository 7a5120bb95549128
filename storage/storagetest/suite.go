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

// Run runs the conformance suite against the stores open returns. Each
// case runs in parallel on a store of its own.
func Run(t *testing.T, open Opener) {
	// Cases on the common fixture: a fresh store seeded by newWorld.
	inWorld := []struct {
		name string
		run  func(t *testing.T, w *world)
	}{
		{"TeamsAndMembers", testTeamsAndMembers},
		{"Customers", testCustomers},
		{"TeamAdmin", testTeamAdmin},
		{"DeactivateMember", testDeactivateMember},
		{"CustomerDirectory", testCustomerDirectory},
		{"CustomerVersions", testCustomerVersions},
		{"EngagementRoundTrip", testEngagementRoundTrip},
		{"TargetedWrites", testTargetedWrites},
		{"CloseAndReopen", testCloseAndReopen},
		{"ListAndCount", testListAndCount},
		{"ListPagination", testListPagination},
		{"Actions", testActions},
		{"OverdueListMatchesRule", testOverdueListMatchesRule},
		{"FieldPaths", testFieldPaths},
		{"History", testHistory},
		{"HistoryIsAppendOnly", testHistoryAppendOnly},
		{"HistoryCannotBeRewritten", testHistoryCannotBeRewritten},
		{"FeedIsAppendOnly", testFeedAppendOnly},
		{"PruneFeed", testPruneFeed},
		{"EngagementIDs", testEngagementIDs},
		{"EngagementKeys", testEngagementKeys},
		{"Feed", testFeed},
		{"FeedCustomerUpdate", testFeedCustomerUpdate},
		{"CustomerIdentities", testCustomerIdentities},
		{"FeedRollback", testFeedRollback},
		{"FeedOutOfOrderCommits", testFeedOutOfOrderCommits},
		{"FeedUnrelatedTransaction", testFeedUnrelatedTransaction},
		{"FeedConcurrentReader", testFeedConcurrentReader},
		{"Committed", testCommitted},
		{"Snapshot", testSnapshot},
		{"StaleVersion", testStaleVersion},
		{"TwoWritersOneSnapshot", testTwoWritersOneSnapshot},
		{"Access", testAccess},
		{"CustomerNamesBatches", testCustomerNamesBatches},
		{"CustomerNamesTrustsNoPair", testCustomerNamesTrustsNoPair},
		{"Masking", testMasking},
		{"BadInput", testBadInput},
		{"TextRoundTrip", testTextRoundTrip},
		{"Time", testTime},
		{"ErrorsHideValues", testErrorsHideValues},
		{"AmountLimit", testAmountLimit},
		{"Import", testImport},
		{"ImportRecordedAt", testImportRecordedAt},
		{"ImportRefusals", testImportRefusals},
		{"Roster", testRoster},
		{"ReviewAccess", testReviewAccess},
		{"RemindersExactlyOnce", testRemindersExactlyOnce},
		{"ReminderRedelivery", testReminderRedelivery},
		{"ReminderWithdrawn", testReminderWithdrawn},
		{"ReminderInput", testReminderInput},
	}
	// Cases that open their stores themselves, with other options or
	// fixtures.
	ownStores := []struct {
		name string
		run  func(t *testing.T, open Opener)
	}{
		{"FeedWriterPausedAfterBegin", testFeedWriterPausedAfterBegin},
		{"NoLostUpdates", testNoLostUpdates},
		{"ConcurrentWriters", testConcurrentWriters},
		{"AccessMatrix", testAccessMatrix},
		{"Rules", testRules},
		{"BulkInsert", testBulkInsert},
		{"ReviewMatchesRule", testReviewMatchesRule},
	}
	parallel := func(name string, run func(t *testing.T)) {
		t.Run(name, func(t *testing.T) { t.Parallel(); run(t) })
	}
	for _, tc := range inWorld {
		parallel(tc.name, func(t *testing.T) { tc.run(t, newWorld(t, open)) })
	}
	for _, tc := range ownStores {
		parallel(tc.name, func(t *testing.T) { tc.run(t, open) })
	}
}
