package kb

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/dealtrail/dealtrail/kb/kbtest"
	"github.com/dealtrail/dealtrail/salesrec"
)

// benchDocs is the number of index documents the benchmarks build, about
// four per engagement. Set it with -kb.docs or DEALTRAIL_KB_BENCH_DOCS;
// the figures are for 100000, CI runs a tiny size.
var benchDocs = flag.Int("kb.docs", envInt("DEALTRAIL_KB_BENCH_DOCS", 10000), "documents the kb benchmarks index")

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

const benchTeams = 20

// benchSource builds a source holding about n documents: engagements of
// benchTeams teams, with texts recombined from testdata/corpus.json.
func benchSource(b *testing.B, n int) *kbtest.Source {
	b.Helper()
	var items []corpusItem
	readJSON(b, "testdata/corpus.json", &items)
	src := kbtest.New(salesrec.FixedClock(testNow))
	rng := rand.New(rand.NewPCG(1, 2))
	text := func() string {
		a, c := items[rng.IntN(len(items))], items[rng.IntN(len(items))]
		return a.Text + "；" + c.Text
	}
	for t := range benchTeams {
		team := "t" + strconv.Itoa(t)
		src.AddMember(salesrec.Member{ID: "m-" + team, TeamID: team, Role: salesrec.RoleManager})
		for i, ind := range industries {
			src.PutCustomer(salesrec.Customer{ID: fmt.Sprintf("c-%s-%d", team, i), TeamID: team, Name: "客户" + team, Kind: salesrec.CustomerNew, Industry: ind})
		}
	}
	docs := 0
	for i := 0; docs < n; i++ {
		team := "t" + strconv.Itoa(i%benchTeams)
		e := salesrec.Engagement{
			ID: "e" + strconv.Itoa(i), TeamID: team, OwnerID: "m-" + team,
			CustomerID: fmt.Sprintf("c-%s-%d", team, i%len(industries)), Stage: salesrec.StageNewCustomer,
			Lessons: []salesrec.Lesson{{Kind: salesrec.LessonSuccess, Text: text()}, {Kind: salesrec.LessonImprovement, Text: text()}},
			Interactions: []salesrec.Interaction{{ID: "i1", OccurredAt: testNow.AddDate(0, 0, -i%365), Points: []salesrec.Point{{
				Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: text(), Handling: text(), Result: "客户认可",
			}}}},
		}
		docs += 3
		switch i % 3 {
		case 0:
			e.Status = salesrec.StatusWon
			e.Outcome = &salesrec.Outcome{Amount: salesrec.CNY(int64(10000+i%90000), 0), SignedOn: salesrec.DateOf(testNow.AddDate(0, 0, -i%365))}
		case 1:
			e.Status = salesrec.StatusTerminated
			e.Outcome = &salesrec.Outcome{Reason: text(), ReasonCategory: []salesrec.ReasonCategory{salesrec.ReasonBudget, salesrec.ReasonCompetitor, salesrec.ReasonTiming}[i%3]}
			docs++
		default:
			e.Status = salesrec.StatusOpen
		}
		src.Put(e)
	}
	return src
}

// bareMapping is kb's lean mapping (same fields, stored fields, doc
// values, no _all, BM25) with the stock cjk analyzer on the text: what the
// comparison isolates is kb's analysis chain and machinery.
func bareMapping(b *testing.B) *mapping.IndexMappingImpl {
	m, err := newMapping()
	if err != nil {
		b.Fatal(err)
	}
	m.DefaultAnalyzer = cjk.AnalyzerName
	text := bleve.NewTextFieldMapping()
	text.Analyzer = cjk.AnalyzerName
	text.Store = true
	text.IncludeTermVectors = true
	text.IncludeInAll = false
	text.DocValues = false
	delete(m.DefaultMapping.Properties, fieldText) // replace, not add to, kb's text field
	m.DefaultMapping.AddFieldMappingsAt(fieldText, text)
	return m
}

