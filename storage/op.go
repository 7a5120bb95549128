package storage

import "github.com/dealtrail/dealtrail/salesrec"

// OpCustomerUpdate is the feed operation UpdateCustomer writes, one change
// per engagement of the customer (see salesrec.OpCustomerUpdate). The
// change's Version is the engagement's current version: the engagement
// itself did not change, so a reader must not skip it for being at a
// version already indexed. There is no history entry.
const OpCustomerUpdate = salesrec.OpCustomerUpdate
