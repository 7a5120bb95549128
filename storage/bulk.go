package storage

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// BulkInsert stores many new engagements in one transaction with multi-row
// INSERTs: all of them or none. Each is prepared and validated like
// CreateEngagement (in parallel: validation and encoding are the costly
// part); a *ValidationError names the offending one by index
// ("[12].goal"). The engagements are prepared in chunks of bulkChunk; the
// transaction begins when the first chunk is ready and inserts each chunk
// while the next is prepared, so the write lock is held while the rest of
// the batch is prepared. Which error is returned does not depend on that:
// a refused preparation (the lowest index) comes before a conflict or a
// reference the transaction finds, as if every engagement had been
// prepared first. The encoded rows of the whole batch are held in memory
// until the commit: load large sets in batches of a few thousand.
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
	p := s.prepareChunks(a, es, now, out, rows)
	defer p.stop()
	if err := p.wait(0); err != nil {
		return nil, err
	}
	err = s.inEngagementTx(ctx, func(tx dialect.Queryer) (string, error) {
		if err := s.sameActor(ctx, tx, a); err != nil {
			return "", err
		}
		for k := range p.ready {
			if err := p.wait(k); err != nil {
				return "", err
			}
			from, to := k*bulkChunk, min((k+1)*bulkChunk, len(es))
			if err := s.checkBulkRefs(ctx, tx, a.TeamID, from, out[from:to]); err != nil {
				return "", err
			}
			if err := s.insertEngagements(ctx, tx, out[from:to], rows[from:to]); err != nil {
				return "", err
			}
		}
		return "", nil
	})
	if err != nil {
		// A refused preparation wins over what the transaction found.
		if perr := p.firstErr(); perr != nil {
			return nil, perr
		}
		return nil, fmt.Errorf("bulk insert: %w", err)
	}
	return out, nil
}

// bulkChunk is the number of engagements BulkInsert prepares before it
// inserts them, while it prepares the next ones.
const bulkChunk = 250

// chunks is the preparation of a bulk insert's engagements, chunk by
// chunk, on a goroutine of its own.
type chunks struct {
	ready    []chan error // ready[k] receives chunk k's result, once
	results  []error
	received int
	halt     atomic.Bool
}

// prepareChunks prepares es into out and rows, chunk after chunk, each
// chunk in parallel; it stops after a chunk that fails.
func (s *Store) prepareChunks(a actor, es []salesrec.Engagement, now time.Time, out []salesrec.Engagement, rows []newRows) *chunks {
	n := (len(es) + bulkChunk - 1) / bulkChunk
	p := &chunks{ready: make([]chan error, n), results: make([]error, n)}
	for k := range p.ready {
		p.ready[k] = make(chan error, 1)
	}
	go func() {
		for k := range p.ready {
			if p.halt.Load() {
				p.ready[k] <- errStopped
				continue
			}
			from, to := k*bulkChunk, min((k+1)*bulkChunk, len(es))
			err := parallel(to-from, func(i int) error {
				e, r, err := s.prepareCreate(a, es[from+i], now)
				if err != nil {
					return prefixErr("["+strconv.Itoa(from+i)+"]", err)
				}
				out[from+i], rows[from+i] = e, r
				return nil
			})
			if err != nil {
				p.halt.Store(true) // later chunks cannot change the result
			}
			p.ready[k] <- err
		}
	}()
	return p
}

// errStopped is the result of a chunk not prepared because an earlier one
// failed or the insert gave up.
var errStopped = errors.New("bulk insert: preparation stopped")

// wait returns chunk k's result once it is ready; chunks are waited for in
// order.
func (p *chunks) wait(k int) error {
	for p.received <= k {
		p.results[p.received] = <-p.ready[p.received]
		p.received++
	}
	return p.results[k]
}

// firstErr waits for every chunk and returns the first refusal, in index
// order: the error BulkInsert would give had it prepared every engagement
// before its transaction.
func (p *chunks) firstErr() error {
	for k := range p.ready {
		if err := p.wait(k); err != nil && !errors.Is(err, errStopped) {
			return err
		}
	}
	return nil
}

// stop tells the preparation to skip the chunks it has not begun and
// waits for it to finish, so no goroutine outlives the call.
func (p *chunks) stop() {
	p.halt.Store(true)
	p.wait(len(p.ready) - 1)
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
// reference instead of one per engagement; es[i] is named by index
// first+i.
func (s *Store) checkBulkRefs(ctx context.Context, q dialect.Queryer, teamID string, first int, es []salesrec.Engagement) error {
	customers := map[string]bool{}
	members := map[string]bool{}
	for _, e := range es {
		customers[e.CustomerID] = true
		for _, m := range e.Participants() {
			members[m] = true
		}
	}
	known, err := s.customersIn(ctx, q, teamID, keys(customers))
	if err != nil {
		return err
	}
	isMember, err := s.membersIn(ctx, q, teamID, keys(members))
	if err != nil {
		return err
	}
	for i, e := range es {
		at := "[" + strconv.Itoa(first+i) + "]"
		if !known[e.CustomerID] {
			return invalid(at+".customer_id", msgNoSuchCustomer)
		}
		if err := e.CheckMembers(func(id string) bool { return isMember[id] }); err != nil {
			return prefixErr(at, err)
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