// bareIndex indexes the source's documents with stock Bleve in batches of
// 1,000 and returns the index and the number of documents.
func bareIndex(b *testing.B, src *kbtest.Source, dir string) (bleve.Index, int) {
	b.Helper()
	idx, err := bleve.New(dir, bareMapping(b))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	changes, err := src.ReadFeed(ctx, "", 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	batch, n := idx.NewBatch(), 0
	for _, c := range changes {
		e, cu, err := src.Snapshot(ctx, c.EngagementID)
		if err != nil {
			b.Fatal(err)
		}
		for _, en := range documents(e, cu, newMasker(cu.Identities())) {
			if err := batch.Index(en.id, en.doc.fields()); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if batch.Size() >= 1000 {
			if err := idx.Batch(batch); err != nil {
				b.Fatal(err)
			}
			batch = idx.NewBatch()
		}
	}
	if err := idx.Batch(batch); err != nil {
		b.Fatal(err)
	}
	return idx, n
}

// BenchmarkIndex compares kb's Sync with bare Bleve batch indexing of the
// same documents; both report docs/s.
func BenchmarkIndex(b *testing.B) {
	src := benchSource(b, *benchDocs)
	b.Run("bare", func(b *testing.B) {
		var n int
		cpu := cpuTime()
		for i := 0; b.Loop(); i++ {
			idx, docs := bareIndex(b, src, filepath.Join(b.TempDir(), strconv.Itoa(i)))
			n += docs
			_ = idx.Close()
		}
		reportThroughput(b, n, cpuTime()-cpu)
	})
	b.Run("kb", func(b *testing.B) {
		var n int
		cpu := cpuTime()
		for i := 0; b.Loop(); i++ {
			x, err := Open(filepath.Join(b.TempDir(), strconv.Itoa(i)), src, Options{})
			if err != nil {
				b.Fatal(err)
			}
			if err := x.Sync(context.Background()); err != nil {
				b.Fatal(err)
			}
			n += docCount(b, x)
			_ = x.Close()
		}
		reportThroughput(b, n, cpuTime()-cpu)
	})
}

// reportThroughput reports documents per wall-clock second and, where the
// platform tells, per CPU second (Close waits for Bleve's background work,
// so it is counted).
func reportThroughput(b *testing.B, docs int, cpu time.Duration) {
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
	if cpu > 0 {
		b.ReportMetric(float64(docs)/cpu.Seconds(), "docs/cpu-s")
	}
}

var benchQueries = []string{
	"价格偏高", "稳定性", "预算", "竞品", "决策人", "ERP对接", "试点", "分期付款",
	"price", "competitor", "demo", "security review", "Q3预算", "数据安全",
}

// BenchmarkSearch measures a plain search and a filtered search with
// facets, kb against the equivalent bare Bleve request on the same
// documents, and reports p50/p95/p99 latencies of both.
func BenchmarkSearch(b *testing.B) {
	src := benchSource(b, *benchDocs)
	bare, _ := bareIndex(b, src, filepath.Join(b.TempDir(), "bare"))
	defer bare.Close()
	x, err := Open(filepath.Join(b.TempDir(), "kb"), src, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	if err := x.Sync(context.Background()); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	from := salesrec.DateOf(testNow.AddDate(0, -6, 0))
	filtered := func(i int) Query {
		return Query{
			Text: benchQueries[i%len(benchQueries)], Outcomes: []salesrec.Status{salesrec.StatusWon, salesrec.StatusTerminated},
			Industries: []string{industries[i%len(industries)]}, From: from, Facets: true,
		}
	}
	actor := func(i int) string { return "m-t" + strconv.Itoa(i%benchTeams) }
	team := func(i int) string { return "t" + strconv.Itoa(i%benchTeams) }

	paired(b, "plain", func(i int) error {
		_, err := bare.Search(bareRequest(benchQueries[i%len(benchQueries)], team(i), nil, false))
		return err
	}, func(i int) error {
		_, err := x.Search(ctx, actor(i), Query{Text: benchQueries[i%len(benchQueries)]})
		return err
	})
	// The same index searched without synonym expansion, to show what
	// the expansion costs (test-only: it shares x's open index).
	none, err := newSynonyms([][]string{})
	if err != nil {
		b.Fatal(err)
	}
	plain := &Index{root: x.root, src: src, opts: x.opts, syn: none, cur: x.cur}
	paired(b, "plain-without-synonyms", func(i int) error {
		_, err := bare.Search(bareRequest(benchQueries[i%len(benchQueries)], team(i), nil, false))
		return err
	}, func(i int) error {
		_, err := plain.Search(ctx, actor(i), Query{Text: benchQueries[i%len(benchQueries)]})
		return err
	})
	paired(b, "filtered+facets", func(i int) error {
		q := filtered(i)
		_, err := bare.Search(bareRequest(q.Text, team(i), &q, true))
		return err
	}, func(i int) error {
		_, err := x.Search(ctx, actor(i), filtered(i))
		return err
	})
}

// bareRequest is the stock-Bleve equivalent of a kb search: a match query
// with the cjk analyzer, the team as a conjunct, optional filters and
// facets, top 10 with stored fields and highlights.
func bareRequest(text, team string, filters *Query, facets bool) *bleve.SearchRequest {
	m := bleve.NewMatchQuery(text)
	m.SetField(fieldText)
	must := []query.Query{m, term(fieldTeam, team)}
	if filters != nil {
		must = appendAnyOf(must, fieldOutcome, filters.Outcomes)
		must = appendAnyOf(must, fieldIndustry, filters.Industries)
		start := filters.From.In(time.UTC)
		dr := bleve.NewDateRangeQuery(start, time.Time{})
		dr.SetField(fieldDate)
		must = append(must, dr)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), 10, 0, false)
	req.Fields = storedFields
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.AddField(fieldText)
	if facets {
		for _, f := range facetFields {
			req.AddFacet(f, bleve.NewFacetRequest(f, 20))
		}
	}
	return req
}

// paired runs the bare and the kb operation alternately, b.N times each,
// so both see the same background work (Bleve merges segments after
// indexing), and reports their p50/p95/p99 latencies and the kb/bare
// ratios of p50 and p99.
func paired(b *testing.B, name string, bare, kb func(i int) error) {
	b.Run(name, func(b *testing.B) {
		var tb, tk []time.Duration
		timed := func(op func(int) error, i int, into *[]time.Duration) {
			start := time.Now()
			if err := op(i); err != nil {
				b.Fatal(err)
			}
			*into = append(*into, time.Since(start))
		}
		for i := 0; b.Loop(); i++ {
			if i%2 == 0 {
				timed(bare, i, &tb)
				timed(kb, i, &tk)
			} else {
				timed(kb, i, &tk)
				timed(bare, i, &tb)
			}
		}
		pb, pk := percentiles(tb), percentiles(tk)
		for i, p := range []string{"p50", "p95", "p99"} {
			b.ReportMetric(float64(pb[i].Nanoseconds()), "bare-"+p+"-ns")
			b.ReportMetric(float64(pk[i].Nanoseconds()), "kb-"+p+"-ns")
		}
		b.ReportMetric(float64(pk[0])/float64(pb[0]), "p50-ratio")
		b.ReportMetric(float64(pk[2])/float64(pb[2]), "p99-ratio")
	})
}

// percentiles returns the 50th, 95th and 99th percentiles of ds.
func percentiles(ds []time.Duration) [3]time.Duration {
	slices.Sort(ds)
	at := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	return [3]time.Duration{at(0.50), at(0.95), at(0.99)}
}
