package storage

import (
	"fmt"

	"github.com/dealtrail/dealtrail/salesrec"
)

// ErrFeedPruned is the error of ReadFeed asked for the changes after a
// position that PruneFeed has already cut away (including the start of a
// pruned feed, ""): the feed no longer holds every change after it, so a
// follower there would skip some. The follower must be built again from
// the engagements themselves (kb's Rebuild does). It wraps
// salesrec.ErrNotFound.
var ErrFeedPruned = fmt.Errorf("storage: the feed was pruned past this position; rebuild the follower: %w", salesrec.ErrNotFound)
