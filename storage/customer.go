package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

type customerRow struct {
	ID        string `db:"id"`
	TeamID    string `db:"team_id"`
	Name      string `db:"name"`
	Industry  string `db:"industry"`
	Doc       string `db:"doc"`
	Version   int64  `db:"version"`
	CreatedBy string `db:"created_by"`
}

const customerColumns = `c.id, c.team_id, c.name, c.industry, c.doc, c.version, c.created_by`

// customer decodes the row; the version and the creator are the columns'.
func (r customerRow) customer() (salesrec.Customer, error) {
	var c salesrec.Customer
	if err := json.Unmarshal([]byte(r.Doc), &c); err != nil {
		return c, fmt.Errorf("decoding customer %s: %w", r.ID, err)
	}
	c.Version, c.CreatedBy = r.Version, r.CreatedBy
	return c, nil
}

// CreateCustomer stores a customer of the actor's team at version 1, with
// the actor as its creator (who reads its contacts as written,
// salesrec.CanSeeContacts); an empty TeamID is the actor's team and an
// empty ID is generated. A full name another customer of the team already
// has is a *salesrec.DuplicateCustomerError naming that customer's id
// (errors.Is(err, ErrConflict)). The creation is the customer's first
// history entry (CustomerHistory).
func (s *Store) CreateCustomer(ctx context.Context, actorID string, c salesrec.Customer) (salesrec.Customer, error) {
	if c.ID == "" {
		c.ID = newID()
	}
	c.Version = 1
	if err := validateCustomer(c); err != nil {
		return salesrec.Customer{}, err
	}
	err := s.asActor(ctx, actorID, func(tx dialect.Queryer, a actor) error {
		if c.TeamID == "" {
			c.TeamID = a.TeamID
		}
		c.CreatedBy = a.ID
		if !salesrec.CanCreateCustomer(a.member(), c) {
			return forbidden("a member may only create customers of their own team")
		}
		return s.insertCustomer(ctx, tx, a.ID, c)
	})
	if err != nil {
		return salesrec.Customer{}, fmt.Errorf("creating customer: %w", err)
	}
	s.wake.broadcast() // its names are new identities to mask
	return c, nil
}

// insertCustomer writes a new, validated customer at version 1, created
// by actorID, with its first history entry and its identities. A customer
// of the same full name is a *salesrec.DuplicateCustomerError; one committed
// since that check is refused by the unique key (ErrConflict without the id).
func (s *Store) insertCustomer(ctx context.Context, tx dialect.Queryer, actorID string, c salesrec.Customer) error {
	c.Version, c.CreatedBy = 1, actorID
	if err := s.checkNameFree(ctx, tx, c); err != nil {
		return err
	}
	doc, err := json.Marshal(c)
	if err != nil {
		return err
	}
	if _, err = tx.ExecContext(ctx, s.q(`INSERT INTO dealtrail_customers (id, team_id, name, industry, doc, version, created_by, search_names)
		VALUES (?, ?, ?, ?, ?, 1, ?, ?)`), c.ID, c.TeamID, c.Name, c.Industry, string(doc), c.CreatedBy, customerSearchNames(c)); err != nil {
		return err
	}
	if err := s.insertCustomerHistory(ctx, tx, actorID, salesrec.Customer{}, c); err != nil {
		return err
	}
	return s.recordIdentities(ctx, tx, c)
}

// UpdateCustomer replaces a customer, if c.Version is still the stored
// version (ErrConflict otherwise, as for engagements); the new version is
// returned and the change is in the customer's history. Only an actor who
// may see the contacts' phone and email may update it: anyone else only
// ever read them masked and would overwrite them with the masks. Its
// creator stays what it was; a full name another customer of the team has
// is a *salesrec.DuplicateCustomerError.
func (s *Store) UpdateCustomer(ctx context.Context, actorID string, c salesrec.Customer) (salesrec.Customer, error) {
	if err := validateCustomer(c); err != nil {
		return salesrec.Customer{}, err
	}
	if err := salesrec.CheckID("id", c.ID); err != nil {
		return salesrec.Customer{}, err
	}
	err := s.asActor(ctx, actorID, func(tx dialect.Queryer, a actor) error {
		cur, err := s.customer(ctx, tx, c.ID, s.d.ForUpdate())
		if err != nil {
			return err
		}
		if !salesrec.CanReadCustomer(a.member(), cur) {
			return notFound("customer")
		}
		if c.TeamID == "" {
			c.TeamID = cur.TeamID
		}
		if c.TeamID != cur.TeamID {
			return invalid("team_id", msgCannotChange)
		}
		ok, err := s.mayUpdateCustomer(ctx, tx, a, cur)
		if err != nil {
			return err
		}
		if !ok {
			return forbidden("only a manager, an admin, its creator or the owner of an engagement with the customer may update it")
		}
		if c.Version != cur.Version {
			return conflict(fmt.Sprintf("the customer is at version %d, the change was made from version %d", cur.Version, c.Version))
		}
		c.Version, c.CreatedBy = cur.Version+1, cur.CreatedBy
		if err := s.checkNameFree(ctx, tx, c); err != nil {
			return err
		}
		doc, err := json.Marshal(c)
		if err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, s.q(`UPDATE dealtrail_customers SET name = ?, industry = ?, doc = ?, version = ?, search_names = ?
			WHERE id = ? AND version = ?`),
			c.Name, c.Industry, string(doc), c.Version, customerSearchNames(c), c.ID, cur.Version); err != nil {
			return err
		}
		if err := s.insertCustomerHistory(ctx, tx, a.ID, cur, c); err != nil {
			return err
		}
		if err := s.recordIdentities(ctx, tx, c); err != nil {
			return err
		}
		return s.feedCustomerUpdate(ctx, tx, c.ID)
	})
	if err != nil {
		return salesrec.Customer{}, fmt.Errorf("updating customer: %w", err)
	}
	s.wake.broadcast()
	return c, nil
}

