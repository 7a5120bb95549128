package sqlstore

import (
	"context"
	"sync"
)

// Notifier is an in-process broadcast: Wait returns at the next Broadcast.
type Notifier struct {
	mu sync.Mutex
	ch chan struct{}
}

// NewNotifier returns a Notifier with no waiters.
func NewNotifier() *Notifier { return &Notifier{ch: make(chan struct{})} }

// Broadcast wakes every current waiter.
func (n *Notifier) Broadcast() {
	n.mu.Lock()
	close(n.ch)
	n.ch = make(chan struct{})
	n.mu.Unlock()
}

// Next returns a channel that the next Broadcast closes.
func (n *Notifier) Next() <-chan struct{} {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.ch
}

// Wait blocks until the next Broadcast or until ctx ends.
func (n *Notifier) Wait(ctx context.Context) error {
	ch := n.Next()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
