// Package salesrectest generates realistic, deterministic sales engagements
// for tests and benchmarks. It is test support for salesrec, as fstest is for
// io/fs and storagetest for the stores: hosts' code does not import it.
//
// A Generator is seeded (math/rand/v2 PCG), so the same seed always yields
// the same teams, customers and engagements, byte for byte. Text comes in
// Chinese, English or a mix of both (Chinese sentences with English system
// names such as ERP or API, and records that switch language between
// fields), across industries such as 制造业, 零售, 金融, 医疗, 教育, 物流 and
// SaaS. Phrases are drawn with a Zipf-like frequency — a few very common, a
// long tail of rare ones — as in real records, so search and index
// benchmarks see realistic term distributions.
//
// Everything generated is meant to pass salesrec.DefaultRules().Validate:
// needs and points are concrete (多数据源实时对接, 预算控制在50万以内), actions
// say what, who and by when, objections carry their handling and result,
// won engagements an amount and a signing date, terminated ones a reason
// and its category, lessons stay within salesrec.MaxLessonChars.
//
// Small sets are built call by call:
//
//	g := salesrectest.New(42)
//	team := g.Team()
//	members := g.Members(team, 8)
//	customer := g.Customer(team)
//	e := g.Engagement(team, members, customer)
//
// Large sets are streamed, so a million engagements never sit in memory at
// once; each Item says when a new team or customer first appears, so a
// caller can create them before the engagements that refer to them:
//
//	err := salesrectest.New(42).Stream(salesrectest.Size100K, func(it salesrectest.Item) error { … })
//
// Times are anchored at Options.Now (not the wall clock), so output does not
// depend on when it is generated.
package salesrectest
