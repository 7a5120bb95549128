package sqlstore

import (
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
