package storage

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// CustomerMatch says how CustomerQuery.Text matches a name.
type CustomerMatch string

// Customer matches.
const (
	// MatchPrefix finds the customers one of whose names (the full name or
	// a short name) starts with the text. It is the default.
	MatchPrefix CustomerMatch = "prefix"
	// MatchContains finds the customers one of whose names holds the text
	// anywhere.
	MatchContains CustomerMatch = "contains"
)

// CustomerQuery asks ListCustomers for one page of the team's directory.
type CustomerQuery struct {
	// Text is matched against each customer's full name and short names;
	// empty lists every customer. Every character is literal (%, _ and \
	// too), and the letters A-Z match a-z. It may not hold a line break.
	Text  string        `json:"text,omitempty"`
	Match CustomerMatch `json:"match,omitempty"`
	// After is the Next of the page before; empty is the first page.
	After string `json:"after,omitempty"`
	// Limit is the page size: 0 is 50, more than 500 is 500.
	Limit int `json:"limit,omitempty"`
}

// CustomerPage is one page of the directory: customers by full name (in
// code point order) then id, Total the number of customers that match the
// query on every page, Next the cursor of the page after ("" on the last).
type CustomerPage struct {
	Items []salesrec.Customer `json:"items"`
	Total int                 `json:"total"`
	Next  string              `json:"next,omitempty"`
}

// ListCustomers returns one page of the customers of the actor's team that
// match q, paged by keyset (name, id). Every active member of the team
// reads them (salesrec.CanReadCustomer); contacts' phone and email are
// masked on each customer unless the actor may see them
// (salesrec.CanSeeContacts), exactly as Customer returns it.
func (s *Store) ListCustomers(ctx context.Context, actorID string, q CustomerQuery) (CustomerPage, error) {
	limit, err := customerPage.limit(q.Limit)
	if err != nil {
		return CustomerPage{}, err
	}
	where, args, err := customerMatch(q)
	if err != nil {
		return CustomerPage{}, err
	}
	var page CustomerPage
	var rows []customerRow
	err = s.readAsActor(ctx, actorID, func(tx dialect.Queryer, a actor) error {
		where, args := "c.team_id = ?"+where, append([]any{a.TeamID}, args...)
		if err := s.getOne(ctx, tx, &page.Total, `SELECT COUNT(*) FROM dealtrail_customers c WHERE `+where, args...); err != nil {
			return err
		}
		where, args, err := afterCursor(where, args, q.After, "(c.name, c.id)", ">", decodeCustomerCursor)
		if err != nil {
			return err
		}
		if err := s.selectAll(ctx, tx, &rows, `SELECT `+customerColumns+` FROM dealtrail_customers c WHERE `+where+
			` ORDER BY c.name, c.id LIMIT ?`, append(args, limit+1)...); err != nil {
			return err
		}
		rows, page.Next = keysetPage(rows, limit, func(r customerRow) string { return encodeCustomerCursor(r.Name, r.ID) })
		page.Items, err = s.readableCustomers(ctx, tx, a, rows)
		return err
	})
	if err != nil {
		return CustomerPage{}, fmt.Errorf("listing customers: %w", err)
	}
	return page, nil
}

