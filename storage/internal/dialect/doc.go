// Package dialect is what storage/sqlite and storage/postgres supply to
// storage.Store: the Dialect interface (how a write transaction begins, row
// locking, the feed's position, listening for other processes' commits,
// the mapping of driver error codes, the embedded migrations), the
// migration runner both adapters share, and the rows the store scans.
//
// It is internal so that the one type a host holds is storage.Store, whose
// methods are the SQL both databases share, in the way database/sql's DB
// sits over its drivers.
package dialect
