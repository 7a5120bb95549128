package workbook

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
)

// errTooLarge stops a read at a limit; the report says where.
var errTooLarge = fmt.Errorf("workbook too large: %w", salesrec.ErrInvalid)

// storeID matches the ids a store generates (32 hex digits) and UUIDs,
// which hosts give: a key of that form is an id already, any other key
// (B001) is the team's own and an id is derived from it.
var storeID = regexp.MustCompile(`^(?:[0-9a-f]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$`)

// deriveID is the id of a record keyed key in the file, under parent (the
// engagement for its rows), for team: the key itself when it is a store
// id, else a digest, so the same file always gives the same ids and two
// teams' keys never meet.
func deriveID(team, kind, parent, key string) string {
	if storeID.MatchString(key) {
		return key
	}
	sum := sha256.Sum256([]byte(team + "\x00" + kind + "\x00" + parent + "\x00" + key))
	return hex.EncodeToString(sum[:16])
}

// fieldCol finds the layout column a path relative to a row's record
// names: indexes are dropped ("customer_participants[0].title" is the
// customer_participants column) and the longest column field that is a
// prefix of the path wins.
func (s *sheet) fieldCol(rest string) int {
	rest = indexes.ReplaceAllString(rest, "")
	if s == sheetPoints {
		return s.colIndex("point") // a point's every field is in its notes cell
	}
	best, bestLen := -1, -1
	for i, c := range s.cols {
		if (rest == c.field || strings.HasPrefix(rest, c.field+".")) && len(c.field) > bestLen {
			best, bestLen = i, len(c.field)
		}
	}
	if best < 0 && rest != "" {
		// A whole record ("outcome") is at its first column.
		for i, c := range s.cols {
			if strings.HasPrefix(c.field, rest+".") {
				return i
			}
		}
	}
	return best
}

var indexes = regexp.MustCompile(`\[\d+\]`)

// longestPrefix is the longest key of cells that is field or a path prefix
// of it, and what follows it.
func longestPrefix(cells map[string]rowRef, field string) (prefix, rest string) {
	for p := field; ; {
		if _, ok := cells[p]; ok {
			return p, strings.TrimPrefix(strings.TrimPrefix(field, p), ".")
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			return "", field
		}
		p = p[:i]
	}
}

// member resolves a person named in a cell to a member id: a member id as
// it is, else the one member with that name.
func (r *reader) member(e *Entry, ref rowRef, row []string, i int) string {
	v := r.text(e, ref, row, i)
	if v == "" {
		return ""
	}
	for _, id := range r.memberIDs {
		if id == v {
			return id
		}
	}
	switch ids := r.members[v]; len(ids) {
	case 1:
		return ids[0]
	case 0:
		e.Problems = append(e.Problems, cellProblem(ref, i, msgUnknownMember(v)))
	default:
		e.Problems = append(e.Problems, cellProblem(ref, i, msgTwoMembers(v)))
	}
	return ""
}

// parsed records a parser's refusal of a cell as the entry's problem.
func parsed(e *Entry, ref rowRef, i int, err error) bool {
	if err == nil {
		return true
	}
	var ie *salesrec.InputError
	msg := salesrec.Message{Zh: err.Error(), En: err.Error()}
	if errors.As(err, &ie) {
		msg = ie.Msg
	}
	e.Problems = append(e.Problems, cellProblem(ref, i, msg))
	return false
}

// enumCell reads an enum cell by code or label; blank is "".
func enumCell[E interface{ ~string }](e *Entry, ref rowRef, v string, i int, parse func(string) (E, error)) E {
	if v == "" {
		return ""
	}
	out, err := parse(v)
	parsed(e, ref, i, err)
	return out
}

// entry reads an engagement's own row; cr is its customer's rows, nil
// when the 客户 sheet has none.
func (r *reader) entry(table string, h header, row []string, num int, key string, cr *customerRows) Entry {
	ref := rowRef{sheet: sheetEngagements, table: table, h: h, row: num}
	e := Entry{Source: r.book.name + " " + table + "!" + h.cellName(0, num), cells: map[string]rowRef{"": ref}}
	g := &e.Engagement
	g.ID = deriveID(r.team.ID, "engagement", "", key)
	customer := r.text(&e, ref, row, 1)
	e.Customer = salesrec.Customer{Name: customer}
	if cr != nil {
		e.Customer = cr.c
		e.cells["customer"] = cr.refs[0]
		for i, cref := range cr.refs[1:] {
			e.cells[fmt.Sprintf("customer.contacts[%d]", i)] = cref
		}
	}
	g.OwnerID = r.member(&e, ref, row, 2)
	g.Stage = enumCell(&e, ref, r.text(&e, ref, row, 3), 3, salesrec.Parse[salesrec.Stage])
	g.Goal = r.text(&e, ref, row, 4)
	g.Status = enumCell(&e, ref, r.text(&e, ref, row, 5), 5, salesrec.Parse[salesrec.Status])
	summary, collab, resources := r.text(&e, ref, row, 6), r.text(&e, ref, row, 7), r.text(&e, ref, row, 8)
	if summary != "" || collab != "" || resources != "" {
		p := &salesrec.Proposal{Summary: summary, Resources: resources}
		for _, c := range splitList(collab) {
			p.Collaboration = append(p.Collaboration, enumCell(&e, ref, c, 7, salesrec.Parse[salesrec.Collaboration]))
		}
		g.Proposal = p
	}
	var o salesrec.Outcome
	if v := r.text(&e, ref, row, 9); v != "" {
		m, err := parseMoney(v)
		if parsed(&e, ref, 9, err) {
			o.Amount = m
		}
	}
	if v := r.text(&e, ref, row, 10); v != "" {
		d, err := parseDate(v)
		if parsed(&e, ref, 10, err) {
			o.SignedOn = d
		}
	}
	o.Reason = r.text(&e, ref, row, 11)
	o.ReasonCategory = enumCell(&e, ref, r.text(&e, ref, row, 12), 12, salesrec.Parse[salesrec.ReasonCategory])
	if o != (salesrec.Outcome{}) {
		g.Outcome = &o
	}
	g.ReopenReason = r.text(&e, ref, row, 13)
	if v := narrow(r.text(&e, ref, row, 14)); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			e.Problems = append(e.Problems, cellProblem(ref, 14, msgNotVersion(v)))
		}
		g.Version = n
	}
	return e
}