// feedCustomerUpdate appends one feed change (op customer_update, at the
// engagement's current version) for every engagement of the customer, in
// the transaction that changes the customer: what an index derives from
// the customer (its name, its contacts) is stale in each of them.
func (s *Store) feedCustomerUpdate(ctx context.Context, tx dialect.Queryer, customerID string) error {
	var rows []struct {
		ID      string `db:"id"`
		TeamID  string `db:"team_id"`
		Version int64  `db:"version"`
	}
	if err := s.selectAll(ctx, tx, &rows, `SELECT id, team_id, version FROM dealtrail_engagements
		WHERE customer_id = ? ORDER BY id`, customerID); err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	at := micros(s.now())
	feed := make([]dialect.FeedRow, len(rows))
	for i, r := range rows {
		feed[i] = dialect.FeedRow{EngagementID: r.ID, TeamID: r.TeamID, Version: r.Version, Op: salesrec.OpCustomerUpdate, At: at}
	}
	return s.d.InsertFeed(ctx, tx, feed)
}

// Customer reads a customer of the actor's team, with contacts' phone and
// email masked unless the actor may see them.
func (s *Store) Customer(ctx context.Context, actorID, id string) (salesrec.Customer, error) {
	var c salesrec.Customer
	err := s.readAsActor(ctx, actorID, func(q dialect.Queryer, a actor) error {
		var sees bool
		var err error
		c, sees, err = s.readableCustomer(ctx, q, a, id)
		if err == nil && !sees {
			c = salesrec.MaskContacts(c)
		}
		return err
	})
	if err != nil {
		return salesrec.Customer{}, err
	}
	return c, nil
}

// readableCustomer reads customer id for a: ErrNotFound unless a may read
// it (salesrec.CanReadCustomer), and whether a sees its contacts' phone
// and email (seesContacts), for the caller to mask them if not.
func (s *Store) readableCustomer(ctx context.Context, q dialect.Queryer, a actor, id string) (c salesrec.Customer, sees bool, err error) {
	if c, err = s.customer(ctx, q, id, ""); err != nil {
		return salesrec.Customer{}, false, err
	}
	if !salesrec.CanReadCustomer(a.member(), c) {
		return salesrec.Customer{}, false, notFound("customer")
	}
	sees, err = s.seesContacts(ctx, q, a, c)
	return c, sees, err
}

// customer reads a customer without access checks.
func (s *Store) customer(ctx context.Context, q dialect.Queryer, id, suffix string) (salesrec.Customer, error) {
	row, err := rowByID[customerRow](ctx, s, q, "customer", `SELECT `+customerColumns+` FROM dealtrail_customers c WHERE c.id = ?`+suffix, id)
	if err != nil {
		return salesrec.Customer{}, err
	}
	return row.customer()
}

// checkNameFree refuses a customer whose full name another customer of its
// team has, naming that customer (*salesrec.DuplicateCustomerError).
func (s *Store) checkNameFree(ctx context.Context, q dialect.Queryer, c salesrec.Customer) error {
	var ids []string
	if err := s.selectAll(ctx, q, &ids, `SELECT id FROM dealtrail_customers WHERE team_id = ? AND name = ? AND id <> ?`,
		c.TeamID, c.Name, c.ID); err != nil {
		return err
	}
	if len(ids) > 0 {
		return &salesrec.DuplicateCustomerError{ID: ids[0]}
	}
	return nil
}

func validateCustomer(c salesrec.Customer) error {
	if err := checkStrings(c); err != nil {
		return err
	}
	return c.Validate()
}
