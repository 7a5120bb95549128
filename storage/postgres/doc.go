// Package postgres is the PostgreSQL storage adapter (lib/pq and sqlx).
//
// Open(ctx, dsn) connects, applies the embedded migrations (under a
// transaction-scoped advisory lock, so two processes starting at once apply
// each exactly once) and LISTENs for the feed's notifications. New(ctx, db)
// builds a Store over a host's own *sql.DB (opened with the "postgres"
// driver) and never changes its schema unless asked with
// storage.WithMigrate(true); Migrate applies the migrations explicitly. Every
// table is prefixed dealtrail_, so the schema can share a database (and a
// search_path) with the host's own tables.
//
// The change feed's position is the writing transaction's id
// (pg_current_xact_id(), xid8) and a per-row sequence. Every write
// transaction first takes the feed lock, a shared advisory lock of the
// schema's feed, before it has an id; a reader only returns rows whose
// transaction id is below the next id and below the id of every holder of
// that lock: no transaction in flight can later commit a row before such a
// position, so a reader never skips a change even when transactions commit
// in a different order from the one in which they started writing, and a
// transaction that never writes the feed (in another database, or on the
// host's own tables) holds nothing back. A host writing feed rows by hand
// calls LockFeed first. See docs/storage.md.
package postgres
