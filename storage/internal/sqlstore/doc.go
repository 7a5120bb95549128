// Package sqlstore is the SQL both adapters share: the queries, the write
// pipeline (validate, check the version inside the transaction, persist,
// append history and feed), the access rules and the masking of confidential
// contact data.
//
// Queries are written with ? placeholders and rebound to the dialect's
// bindvars once. What differs between databases — how a write transaction
// begins, row locking, the feed's position, the listen/notify mechanism and
// the mapping of driver error codes — is behind the Dialect interface that
// storage/sqlite and storage/postgres implement.
package sqlstore
