package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/lib/pq"

	"github.com/dealtrail/dealtrail/salesrec"
)

// sqlStater is what the error types of PostgreSQL drivers have in common:
// lib/pq's *pq.Error and pgx's *pgconn.PgError both report the SQLSTATE
// code this way, so errors map the same whichever driver the pool uses.
type sqlStater interface {
	SQLState() string
}

// MapError maps a PostgreSQL error to the salesrec sentinels by SQLSTATE,
// from any driver whose error type has a SQLState method. It passes on the
// code and, where the driver's error type names it, the constraint only:
// PostgreSQL's message and detail can echo the values involved ("Key
// (team_id, name)=(…, 上海…) already exists"), which may be confidential.
func (dialect) MapError(err error) error {
	var se sqlStater
	if !errors.As(err, &se) {
		return err
	}
	code := se.SQLState()
	where := ""
	if c := constraintOf(err); c != "" {
		where = " (" + c + ")"
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
	// The condition's name comes from lib/pq's table of SQLSTATE codes, which
	// knows every code whatever driver reported it.
	return fmt.Errorf("postgres: SQLSTATE %s (%s)%s", code, pq.ErrorCode(code).Name(), where)
}

// constraintOf returns the name of the constraint err broke, or "". No
// interface reports it: lib/pq's error has a Constraint field, pgx's a
// ConstraintName field. This package links lib/pq anyway, so its field is
// read; pgx's error type would link all of pgx into every host's binary for
// a word of diagnostics, so over a pgx pool the message names the SQLSTATE
// and the sentinel without the constraint.
func constraintOf(err error) string {
	if pe, ok := errors.AsType[*pq.Error](err); ok {
		return pe.Constraint
	}
	return ""
}
