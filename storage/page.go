package storage

// pageSize is how many rows one read of a paged call returns: def when the
// caller asks for 0, at most max.
type pageSize struct{ def, max int }

// The page sizes of the paged reads.
var (
	listPage     = pageSize{def: 50, max: 500}   // ListEngagements
	customerPage = pageSize{def: 50, max: 500}   // ListCustomers
	feedPage     = pageSize{def: 100, max: 1000} // ReadFeed
	identityPage = pageSize{def: 500, max: 5000} // IdentitiesAfter
	idPage       = pageSize{def: 500, max: 5000} // EngagementIDs
)

// limit returns the page size for a requested limit: the default for 0,
// the maximum for anything above it. A negative limit is an input error
// naming the field "limit".
func (p pageSize) limit(requested int) (int, error) {
	switch {
	case requested < 0:
		return 0, invalid("limit", msgNotNegative)
	case requested == 0:
		return p.def, nil
	default:
		return min(requested, p.max), nil
	}
}

// keysetPage cuts rows, read with one row more than limit, to one page.
// When the extra row was there, next is the cursor (made by cursor) of the
// page's last row, after which the following page reads on; otherwise it
// is empty.
func keysetPage[R any](rows []R, limit int, cursor func(last R) string) (page []R, next string) {
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	return rows, cursor(rows[limit-1])
}

// afterCursor narrows where to the rows after cursor, a cursor keysetPage
// made, in a keyset order: keys is the pair of columns the list is ordered
// by, "(e.updated_at, e.id)", and cmp "<" for an order from high to low,
// ">" for one from low to high. decode reads the cursor's key and id and
// refuses one this store did not make. An empty cursor reads from the
// start: where and args are returned as they are.
func afterCursor[K any](where string, args []any, cursor, keys, cmp string, decode func(string) (K, string, error)) (string, []any, error) {
	if cursor == "" {
		return where, args, nil
	}
	key, id, err := decode(cursor)
	if err != nil {
		return "", nil, err
	}
	return where + " AND " + keys + " " + cmp + " (?, ?)", append(args, key, id), nil
}
