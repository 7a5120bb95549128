package transfer

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
	"github.com/dealtrail/dealtrail/storage"
)

// Options are the modes of Import.
type Options struct {
	// DryRun checks everything and writes nothing.
	DryRun bool
	// Atomic imports the whole file or nothing of it. It holds every
	// engagement of the file in memory until the end; without it
	// engagements go to the store in batches and each is all-or-nothing on
	// its own.
	Atomic bool
	// BatchSize is how many engagements go to the store in one
	// transaction; 0 means 500.
	BatchSize int
	// Progress, when set, is called after each batch with the engagements
	// done and the file's total.
	Progress func(done, total int)
}

// Import reads the register b and writes it into st as actorID, in the
// actor's team. The report lists every problem at its cell and counts what
// was created, updated, left unchanged and refused; the error is for the
// import as a whole (the actor, the database, a file that cannot be read).
func Import(ctx context.Context, st *storage.Store, actorID string, b *workbook.Book, o Options) (workbook.Report, error) {
	team, err := Team(ctx, st, actorID)
	if err != nil {
		return workbook.Report{}, err
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	im := &importer{st: st, actorID: actorID, o: o}
	report, err := workbook.Read(ctx, b, team, func(n int) { im.total = n },
		func(e workbook.Entry) error { return im.add(ctx, e) })
	if err == nil {
		err = im.flush(ctx)
	}
	report.DryRun = o.DryRun || o.Atomic && im.refused
	report.Engagements = im.total
	report.Created, report.Updated, report.Unchanged, report.Refused = im.counts[storage.ImportCreated],
		im.counts[storage.ImportUpdated], im.counts[storage.ImportUnchanged], im.counts[storage.ImportRefused]
	for _, p := range im.problems {
		report.Add(p)
	}
	return report, err
}

type importer struct {
	st       *storage.Store
	actorID  string
	o        Options
	total    int
	done     int
	batch    []workbook.Entry
	counts   map[storage.ImportOutcome]int
	problems []workbook.Problem
	refused  bool // some entry was refused (Atomic then writes nothing)
}

// add takes one entry from the reader: one with problems is refused at
// once, the others go to the store by the batch.
func (im *importer) add(ctx context.Context, e workbook.Entry) error {
	if im.counts == nil {
		im.counts = map[storage.ImportOutcome]int{}
	}
	if len(e.Problems) > 0 {
		im.refused = true
		im.counts[storage.ImportRefused]++
		im.done++
		im.note(e.Problems...)
		if im.o.Atomic {
			return nil
		}
		return im.progress()
	}
	im.batch = append(im.batch, e)
	if im.o.Atomic || len(im.batch) < im.o.BatchSize {
		return nil
	}
	return im.flush(ctx)
}

// note keeps problems, at most MaxProblems of them.
func (im *importer) note(ps ...workbook.Problem) {
	for _, p := range ps {
		if len(im.problems) < workbook.MaxProblems {
			im.problems = append(im.problems, p)
		}
	}
}

func (im *importer) progress() error {
	if im.o.Progress != nil {
		im.o.Progress(im.done, im.total)
	}
	return nil
}

// flush sends the batch to the store and records what it did.
func (im *importer) flush(ctx context.Context) error {
	if im.counts == nil {
		im.counts = map[storage.ImportOutcome]int{}
	}
	if len(im.batch) == 0 {
		return nil
	}
	items := make([]storage.ImportItem, len(im.batch))
	for i, e := range im.batch {
		items[i] = storage.ImportItem{Engagement: e.Engagement, Customer: e.Customer, Source: e.Source}
	}
	opts := storage.ImportOptions{DryRun: im.o.DryRun || im.o.Atomic && im.refused, Atomic: im.o.Atomic}
	results, err := im.st.Import(ctx, im.actorID, items, opts)
	if err != nil && !errors.Is(err, storage.ErrImportRefused) {
		return fmt.Errorf("importing %s: %w", im.batch[0].Source, err)
	}
	atomicFailed := err != nil
	for i, res := range results {
		out := res.Outcome
		if atomicFailed && out != storage.ImportRefused {
			out = storage.ImportRefused // rolled back with the rest
		}
		im.counts[out]++
		if res.Outcome == storage.ImportRefused {
			im.note(refusal(&im.batch[i], res.Err)...)
		}
	}
	im.done += len(im.batch)
	im.batch = im.batch[:0]
	return im.progress()
}

// refusal turns the store's refusal of an entry into problems at cells.
func refusal(e *workbook.Entry, err error) []workbook.Problem {
	var ve *salesrec.ValidationError
	var ie *salesrec.InputError
	switch {
	case errors.As(err, &ve):
		out := make([]workbook.Problem, 0, len(ve.Fields))
		for _, f := range sortedKeys(ve.Fields) {
			out = append(out, e.Locate(f, ve.Fields[f]))
		}
		return out
	case errors.As(err, &ie):
		return []workbook.Problem{e.Locate("", ie.Msg)}
	case errors.Is(err, salesrec.ErrNotFound):
		return []workbook.Problem{e.Locate("id", msgOtherTeam)}
	case errors.Is(err, salesrec.ErrConflict):
		return []workbook.Problem{e.Locate("version", msgVersionStale)}
	case errors.Is(err, salesrec.ErrForbidden):
		return []workbook.Problem{e.Locate("owner_id", msgMayNotAssign)}
	}
	return []workbook.Problem{e.Locate("", msgStoreRefused)}
}

func sortedKeys(m map[string]salesrec.Message) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
