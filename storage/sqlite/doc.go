// Package sqlite is the embedded storage adapter: a SQLite file through
// modernc.org/sqlite (pure Go, no cgo). It supplies what SQLite does
// differently to storage.Store, the type its Open and New return.
//
// Open(ctx, path, Options{}) opens or creates a database file with
// write-ahead logging, synchronous FULL (every commit survives a power
// loss; see Options.Synchronous), a busy timeout and foreign keys on, and
// applies the embedded migrations. New(ctx, db, Options{}) builds a Store
// over a host's own *sql.DB (opened with the "sqlite" driver) and never
// changes its schema: Migrate applies the migrations, MigrateStatus lists
// applied and pending ones, and Migrations hands the files to a host's own
// migration tool. Both check the schema and fail with storage.ErrSchema
// when it is not the binary's.
//
// Every write transaction starts with BEGIN IMMEDIATE on a dedicated
// connection, so writers queue on the busy timeout instead of failing with
// SQLITE_BUSY when two of them try to upgrade a read lock; a store's own
// writers first queue in order on an in-process lock. Writers are
// serialised, so the change feed's position is a plain sequence.
package sqlite
