package postgres

import (
	"errors"
	"strings"
	"testing"

	"github.com/lib/pq"

	"github.com/dealtrail/dealtrail/salesrec"
)

func TestMapErrorByCodeWithoutValues(t *testing.T) {
	const secret = "上海星辰制造有限公司"
	for code, want := range map[pq.ErrorCode]error{
		"23505": salesrec.ErrConflict,
		"40001": salesrec.ErrConflict,
		"23503": salesrec.ErrInvalid,
		"22021": salesrec.ErrInvalid,
		"P0001": salesrec.ErrForbidden,
	} {
		in := &pq.Error{Code: code, Message: "value " + secret, Detail: "Key (name)=(" + secret + ") already exists", Constraint: "dealtrail_customers_team_id_name_key"}
		got := dialect{}.MapError(in)
		if !errors.Is(got, want) {
			t.Errorf("SQLSTATE %s: %v, want %v", code, got, want)
		}
		if strings.Contains(got.Error(), secret) {
			t.Errorf("SQLSTATE %s: the error echoes a value: %v", code, got)
		}
	}
	other := dialect{}.MapError(&pq.Error{Code: "42P01", Message: "relation " + secret})
	if strings.Contains(other.Error(), secret) || !strings.Contains(other.Error(), "42P01") {
		t.Errorf("unmapped error: %v", other)
	}
	plain := errors.New("not a pq error")
	if (dialect{}).MapError(plain) != plain {
		t.Error("a non-pq error was changed")
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
