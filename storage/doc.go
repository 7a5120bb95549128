// Package storage defines the persistence contract of dealtrail: the Store
// interface, its list filters and pages, and the options every adapter
// accepts.
//
// Two adapters satisfy the contract: storage/sqlite, the embedded default
// (a pure-Go SQLite file), and storage/postgres for shared deployments. Both
// are thin: the SQL and the rules they share live in storage/internal/sqlstore,
// rebound per dialect. storage/storagetest is the conformance suite both run.
// storage/open picks an adapter from a DSN; it is a package of its own because
// the adapters import this one for the types in their method signatures.
//
// Every method takes a context first and runs in one transaction. Writes are
// validated through salesrec before anything touches the database; failures
// wrap the salesrec sentinels (ErrInvalid, ErrNotFound, ErrConflict,
// ErrForbidden, ErrInvalidTransition), so callers test with errors.Is. See
// docs/storage.md for the schema, the change feed, the history, the access
// rules and how a host hands in its own *sql.DB.
package storage