// Customers reads the customers ids of the actor's team in one go, each
// exactly as Customer reads it: contacts' phone and email masked unless the
// actor may see them. An id that is not a customer the actor may read is
// left out of the map. At most 500 ids a call (more are refused with
// salesrec.ErrInvalid naming "ids"). For an export, which names the customers of a page
// of engagements at once.
func (s *Store) Customers(ctx context.Context, actorID string, ids []string) (map[string]salesrec.Customer, error) {
	out := make(map[string]salesrec.Customer, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if len(ids) > maxIDsPerCall {
		return nil, invalid("ids", msgTooManyCustomers)
	}
	err := s.readAsActor(ctx, actorID, func(tx dialect.Queryer, a actor) error {
		var rows []customerRow
		// The ids pin the rows: SQLite, without statistics, would answer
		// the team term from the (team, name) index and read every customer
		// of the team for each page (172 ms against 3 ms a page of 500 ids
		// in a team of 52,000 customers).
		if err := s.selectIn(ctx, tx, &rows, `SELECT `+customerColumns+` FROM dealtrail_customers c WHERE `+s.d.Unindexed("c.team_id")+` = ? AND c.id IN (?)`, a.TeamID, ids); err != nil {
			return err
		}
		cs, err := s.readableCustomers(ctx, tx, a, rows)
		for _, c := range cs {
			out[c.ID] = c
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading customers: %w", err)
	}
	return out, nil
}

// readableCustomers decodes rows of the actor's team as the actor reads
// them: contacts masked unless salesrec.CanSeeContacts. Which of them the
// actor owns an engagement with is asked once for the page.
func (s *Store) readableCustomers(ctx context.Context, q dialect.Queryer, a actor, rows []customerRow) ([]salesrec.Customer, error) {
	out := make([]salesrec.Customer, 0, len(rows))
	var owned map[string]bool
	for _, r := range rows {
		c, err := r.customer()
		if err != nil {
			return nil, err
		}
		if !salesrec.CanReadCustomer(a.member(), c) {
			continue
		}
		sees, err := salesrec.CanSeeContacts(a.member(), c, func() (bool, error) {
			if owned == nil {
				ids := make([]string, len(rows))
				for i, r := range rows {
					ids[i] = r.ID
				}
				var err error
				if owned, err = s.customersOwnedBy(ctx, q, a, ids); err != nil {
					return false, err
				}
			}
			return owned[c.ID], nil
		})
		if err != nil {
			return nil, err
		}
		if !sees {
			c = salesrec.MaskContacts(c)
		}
		out = append(out, c)
	}
	return out, nil
}

// customersOwnedBy returns which of the customers ids the actor owns an
// engagement with.
func (s *Store) customersOwnedBy(ctx context.Context, q dialect.Queryer, a actor, ids []string) (map[string]bool, error) {
	var found []string
	if err := s.selectIn(ctx, q, &found, `SELECT DISTINCT customer_id FROM dealtrail_engagements WHERE owner_id = ? AND customer_id IN (?)`, a.ID, ids); err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(found))
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

// customerMatch is the condition (starting " AND ", or empty) and the
// arguments of q's text over customers aliased c.
func customerMatch(q CustomerQuery) (string, []any, error) {
	if err := checkStrings(q); err != nil {
		return "", nil, err
	}
	switch {
	case utf8.RuneCountInString(q.Text) > salesrec.MaxNameChars:
		return "", nil, invalid("text", msgQueryTooLong)
	case strings.ContainsAny(q.Text, "\r\n"):
		return "", nil, invalid("text", msgQueryLineBreak)
	}
	var pattern string
	switch q.Match {
	case MatchPrefix, "":
		pattern = "%\n" + escapeLike(foldName(q.Text)) + "%"
	case MatchContains:
		pattern = "%" + escapeLike(foldName(q.Text)) + "%"
	default:
		return "", nil, invalid("match", msgUnknownMatch)
	}
	if q.Text == "" {
		return "", nil, nil
	}
	return ` AND c.search_names LIKE ? ESCAPE '\'`, []any{pattern}, nil
}

// customerSearchNames is what a directory search matches (the column
// search_names, migration 0006): every name folded, each after a line
// break, the whole ending in one.
func customerSearchNames(c salesrec.Customer) string {
	var b strings.Builder
	for _, n := range append([]string{c.Name}, c.ShortNames...) {
		b.WriteString("\n")
		b.WriteString(foldName(n))
	}
	b.WriteString("\n")
	return b.String()
}

// foldName lowers A-Z only, as SQLite's lower() and migration 0006 do, so
// stored names and queries fold alike in both databases.
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// escapeLike makes every character of s literal in a LIKE pattern with
// ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// A customer cursor is the (name, id) of the last customer of a page,
// encoded so callers treat it as opaque. A name holds no NUL byte.
func encodeCustomerCursor(name, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(name + "\x00" + id))
}

func decodeCustomerCursor(c string) (string, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !utf8.Valid(b) {
		return "", "", invalid("after", msgBadCursor)
	}
	name, id, ok := strings.Cut(string(b), "\x00")
	if !ok || name == "" || salesrec.CheckID("after", id) != nil {
		return "", "", invalid("after", msgBadCursor)
	}
	return name, id, nil
}
