package storage

import (
	"errors"
	"fmt"

	"github.com/dealtrail/dealtrail/salesrec"
)

// notFound is the error of a record that does not exist or that the actor
// may not know exists: the two are deliberately indistinguishable.
func notFound(what string) error { return fmt.Errorf("%s: %w", what, salesrec.ErrNotFound) }

// forbidden is the error of an actor who is not a member, or who may not do
// this to a record they can see.
func forbidden(why string) error { return fmt.Errorf("%s: %w", why, salesrec.ErrForbidden) }

// conflict is the error of a stale version.
func conflict(what string) error { return fmt.Errorf("%s: %w", what, salesrec.ErrConflict) }

// ErrFeedPruned is the error of ReadFeed asked for the changes after a
// position that PruneFeed has already cut away (including the start of a
// pruned feed, ""): the feed no longer holds every change after it, so a
// follower there would skip some. The follower must be built again from
// the engagements themselves (kb's Rebuild does). It wraps
// salesrec.ErrNotFound.
var ErrFeedPruned = fmt.Errorf("storage: the feed was pruned past this position; rebuild the follower: %w", salesrec.ErrNotFound)

// ErrSchema is the error of an adapter's Open or New over a database whose
// migrations are not exactly the ones this binary carries. The wrapping
// error says which migration the database is at, which one the binary
// expects, and what to run: the adapter's Migrate when the database is
// behind, a newer binary when the database is ahead.
var ErrSchema = errors.New("storage: the database schema does not match this binary")
