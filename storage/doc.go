// Package storage is the persistence of dealtrail: Store, the one type a
// host holds, with its list filters and pages and the Options every
// adapter takes.
//
// Store's methods are the SQL both databases share, written once with ?
// placeholders and rebound per database, in the way database/sql's DB sits
// over its drivers. What differs — how a write transaction begins, row
// locking, the feed's position, listening for other processes' commits,
// the mapping of driver error codes, the embedded migrations — is supplied
// by an adapter through an interface internal to storage:
//
//   - storage/sqlite, the embedded default (a pure-Go SQLite file);
//   - storage/postgres, for shared deployments (lib/pq or pgx pools).
//
// Each adapter's Open opens a database by DSN and applies pending
// migrations; its New builds a Store over a host's own *sql.DB and never
// changes the schema; its Migrate, MigrateStatus and Migrations serve hosts
// that migrate themselves. Open and New both check the schema and fail with
// ErrSchema when the database's migrations are not exactly the binary's.
// storage/open picks the adapter from a DSN (a package of its own because
// the adapters import this one). storage/storagetest is the conformance
// suite both adapters run.
//
// Every method takes a context first and runs in one transaction. Writes are
// validated through salesrec before anything touches the database; failures
// wrap the salesrec sentinels (ErrInvalid, ErrNotFound, ErrConflict,
// ErrForbidden, ErrInvalidTransition), so callers test with errors.Is. See
// docs/storage.md for the schema, the change feed, the history, the access
// rules and how a host hands in its own *sql.DB.
//
// Review computes the team review (周复盘) in SQL over projections written
// with each engagement. ProduceReminders, ClaimReminders,
// ClaimRemindersFor and AckReminder are the reminder outbox: each reminder
// exists once per subject, kind and day, is leased to one consumer at a
// time and comes back when a lease lapses; docs/reminders.md says what a
// host must run.
package storage
