package sqlite

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/dealtrail/dealtrail/salesrec"
)

// MapError maps a SQLite error to the salesrec sentinels by its extended
// result code. The driver's message is not passed on: the code and the
// sentinel say what happened without echoing any stored value.
func (dialect) MapError(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	code := se.Code()
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return fmt.Errorf("sqlite: a unique value is already taken (code %d): %w", code, salesrec.ErrConflict)
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return fmt.Errorf("sqlite: a reference names no record (code %d): %w", code, salesrec.ErrInvalid)
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return fmt.Errorf("sqlite: a value breaks a table constraint (code %d): %w", code, salesrec.ErrInvalid)
	case sqlite3.SQLITE_CONSTRAINT_TRIGGER:
		return fmt.Errorf("sqlite: refused by a trigger: the history and the feed are append-only (code %d): %w", code, salesrec.ErrForbidden)
	}
	switch code & 0xff {
	case sqlite3.SQLITE_BUSY:
		return fmt.Errorf("sqlite: the database is busy (code %d)", code)
	case sqlite3.SQLITE_CONSTRAINT:
		return fmt.Errorf("sqlite: constraint failed (code %d): %w", code, salesrec.ErrInvalid)
	}
	return fmt.Errorf("sqlite: error code %d: %s", code, sqlite.ErrorCodeString[code])
}
