// Package sqlite is the embedded storage adapter: a SQLite file through
// modernc.org/sqlite (pure Go, no cgo).
//
// Open(ctx, path) opens or creates a database file with write-ahead
// logging, synchronous FULL (every commit survives a power loss; see
// storage.WithSQLiteSynchronous), a busy timeout and foreign keys on, and
// applies the embedded migrations. New(ctx, db) builds a Store over a host's own *sql.DB (opened
// with the "sqlite" driver) and never changes its schema unless asked with
// storage.WithMigrate(true); Migrate applies the migrations explicitly.
//
// Every write transaction starts with BEGIN IMMEDIATE on a dedicated
// connection, so writers queue on the busy timeout instead of failing with
// SQLITE_BUSY when two of them try to upgrade a read lock; a store's own
// writers first queue in order on an in-process lock. Writers are
// serialised, so the change feed's position is a plain sequence.
package sqlite
