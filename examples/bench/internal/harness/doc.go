// Package harness measures dealtrail against the building blocks it is made
// of, in one run and on the same generated data: each storage operation
// against bare database/sql statements that write and read the same rows of
// the same schema (the adapter's own migrations), and the knowledge base
// against bare Bleve indexing and searching equivalent documents with the
// stock cjk analyzer and a lean mapping.
//
// Run loads Config.Size engagements from salesrec/salesrectest into a dealtrail store
// and, alongside, into a bare database migrated with the same schema, then
// times each operation on both sides, interleaved so that a noisy machine
// slows both alike. Latency is reported as p50/p95/p99, throughput as
// operations per second, and each row carries the ratio dealtrail/bare and,
// where the project set one, its target with PASS or MISS.
//
// Peak memory is measured in child processes (see Child): each runs one
// operation over a streamed data set and the parent reads the child's
// maximum resident set size from the kernel, so one measurement never
// inherits another's heap.
//
// The command examples/bench is the front end; docs/benchmarks.md explains
// how to read the report.
package harness
