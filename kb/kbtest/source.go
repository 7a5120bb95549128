// Package kbtest provides an in-memory kb.Source for tests and examples:
// a change feed, snapshots and the actor-checked reads, under the access
// rules of the storage adapters (salesrec.CanRead, salesrec.CanSeeContacts:
// managers and admins read their whole team, reps what they take part in).
// RunSourceContract checks a source against those rules and the feed a
// customer update writes; kb runs it against this source and a real store.
package kbtest

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Source is an in-memory source of engagements. The zero value is not
// usable; call New. It is safe for concurrent use.
type Source struct {
	mu          sync.Mutex
	members     map[string]salesrec.Member
	customers   map[string]salesrec.Customer
	engagements map[string]salesrec.Engagement
	feed        []salesrec.Change
	identities  identities
	// changed is closed and replaced on every write (Committed).
	changed chan struct{}
	now     func() time.Time
}

// New returns an empty source whose writes are stamped by clock.
func New(clock salesrec.Clock) *Source {
	return &Source{
		members:     map[string]salesrec.Member{},
		customers:   map[string]salesrec.Customer{},
		engagements: map[string]salesrec.Engagement{},
		changed:     make(chan struct{}),
		now:         clock.Now,
	}
}

// AddMember adds or replaces a member.
func (s *Source) AddMember(m salesrec.Member) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[m.ID] = m
}

// PutCustomer adds or replaces a customer. Replacing one appends, as the
// stores' UpdateCustomer does, one change (salesrec.OpCustomerUpdate, at
// the engagement's current version) for every engagement of the customer,
// in engagement id order: what an index derives from the customer is stale
// in each of them.
func (s *Source) PutCustomer(c salesrec.Customer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, replaced := s.customers[c.ID]
	s.customers[c.ID] = c
	s.identities.record(c)
	if !replaced {
		return
	}
	var stale []salesrec.Engagement
	for _, e := range s.engagements {
		if e.CustomerID == c.ID {
			stale = append(stale, e)
		}
	}
	slices.SortFunc(stale, func(a, b salesrec.Engagement) int { return strings.Compare(a.ID, b.ID) })
	for _, e := range stale {
		s.appendChange(e, salesrec.OpCustomerUpdate)
	}
}

// Put stores e as the next version of its engagement and appends a change
// to the feed. It returns the stored engagement.
func (s *Source) Put(e salesrec.Engagement) salesrec.Engagement {
	s.mu.Lock()
	defer s.mu.Unlock()
	op := salesrec.OpUpdate
	if old, ok := s.engagements[e.ID]; ok {
		e.Version = old.Version + 1
		e.CreatedAt = old.CreatedAt
	} else {
		op = salesrec.OpCreate
		e.Version = 1
		e.CreatedAt = s.now()
	}
	e.UpdatedAt = s.now()
	s.engagements[e.ID] = e
	s.appendChange(e, op)
	return e
}

// Delete removes an engagement and appends a change for it to the feed.
func (s *Source) Delete(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.engagements[id]
	if !ok {
		return
	}
	delete(s.engagements, id)
	e.Version++
	s.appendChange(e, salesrec.OpUpdate)
}

func (s *Source) appendChange(e salesrec.Engagement, op salesrec.Op) {
	s.feed = append(s.feed, salesrec.Change{
		Pos:          fmt.Sprintf("%012d", len(s.feed)+1),
		EngagementID: e.ID,
		TeamID:       e.TeamID,
		Version:      e.Version,
		Op:           op,
		At:           s.now(),
	})
	close(s.changed)
	s.changed = make(chan struct{})
}

// FeedLen returns how many changes the feed holds.
func (s *Source) FeedLen() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.feed)
}

// ReadFeed implements kb.Source.
func (s *Source) ReadFeed(ctx context.Context, after string, limit int) ([]salesrec.Change, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := 0
	if after != "" {
		n, err := strconv.Atoi(after)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("kbtest: feed position %q: %w", after, salesrec.ErrInvalid)
		}
		start = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if start >= len(s.feed) {
		return nil, nil
	}
	end := min(len(s.feed), start+limit)
	return append([]salesrec.Change(nil), s.feed[start:end]...), nil
}

// FeedHead implements kb.Source: the position of the feed's last change.
func (s *Source) FeedHead(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.feed) == 0 {
		return "", nil
	}
	return s.feed[len(s.feed)-1].Pos, nil
}

// EngagementIDs implements kb.Source: the ids after after, in byte order.
func (s *Source) EngagementIDs(ctx context.Context, after string, limit int) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	var ids []string
	for id := range s.engagements {
		if id > after {
			ids = append(ids, id)
		}
	}
	s.mu.Unlock()
	slices.Sort(ids)
	return ids[:min(len(ids), limit)], nil
}

