// Package storagetest is the conformance suite every storage adapter runs.
//
// An adapter's test file is a few lines: it calls Run with an Opener that
// returns a fresh, empty, migrated store (and a raw handle on the same
// database for the tests that must go around the store, such as the one
// proving the history refuses a raw UPDATE). Every test opens its own store,
// so tests run in parallel and in any order.
//
// The suite covers the methods of storage.Store and what must hold on every database: no
// lost updates, an append-only history that replays, a feed that never
// skips, access rules and masking, bad input refused with nothing written,
// the rules given in storage.Options.Rules applied to every write,
// text and time round trips, and writers that do not see SQLITE_BUSY.
// RunMigrations covers each adapter's Migrate, MigrateStatus and
// Migrations and the schema check of New (storage.ErrSchema).
// Benchmarks (Bench) compare each operation with the bare database/sql
// statements doing the equivalent rows.
package storagetest
