// Package kbtest provides an in-memory kb.Source for tests and examples:
// a change feed, snapshots and the actor-checked reads, with the access
// rule of the storage adapters (managers and admins read their whole
// team, reps read what they own).
package kbtest

import (
	"context"
	"fmt"
	"strconv"
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
	// changed is closed and replaced on every write, waking WaitChange.
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

// PutCustomer adds or replaces a customer. Engagements pick up the change
// the next time they are written (as with the real stores' feed, a
// customer edit alone is not a feed entry).
func (s *Source) PutCustomer(c salesrec.Customer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.customers[c.ID] = c
	s.identities.record(c)
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
		if err != nil {
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

// Engagement implements kb.Source: managers and admins read their team's
// engagements, reps the ones they own.
func (s *Source) Engagement(ctx context.Context, actor, id string) (salesrec.Engagement, error) {
	if err := ctx.Err(); err != nil {
		return salesrec.Engagement{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.engagements[id]
	if !ok || !s.mayRead(actor, e.TeamID, e.OwnerID) {
		return salesrec.Engagement{}, fmt.Errorf("kbtest: engagement %s: %w", id, salesrec.ErrNotFound)
	}
	return e, nil
}

// Customer implements kb.Source: a customer is readable by whoever may
// read one of its engagements, and by the team's managers.
func (s *Source) Customer(ctx context.Context, actor, id string) (salesrec.Customer, error) {
	if err := ctx.Err(); err != nil {
		return salesrec.Customer{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.customers[id]
	if ok {
		if s.mayRead(actor, c.TeamID, "") && s.members[actor].Role != salesrec.RoleRep {
			return c, nil
		}
		for _, e := range s.engagements {
			if e.CustomerID == id && s.mayRead(actor, e.TeamID, e.OwnerID) {
				return c, nil
			}
		}
	}
	return salesrec.Customer{}, fmt.Errorf("kbtest: customer %s: %w", id, salesrec.ErrNotFound)
}

// CustomerNames implements kb.CustomerNamer with Engagement's access rule:
// engagements the actor may not read are absent from the map.
func (s *Source) CustomerNames(ctx context.Context, actor string, engagementIDs []string) (map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(engagementIDs))
	for _, id := range engagementIDs {
		e, ok := s.engagements[id]
		if !ok || !s.mayRead(actor, e.TeamID, e.OwnerID) {
			continue
		}
		if c, ok := s.customers[e.CustomerID]; ok {
			out[id] = c.Name
		}
	}
	return out, nil
}

func (s *Source) mayRead(actor, team, owner string) bool {
	m, ok := s.members[actor]
	if !ok || m.TeamID != team {
		return false
	}
	return m.Role != salesrec.RoleRep || owner == actor
}

// Changes implements kb.ChangeNotifier: the channel is closed by the next
// write.
func (s *Source) Changes() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// WaitChange returns at the next write or when ctx ends.
func (s *Source) WaitChange(ctx context.Context) error {
	ch := s.Changes()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
