package kb

import "github.com/dealtrail/dealtrail/storage"

// The store both adapters return takes kb's fast paths: batched snapshots
// when syncing, one customer-name query per search page, and a wake on
// commit. Losing any would only show as a slowdown, so the compiler checks
// it.
var (
	_ Source         = (*storage.Store)(nil)
	_ BatchSource    = (*storage.Store)(nil)
	_ CustomerNamer  = (*storage.Store)(nil)
	_ ChangeNotifier = (*storage.Store)(nil)
)
