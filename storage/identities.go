package storage

import (
	"context"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

type identityRow struct {
	Seq        int64  `db:"seq"`
	TeamID     string `db:"team_id"`
	CustomerID string `db:"customer_id"`
	Kind       string `db:"kind"`
	Value      string `db:"value"`
}

func (r identityRow) identity() salesrec.Identity {
	return salesrec.Identity{Seq: r.Seq, TeamID: r.TeamID, CustomerID: r.CustomerID,
		Kind: salesrec.IdentityKind(r.Kind), Value: r.Value}
}

// recordIdentities adds the identities c holds now to the ones its
// customer ever held, in the transaction that writes c. Values already
// recorded are left as they are: the table only grows.
func (s *Store) recordIdentities(ctx context.Context, tx dialect.Queryer, c salesrec.Customer) error {
	ids := c.Identities()
	if len(ids) == 0 {
		return nil
	}
	if err := s.d.LockIdentities(ctx, tx); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(`INSERT INTO dealtrail_customer_identities (team_id, customer_id, kind, value) VALUES `)
	args := make([]any, 0, 4*len(ids))
	for i, id := range ids {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?)")
		args = append(args, id.TeamID, id.CustomerID, string(id.Kind), id.Value)
	}
	b.WriteString(` ON CONFLICT DO NOTHING`)
	_, err := tx.ExecContext(ctx, s.q(b.String()), args...)
	return err
}

// CustomerIdentities returns every name, short name and contact name,
// phone and email the customers of teamID hold or ever held, in the order
// they were recorded. It is a system read for the knowledge base, which
// masks them in indexed text; a host must never hand it to users.
func (s *Store) CustomerIdentities(ctx context.Context, teamID string) ([]salesrec.Identity, error) {
	var rows []identityRow
	if err := s.selectAll(ctx, s.db, &rows, `SELECT seq, team_id, customer_id, kind, value
		FROM dealtrail_customer_identities WHERE team_id = ? ORDER BY seq`, teamID); err != nil {
		return nil, err
	}
	return identities(rows), nil
}

// IdentitiesAfter returns up to limit identities, of every team, recorded
// after the one numbered after (0 is the beginning), in the order they
// were recorded. Writers number identities in commit order, so a reader
// that resumes after the last one it saw misses none. It is a system read,
// like CustomerIdentities.
func (s *Store) IdentitiesAfter(ctx context.Context, after int64, limit int) ([]salesrec.Identity, error) {
	limit, err := identityPage.limit(limit)
	if err != nil {
		return nil, err
	}
	var rows []identityRow
	if err := s.selectAll(ctx, s.db, &rows, `SELECT seq, team_id, customer_id, kind, value
		FROM dealtrail_customer_identities WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit); err != nil {
		return nil, err
	}
	return identities(rows), nil
}

func identities(rows []identityRow) []salesrec.Identity {
	out := make([]salesrec.Identity, len(rows))
	for i, r := range rows {
		out[i] = r.identity()
	}
	return out
}
