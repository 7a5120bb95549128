package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/lib/pq"

	"github.com/dealtrail/dealtrail/salesrec"
)

// MapError maps a PostgreSQL error to the salesrec sentinels by SQLSTATE.
// It passes on the code and the constraint name only: PostgreSQL's message
// and detail can echo the values involved ("Key (team_id, name)=(…, 上海…)
// already exists"), which may be confidential.
func (dialect) MapError(err error) error {
	var pe *pq.Error
	if !errors.As(err, &pe) {
		return err
	}
	code := pe.Code
	where := ""
	if pe.Constraint != "" {
		where = " (" + pe.Constraint + ")"
	}
	switch code {
	case "23505": // unique_violation
		return fmt.Errorf("postgres: a unique value is already taken%s: %w", where, salesrec.ErrConflict)
	case "23503": // foreign_key_violation
		return fmt.Errorf("postgres: a reference names no record%s: %w", where, salesrec.ErrInvalid)
	case "23502", "23514": // not_null_violation, check_violation
		return fmt.Errorf("postgres: a value breaks a table constraint%s: %w", where, salesrec.ErrInvalid)
	case "22021", "22P05", "22001", "22003": // bad encoding, untranslatable, too long, out of range
		return fmt.Errorf("postgres: a value cannot be stored (SQLSTATE %s): %w", code, salesrec.ErrInvalid)
	case "40001", "40P01", "55P03": // serialization_failure, deadlock_detected, lock_not_available
		return fmt.Errorf("postgres: concurrent change (SQLSTATE %s), retry: %w", code, salesrec.ErrConflict)
	case "P0001": // raise_exception: the append-only triggers of the history and the feed
		return fmt.Errorf("postgres: refused by a trigger: the history and the feed are append-only: %w", salesrec.ErrForbidden)
	case "57014": // query_canceled
		return fmt.Errorf("postgres: statement canceled: %w", context.Canceled)
	}
	return fmt.Errorf("postgres: SQLSTATE %s (%s)%s", code, code.Name(), where)
}
