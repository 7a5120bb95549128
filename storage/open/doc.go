// Package open picks a storage adapter from a DSN:
//
//	postgres://… or postgresql://…   → storage/postgres
//	host=… dbname=… (libpq key=value) → storage/postgres
//	file:… or a file path            → storage/sqlite (the embedded default)
//
// A DSN is taken for libpq's key=value form when its first word is
// keyword=value with a libpq keyword (host, port, dbname, user, sslmode, …);
// a path with a directory before its '=' stays a path.
//
// Open returns the adapter's *storage.Store. It is a package of its own,
// not a function in package storage, because the adapters import storage;
// storage importing the adapters back would be an import cycle.
package open
