// Package open picks a storage adapter from a DSN:
//
//	postgres://… or postgresql://…   → storage/postgres
//	file:… or a file path            → storage/sqlite (the embedded default)
//
// It is a package of its own, not a function in package storage, because
// the adapters import storage for the types in their method signatures;
// storage importing the adapters back would be an import cycle.
package open
