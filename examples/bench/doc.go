// Command bench measures dealtrail against its own building blocks, in one
// run and on the same generated data, and prints the ratios:
//
//	go run ./examples/bench -size 10000 [-pg DSN] [-mem 10000,100000] [-out docs/benchmarks.md]
//
// Storage operations run on SQLite (and PostgreSQL with -pg) against bare
// database/sql statements writing and reading the same rows of the same
// schema; the knowledge base runs against bare Bleve with the stock cjk
// analyzer and a lean mapping; peak memory of bulk insert and kb rebuild is
// measured in child processes. Each row shows dealtrail/bare, p50/p95/p99
// where latency matters, and PASS or MISS against the project's targets.
// With -out the report replaces the section of its size in that Markdown
// file (see docs/benchmarks.md), leaving the prose around it.
//
// The measuring code is in internal/harness; `go test ./examples/bench/`
// runs a tiny smoke size so the harness keeps working.
package main
