package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/lib/pq"

	"github.com/dealtrail/dealtrail/salesrec"
	sqldialect "github.com/dealtrail/dealtrail/storage/internal/dialect"
)

func TestMapErrorByCodeWithoutValues(t *testing.T) {
	const secret = "上海星辰制造有限公司"
	const constraint = "dealtrail_customers_team_id_name_key"
	// The same server error as each driver reports it.
	drivers := map[string]func(code string) error{
		"lib/pq": func(code string) error {
			return &pq.Error{Code: pq.ErrorCode(code), Message: "value " + secret,
				Detail: "Key (name)=(" + secret + ") already exists", Constraint: constraint}
		},
		"pgx": func(code string) error {
			return &pgconn.PgError{Code: code, Message: "value " + secret,
				Detail: "Key (name)=(" + secret + ") already exists", ConstraintName: constraint}
		},
	}
	for driver, serverError := range drivers {
		for code, want := range map[string]error{
			"23505": salesrec.ErrConflict,
			"40001": salesrec.ErrConflict,
			"23503": salesrec.ErrInvalid,
			"22021": salesrec.ErrInvalid,
			"P0001": salesrec.ErrForbidden,
			"57014": context.Canceled,
		} {
			// Wrapped, as database/sql and the store's own messages wrap it.
			got := dialect{}.MapError(fmt.Errorf("creating customer: %w", serverError(code)))
			if !errors.Is(got, want) {
				t.Errorf("%s, SQLSTATE %s: %v, want %v", driver, code, got, want)
			}
			if strings.Contains(got.Error(), secret) {
				t.Errorf("%s, SQLSTATE %s: the error echoes a value: %v", driver, code, got)
			}
		}
		other := dialect{}.MapError(serverError("42P01"))
		if strings.Contains(other.Error(), secret) || !strings.Contains(other.Error(), "42P01") ||
			!strings.Contains(other.Error(), "undefined_table") {
			t.Errorf("%s, unmapped error: %v", driver, other)
		}
	}
	// lib/pq's error names the constraint; no error of another driver's is
	// read for it (see constraintOf).
	if got := (dialect{}).MapError(drivers["lib/pq"]("23505")); !strings.Contains(got.Error(), constraint) {
		t.Errorf("lib/pq unique violation without its constraint: %v", got)
	}
	plain := errors.New("not a database error")
	if (dialect{}).MapError(plain) != plain {
		t.Error("an error without a SQLSTATE was changed")
	}
}

// TestDialectForDriver: the dialect is chosen by the pool's driver type: COPY
// over lib/pq, whose database/sql driver offers it; multi-row INSERTs over
// pgx's stdlib driver, through which COPY FROM STDIN fails.
func TestDialectForDriver(t *testing.T) {
	for _, c := range []struct {
		driver string
		copies bool
	}{{DriverName, true}, {"pgx", false}} {
		db, err := sql.Open(c.driver, "postgres://127.0.0.1:1/none") // sql.Open does not connect
		if err != nil {
			t.Fatalf("sql.Open(%q): %v", c.driver, err)
		}
		_, copies := dialectFor(db, "").(sqldialect.Copier)
		if copies != c.copies {
			t.Errorf("driver %q: dialect copies = %v, want %v", c.driver, copies, c.copies)
		}
		_ = db.Close()
	}
}

func TestPositions(t *testing.T) {
	p := formatPos(12345, 7)
	if p != "00000000000000012345.00000000000000000007" {
		t.Fatalf("formatPos = %q", p)
	}
	x, s, err := parsePos(p)
	if err != nil || x != 12345 || s != 7 {
		t.Fatalf("parsePos = %d %d %v", x, s, err)
	}
	// Numeric, not lexical: an unpadded position still parses to its value.
	if x, s, err := parsePos("9.10"); err != nil || x != 9 || s != 10 {
		t.Fatalf("parsePos(9.10) = %d %d %v", x, s, err)
	}
	for _, bad := range []string{"x", "1", "1.-2", "a.b"} {
		if _, _, err := parsePos(bad); !errors.Is(err, salesrec.ErrInvalid) {
			t.Errorf("parsePos(%q): %v", bad, err)
		}
	}
}
