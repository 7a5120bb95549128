package storage

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// BulkInsert stores many new engagements in one transaction with multi-row
// INSERTs: all of them or none. Each is prepared and validated like
// CreateEngagement before the transaction begins (in parallel: validation
// and encoding are the costly part); a *ValidationError names the offending
// one by index ("[12].goal"). The encoded rows of the whole batch are held
// in memory until the commit: load large sets in batches of a few thousand.
func (s *Store) BulkInsert(ctx context.Context, actorID string, es []salesrec.Engagement) ([]salesrec.Engagement, error) {
	if len(es) == 0 {
		return nil, nil
	}
	a, err := s.loadActor(ctx, s.db, actorID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := make([]salesrec.Engagement, len(es))
	rows := make([]newRows, len(es))
	err = parallel(len(es), func(i int) error {
		e, r, err := s.prepareCreate(a, es[i], now)
		if err != nil {
			return prefixErr("["+strconv.Itoa(i)+"]", err)
		}
		out[i], rows[i] = e, r
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = s.inEngagementTx(ctx, func(tx dialect.Queryer) (string, error) {
		if err := s.sameActor(ctx, tx, a); err != nil {
			return "", err
		}
		customers := map[string]bool{}
		members := map[string]bool{}
		for _, e := range out {
			customers[e.CustomerID] = true
			for _, m := range e.Participants() {
				members[m] = true
			}
		}
		if err := s.checkBulkRefs(ctx, tx, a.TeamID, out, customers, members); err != nil {
			return "", err
		}
		return "", s.insertEngagements(ctx, tx, out, rows)
	})
	if err != nil {
		return nil, fmt.Errorf("bulk insert: %w", err)
	}
	return out, nil
}

// parallel runs f(0..n-1) on GOMAXPROCS goroutines and returns the error of
// the lowest index that failed, so the result does not depend on timing.
func parallel(n int, f func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				errs[i] = f(i)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkBulkRefs is checkRefs for a batch, with one query per kind of
// reference instead of one per engagement.
func (s *Store) checkBulkRefs(ctx context.Context, q dialect.Queryer, teamID string, es []salesrec.Engagement, customers, members map[string]bool) error {
	known, err := s.customersIn(ctx, q, teamID, keys(customers))
	if err != nil {
		return err
	}
	isMember, err := s.membersIn(ctx, q, teamID, keys(members))
	if err != nil {
		return err
	}
	for i, e := range es {
		if !known[e.CustomerID] {
			return invalid("["+strconv.Itoa(i)+"].customer_id", msgNoSuchCustomer)
		}
		if err := e.CheckMembers(func(id string) bool { return isMember[id] }); err != nil {
			return prefixErr("["+strconv.Itoa(i)+"]", err)
		}
	}
	return nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
