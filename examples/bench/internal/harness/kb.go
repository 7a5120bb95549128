package harness

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// searchTexts are the queries of the search rows, Chinese, English and
// mixed, all words the generated lessons, reasons and objections use, from
// common to rare.
var searchTexts = []string{
	"价格偏高", "稳定性", "预算", "竞品", "实施周期", "数据安全", "响应速度", "ERP对接", "POC测试", "决策人",
	"price", "stability", "budget", "competitor", "security", "decision maker", "response", "integration",
}

// runKB measures the knowledge base on the loaded SQLite store against bare
// Bleve on the same engagements: one Sync of an empty kb against bare batch
// indexing, then plain and filtered searches with facets.
func runKB(ctx context.Context, cfg Config, s *storage.Store, ld *loaded) ([]Row, error) {
	dir := filepath.Join(cfg.Dir, "kb")
	// Both indexes start empty, also in a work directory kept from an
	// earlier run.
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	cfg.logf("kb: bare Bleve indexing of %d engagements (batches of %d documents)", cfg.Size, BatchSize)
	bare, bareSync, err := bareIndex(ctx, cfg, filepath.Join(dir, "bare.bleve"))
	if err != nil {
		return nil, err
	}
	defer bare.Close()
	cfg.logf("kb: bare Bleve indexed %d documents in %s", bareSync.N, fmtDuration(bareSync.Total))
	// Bare Bleve merges in the background after its last batch; the kb's
	// Sync is timed only once it is at rest (and the wait is not timed).
	waited, err := settle(ctx, bare)
	if err != nil {
		return nil, err
	}
	cfg.logf("kb: bare Bleve at rest after %s more (merges after the last batch, untimed)", fmtDuration(waited))

	cfg.logf("kb: Sync of %d engagements", cfg.Size)
	x, err := kb.Open(filepath.Join(dir, "dealtrail"), s, kb.Options{})
	if err != nil {
		return nil, fmt.Errorf("kb: open: %w", err)
	}
	defer x.Close()
	d, err := timed(func() error { return x.Sync(ctx) })
	if err != nil {
		return nil, fmt.Errorf("kb: sync: %w", err)
	}
	// Both sides index the same documents; the bare side counted them.
	dtSync := Measure{N: bareSync.N, Total: d}
	rows := []Row{{
		Area: "kb", Op: "sync", Kind: Throughput, DT: dtSync, Base: bareSync, Target: atLeast(0.8),
		Bare: fmt.Sprintf("Bleve batches of %d documents, stock cjk analyzer, same fields", BatchSize),
	}}
	logRows(cfg, rows)
	if waited, err = settle(ctx, bare); err != nil {
		return nil, err
	}
	cfg.logf("kb: bare Bleve at rest before the searches (waited %s)", fmtDuration(waited))

	n := cfg.samples()
	searches := []struct {
		op, bare string
		target   Target
		facets   bool
		widened  bool
	}{
		{"plain search", "match on text + team term, highlight, top 10", atMost(1.5), false, false},
		{"plain search, bare with the same synonyms", "… the text OR each member of the kb synonym groups it names (same matches as kb)", atMost(1.5), false, true},
		{"filtered search + 2 facets", "… + industry and outcome filters, facets outcome, reason category, industry, kind", p99Within(10*time.Millisecond, 100_000), true, false},
	}
	for _, sr := range searches {
		cfg.logf("kb: %s ×%d", sr.op, n)
		var tdt, tbare Timings
		warm := warmups(n)
		for i := range warm + n {
			t := ld.teams[i%len(ld.teams)]
			text := searchTexts[i%len(searchTexts)]
			q := kb.Query{Text: text}
			var bq query.Query = bareQuery(text, t.id, nil)
			if sr.widened {
				bq = bareWidened(text, t.id)
			}
			var facets []string
			if sr.facets {
				q.Industries = []string{t.industry}
				q.Outcomes = []salesrec.Status{salesrec.StatusWon, salesrec.StatusTerminated}
				q.Facets = true
				bq = bareFiltered(text, t.id, t.industry)
				facets = []string{kb.FacetOutcome, kb.FacetReasonCategory, kb.FacetIndustry, kb.FacetKind}
			}
			dt := func() error { _, err := x.Search(ctx, t.manager, q); return err }
			bs := func() error { _, err := bareSearch(bare, bq, facets...); return err }
			if i < warm {
				if err := dt(); err != nil {
					return nil, fmt.Errorf("kb: %s (dealtrail, warm-up): %w", sr.op, err)
				}
				if err := bs(); err != nil {
					return nil, fmt.Errorf("kb: %s (bare, warm-up): %w", sr.op, err)
				}
				continue
			}
			if err := pair(i, labelled("dealtrail", dt), labelled("bare", bs), &tdt, &tbare); err != nil {
				return nil, fmt.Errorf("kb: %s: %w", sr.op, err)
			}
		}
		rows = append(rows, Row{Area: "kb", Op: sr.op, Bare: sr.bare, Kind: Latency, DT: tdt.Measure(), Base: tbare.Measure(), Target: sr.target})
		logRows(cfg, rows[len(rows)-1:])
	}
	return rows, nil
}

// bareFiltered is the bare side of the filtered search: text, team,
// industry, and outcome won or terminated.
func bareFiltered(text, teamID, industry string) query.Query {
	won := bleve.NewTermQuery(string(salesrec.StatusWon))
	won.SetField("outcome")
	lost := bleve.NewTermQuery(string(salesrec.StatusTerminated))
	lost.SetField("outcome")
	return bleve.NewConjunctionQuery(bareQuery(text, teamID, map[string]string{"industry": industry}), bleve.NewDisjunctionQuery(won, lost))
}

// rebuildKB opens a knowledge base in indexDir over the store at storePath
// and runs kb's Rebuild, which indexes every engagement of the store into
// a new generation, catches up with the feed and swaps it in (the memory
// child's job). It returns Rebuild's final progress count: the engagements
// indexed plus the feed changes after them (none, in a store at rest).
func rebuildKB(ctx context.Context, storePath, indexDir string) (int, error) {
	s, err := openSQLiteStore(ctx, storePath)
	if err != nil {
		return 0, err
	}
	x, err := kb.Open(indexDir, s, kb.Options{})
	if err != nil {
		return 0, joinErr(err, s.Close())
	}
	changes := 0
	err = x.Rebuild(ctx, func(done int) { changes = done })
	return changes, joinErr(joinErr(err, x.Close()), s.Close())
}
