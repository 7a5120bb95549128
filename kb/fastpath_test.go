package kb

import (
	"github.com/dealtrail/dealtrail/kb/kbtest"
	"github.com/dealtrail/dealtrail/storage"
)

// The store both adapters return takes kb's fast paths: batched snapshots
// when syncing, one customer-name query per search page, a wake on
// commit, and a Rebuild that lists team by team (kbtest's source too, so
// kb's own tests take that path). Losing any would only show as a
// slowdown, so the compiler checks it.
var (
	_ Source         = (*storage.Store)(nil)
	_ BatchSource    = (*storage.Store)(nil)
	_ CustomerNamer  = (*storage.Store)(nil)
	_ ChangeNotifier = (*storage.Store)(nil)
	_ TeamLister     = (*storage.Store)(nil)
	_ TeamLister     = (*kbtest.Source)(nil)
)
