package storage

import (
	"context"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// importBatch does an Import's items inside its transaction. Items whose
// id is stored go one by one (importOne: a savepoint each, since an update
// reads and checks the stored engagement). New items, the bulk of a first
// import, are prepared and checked without a statement each — the batch's
// customers and members are read once — and written together with the
// multi-row inserts BulkInsert uses; their new customers are created just
// before, and only for items that passed every check, so a refused item
// leaves nothing behind here too.
func (s *Store) importBatch(ctx context.Context, tx dialect.Queryer, a actor, items []ImportItem, now time.Time, results []ImportResult) error {
	ids := make([]string, 0, len(items))
	names := make([]string, 0, len(items))
	participants := map[string]bool{}
	for _, it := range items {
		ids = append(ids, it.Engagement.ID)
		names = append(names, it.Customer.Name)
		for _, m := range it.Engagement.Participants() {
			participants[m] = true
		}
	}
	// Every engagement has a team, so team_id <> '' reads the stored ids of
	// all teams: another team's id must be refused, not inserted.
	stored, err := s.idsIn(ctx, tx, `SELECT id FROM dealtrail_engagements WHERE team_id <> ? AND id IN (?)`, "", ids)
	if err != nil {
		return err
	}
	customers, err := s.customerIDsByName(ctx, tx, a.TeamID, names)
	if err != nil {
		return err
	}
	members, err := s.membersIn(ctx, tx, a.TeamID, keys(participants))
	if err != nil {
		return err
	}
	created := map[string]salesrec.Customer{} // by name, to create with the batch
	seen := map[string]bool{}
	var fresh []salesrec.Engagement
	var rows []newRows
	var freshAt []int
	for i, it := range items {
		if stored[it.Engagement.ID] {
			results[i] = s.importOne(ctx, tx, a, it, now)
			continue
		}
		if seen[it.Engagement.ID] {
			results[i] = ImportResult{Outcome: ImportRefused, Err: conflict("the engagement appears twice in the import")}
			continue
		}
		e, c, r, err := s.importNew(a, it, now, customers, created, members)
		if err != nil {
			results[i] = ImportResult{Outcome: ImportRefused, Err: s.mapErr(err)}
			continue
		}
		seen[e.ID] = true
		if c != nil {
			created[c.Name] = *c
			customers[c.Name] = c.ID
		}
		fresh, rows, freshAt = append(fresh, e), append(rows, r), append(freshAt, i)
		results[i] = ImportResult{Engagement: e, Outcome: ImportCreated}
	}
	for _, c := range created {
		if err := s.insertCustomer(ctx, tx, a.ID, c); err != nil {
			return err
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	return s.insertEngagements(ctx, tx, fresh, rows)
}

// importNew prepares and checks a new engagement from a file against the
// batch's customers (by name) and the team's members; c is a customer to
// create with it.
func (s *Store) importNew(a actor, it ImportItem, now time.Time, customers map[string]string,
	created map[string]salesrec.Customer, members map[string]bool) (e salesrec.Engagement, c *salesrec.Customer, r newRows, err error) {
	e = it.Engagement
	if err := checkStrings(e); err != nil {
		return e, nil, r, err
	}
	if err := salesrec.CheckID("id", e.ID); err != nil {
		return e, nil, r, err
	}
	if id, ok := customers[it.Customer.Name]; ok && it.Customer.Name != "" {
		e.CustomerID = id
	} else if nc, err := s.newImportCustomer(a, it.Customer); err != nil {
		return e, nil, r, err
	} else {
		e.CustomerID, c = nc.ID, &nc
	}
	if e, err = s.importPrepare(a, e, now); err != nil {
		return e, nil, r, err
	}
	if err := e.CheckMembers(func(id string) bool { return members[id] }); err != nil {
		return e, nil, r, err
	}
	r, err = buildNewFrom(e, a.ID, it.Source)
	return e, c, r, err
}

// customerIDsByName maps full names to the ids of the team's customers.
func (s *Store) customerIDsByName(ctx context.Context, q dialect.Queryer, teamID string, names []string) (map[string]string, error) {
	out := map[string]string{}
	for len(names) > 0 {
		n := min(len(names), 1000)
		var found []struct {
			ID   string `db:"id"`
			Name string `db:"name"`
		}
		if err := s.selectIn(ctx, q, &found, `SELECT id, name FROM dealtrail_customers WHERE team_id = ? AND name IN (?)`, teamID, names[:n]); err != nil {
			return nil, err
		}
		for _, f := range found {
			out[f.Name] = f.ID
		}
		names = names[n:]
	}
	return out, nil
}