// EngagementKeys implements kb.TeamLister: the engagements after after,
// ordered by team and then id.
func (s *Source) EngagementKeys(ctx context.Context, after salesrec.EngagementKey, limit int) ([]salesrec.EngagementKey, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	var keys []salesrec.EngagementKey
	for id, e := range s.engagements {
		if k := (salesrec.EngagementKey{TeamID: e.TeamID, EngagementID: id}); k.Compare(after) > 0 {
			keys = append(keys, k)
		}
	}
	s.mu.Unlock()
	slices.SortFunc(keys, salesrec.EngagementKey.Compare)
	return keys[:min(len(keys), limit)], nil
}

// Snapshot implements kb.Source.
func (s *Source) Snapshot(ctx context.Context, id string) (salesrec.Engagement, salesrec.Customer, error) {
	if err := ctx.Err(); err != nil {
		return salesrec.Engagement{}, salesrec.Customer{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.engagements[id]
	if !ok {
		return salesrec.Engagement{}, salesrec.Customer{}, fmt.Errorf("kbtest: engagement %s: %w", id, salesrec.ErrNotFound)
	}
	return e, s.customers[e.CustomerID], nil
}

// Member implements kb.Source.
func (s *Source) Member(ctx context.Context, id string) (salesrec.Member, error) {
	if err := ctx.Err(); err != nil {
		return salesrec.Member{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.members[id]
	if !ok {
		return salesrec.Member{}, fmt.Errorf("kbtest: member %s: %w", id, salesrec.ErrNotFound)
	}
	return m, nil
}

// Engagement implements kb.Source under salesrec.CanRead: an engagement
// the actor may not read is ErrNotFound, like one that does not exist; an
// actor who is no member is ErrForbidden.
func (s *Source) Engagement(ctx context.Context, actor, id string) (salesrec.Engagement, error) {
	return readAs(ctx, s, actor, func(m salesrec.Member) (salesrec.Engagement, error) {
		e, ok := s.engagements[id]
		if !ok || !salesrec.CanRead(m, e) {
			return salesrec.Engagement{}, fmt.Errorf("kbtest: engagement %s: %w", id, salesrec.ErrNotFound)
		}
		return e, nil
	})
}

// readAs runs read under the source's lock on behalf of the member actor:
// an actor who is no member is ErrForbidden, as in the real stores.
func readAs[T any](ctx context.Context, s *Source, actor string, read func(m salesrec.Member) (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.members[actor]
	if !ok {
		return zero, fmt.Errorf("kbtest: actor %q: %w", actor, salesrec.ErrForbidden)
	}
	return read(m)
}

// Customer implements kb.Source: every member of the customer's team reads
// it (salesrec.CanReadCustomer), with its contacts' phone and email masked unless
// salesrec.CanSeeContacts; anyone else gets ErrNotFound, and an actor who
// is no member ErrForbidden.
func (s *Source) Customer(ctx context.Context, actor, id string) (salesrec.Customer, error) {
	return readAs(ctx, s, actor, func(m salesrec.Member) (salesrec.Customer, error) {
		c, ok := s.customers[id]
		if !ok || !salesrec.CanReadCustomer(m, c) {
			return salesrec.Customer{}, fmt.Errorf("kbtest: customer %s: %w", id, salesrec.ErrNotFound)
		}
		sees, _ := salesrec.CanSeeContacts(m, c, func() (bool, error) {
			for _, e := range s.engagements {
				if e.CustomerID == id && e.OwnerID == m.ID {
					return true, nil
				}
			}
			return false, nil
		})
		if !sees {
			c = salesrec.MaskContacts(c)
		}
		return c, nil
	})
}

// CustomerNames implements kb.CustomerNamer with the store's rule: the
// name of customerOf[id] when the actor may read that customer and, unless
// their role sees the whole team, may read engagement id.
func (s *Source) CustomerNames(ctx context.Context, actor string, customerOf map[string]string) (map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(customerOf))
	m, member := s.members[actor]
	if !member {
		return out, nil
	}
	for id, customerID := range customerOf {
		c, ok := s.customers[customerID]
		if !ok || !salesrec.CanReadCustomer(m, c) {
			continue
		}
		if !m.Role.SeesTeam() {
			if e, ok := s.engagements[id]; !ok || !salesrec.CanRead(m, e) {
				continue
			}
		}
		out[id] = c.Name
	}
	return out, nil
}

// Committed implements kb.ChangeNotifier: the channel is closed by the
// next write.
func (s *Source) Committed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}
