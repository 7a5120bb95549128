package kbtest

import (
	"context"
	"slices"

	"github.com/dealtrail/dealtrail/salesrec"
)

// identities is every identity the source's customers ever held, in the
// order they were recorded; Seq is the 1-based position.
type identities []salesrec.Identity

// record appends the identities c holds that are not yet recorded.
func (ids *identities) record(c salesrec.Customer) {
	for _, id := range c.Identities() {
		if slices.ContainsFunc(*ids, func(o salesrec.Identity) bool {
			return o.TeamID == id.TeamID && o.CustomerID == id.CustomerID && o.Kind == id.Kind && o.Value == id.Value
		}) {
			continue
		}
		id.Seq = int64(len(*ids) + 1)
		*ids = append(*ids, id)
	}
}

// CustomerIdentities implements kb.Source.
func (s *Source) CustomerIdentities(ctx context.Context, teamID string) ([]salesrec.Identity, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []salesrec.Identity
	for _, id := range s.identities {
		if id.TeamID == teamID {
			out = append(out, id)
		}
	}
	return out, nil
}

// IdentitiesAfter implements kb.Source.
func (s *Source) IdentitiesAfter(ctx context.Context, after int64, limit int) ([]salesrec.Identity, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if limit <= 0 {
		limit = 500
	}
	start := int(min(max(after, 0), int64(len(s.identities))))
	end := min(start+limit, len(s.identities))
	return slices.Clone(s.identities[start:end]), nil
}
