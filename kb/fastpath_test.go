package kb

import (
	"github.com/dealtrail/dealtrail/storage/postgres"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// Both stores take kb's fast paths: batched snapshots when syncing and one
// customer-name query per search page. Losing either would only show as a
// slowdown, so the compiler checks it.
var (
	_ BatchSource    = (*sqlite.Store)(nil)
	_ BatchSource    = (*postgres.Store)(nil)
	_ CustomerNamer  = (*sqlite.Store)(nil)
	_ CustomerNamer  = (*postgres.Store)(nil)
	_ ChangeNotifier = (*sqlite.Store)(nil)
	_ ChangeNotifier = (*postgres.Store)(nil)
)
