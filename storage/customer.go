package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

type customerRow struct {
	ID       string `db:"id"`
	TeamID   string `db:"team_id"`
	Name     string `db:"name"`
	Industry string `db:"industry"`
	Doc      string `db:"doc"`
}

func (r customerRow) customer() (salesrec.Customer, error) {
	var c salesrec.Customer
	if err := json.Unmarshal([]byte(r.Doc), &c); err != nil {
		return c, fmt.Errorf("decoding customer %s: %w", r.ID, err)
	}
	return c, nil
}

// CreateCustomer stores a customer of the actor's team; an empty TeamID is
// the actor's team and an empty ID is generated. A name already used in the
// team is ErrConflict.
func (s *Store) CreateCustomer(ctx context.Context, actorID string, c salesrec.Customer) (salesrec.Customer, error) {
	if c.ID == "" {
		c.ID = newID()
	}
	if err := validateCustomer(c); err != nil {
		return salesrec.Customer{}, err
	}
	err := s.asActor(ctx, actorID, func(tx dialect.Queryer, a actor) error {
		if c.TeamID == "" {
			c.TeamID = a.TeamID
		}
		if !salesrec.CanCreateCustomer(a.member(), c) {
			return forbidden("a member may only create customers of their own team")
		}
		return s.insertCustomer(ctx, tx, c)
	})
	if err != nil {
		return salesrec.Customer{}, fmt.Errorf("creating customer: %w", err)
	}
	s.wake.broadcast() // its names are new identities to mask
	return c, nil
}

// insertCustomer writes a new, validated customer and its identities.
func (s *Store) insertCustomer(ctx context.Context, tx dialect.Queryer, c salesrec.Customer) error {
	doc, err := json.Marshal(c)
	if err != nil {
		return err
	}
	if _, err = tx.ExecContext(ctx, s.q(`INSERT INTO dealtrail_customers (id, team_id, name, industry, doc)
		VALUES (?, ?, ?, ?, ?)`), c.ID, c.TeamID, c.Name, c.Industry, string(doc)); err != nil {
		return err
	}
	return s.recordIdentities(ctx, tx, c)
}

// UpdateCustomer replaces a customer. Only an actor who may see the
// contacts' phone and email may update it: anyone else only ever read them
// masked and would overwrite them with the masks.
func (s *Store) UpdateCustomer(ctx context.Context, actorID string, c salesrec.Customer) (salesrec.Customer, error) {
	if err := validateCustomer(c); err != nil {
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
			return forbidden("only a manager, an admin or the owner of an engagement with the customer may update it")
		}
		doc, err := json.Marshal(c)
		if err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, s.q(`UPDATE dealtrail_customers SET name = ?, industry = ?, doc = ? WHERE id = ?`),
			c.Name, c.Industry, string(doc), c.ID); err != nil {
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
	if err := sqlx.SelectContext(ctx, tx, &rows, s.q(`SELECT id, team_id, version FROM dealtrail_engagements
		WHERE customer_id = ? ORDER BY id`), customerID); err != nil {
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
		var err error
		c, err = s.customer(ctx, q, id, "")
		if err != nil {
			return err
		}
		if !salesrec.CanReadCustomer(a.member(), c) {
			return notFound("customer")
		}
		ok, err := s.seesContacts(ctx, q, a, c)
		if err != nil {
			return err
		}
		if !ok {
			c = salesrec.MaskContacts(c)
		}
		return nil
	})
	if err != nil {
		return salesrec.Customer{}, err
	}
	return c, nil
}

// customer reads a customer without access checks.
func (s *Store) customer(ctx context.Context, q dialect.Queryer, id, suffix string) (salesrec.Customer, error) {
	var row customerRow
	err := sqlx.GetContext(ctx, q, &row, s.q(`SELECT id, team_id, name, industry, doc FROM dealtrail_customers WHERE id = ?`+suffix), id)
	if errors.Is(err, sql.ErrNoRows) {
		return salesrec.Customer{}, notFound("customer")
	}
	if err != nil {
		return salesrec.Customer{}, s.mapErr(err)
	}
	return row.customer()
}

func validateCustomer(c salesrec.Customer) error {
	if err := checkStrings(c); err != nil {
		return err
	}
	return c.Validate()
}
