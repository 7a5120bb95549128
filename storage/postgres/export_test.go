package postgres

// HorizonSQL is the horizon query, for tests that run it over a lock table
// of their own.
const HorizonSQL = horizonSQL
