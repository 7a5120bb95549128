// Package postgres is the PostgreSQL storage adapter (sqlx over
// database/sql).
//
// It supplies what PostgreSQL does differently to storage.Store, the type
// its Open and New return. Open(ctx, dsn, Options{}) connects, applies the
// embedded migrations (under a transaction-scoped advisory lock, so two
// processes starting at once apply each exactly once) and LISTENs for the
// feed's notifications. New(ctx, db, Options{}) builds a Store over a
// host's own *sql.DB and never changes its schema: Migrate applies the
// migrations, MigrateStatus lists applied and pending ones, and Migrations
// hands the files to a host's own migration tool. Both check the schema and
// fail with storage.ErrSchema when it is not the binary's. Every table is
// prefixed dealtrail_, so the schema can share a database (and a
// search_path) with the host's own tables.
//
// # Drivers
//
// Open uses lib/pq ("postgres"). New accepts a pool of lib/pq or of pgx's
// stdlib driver ("pgx", github.com/jackc/pgx/v5/stdlib); the conformance
// suite runs over both. What differs is handled without naming pgx, so a
// host on lib/pq links no pgx code:
//
//   - Errors map to the salesrec sentinels by SQLSTATE, read through the
//     SQLState() method both drivers' error types have. The message names
//     the constraint only where lib/pq reports it.
//   - Bulk loads use COPY FROM STDIN when the pool's driver is lib/pq's
//     (told by the type db.Driver() returns), and multi-row INSERTs
//     otherwise: database/sql offers no COPY, and pgx's is reachable only
//     through its own types.
//   - The LISTEN connection (Options.ListenDSN for New, the DSN for
//     Open) is lib/pq's whatever the pool's driver, so its DSN must be one
//     lib/pq accepts: no pgx-only parameters. When its first connection
//     attempt fails (a DSN the server refuses, a server down), or ctx ends
//     first, Open and New fail rather than wait. Without it, a store built
//     by New wakes on its own process's commits only; readers also poll, so
//     nothing is missed, only heard later.
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
