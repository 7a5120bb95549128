package transfer

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
	"github.com/dealtrail/dealtrail/storage"
)

// Team is the workbook.Team of actorID's team, for a Writer or Import: the
// roster that names people and the zone times are written and read in.
func Team(ctx context.Context, st *storage.Store, actorID string) (workbook.Team, error) {
	roster, err := st.Roster(ctx, actorID)
	if err != nil {
		return workbook.Team{}, err
	}
	loc, err := roster.Team.Location()
	if err != nil {
		return workbook.Team{}, err
	}
	return workbook.Team{ID: roster.Team.ID, Members: roster.Members, Location: loc}, nil
}

// ExportRegister writes to w every engagement actorID may see that matches
// f (the zero Filter: the whole team, as far as the actor sees it), most
// recently updated first, page by page, through the store's reads as the
// actor: a rep gets only the engagements they take part in, and contacts'
// phone and email come masked wherever the actor may not see them. It
// returns how many engagements it wrote; the caller closes w, or aborts it
// (w.Abort, which removes its temporary files) when this fails.
//
// The store is read in a goroutine of its own while w writes, a bounded
// queue between them (exportQueue engagements), so reading and writing
// overlap and the export holds nothing per engagement; neither does the
// writer (workbook.Writer).
func ExportRegister(ctx context.Context, st *storage.Store, actorID string, f storage.Filter, w *workbook.Writer) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type item struct {
		e salesrec.Engagement
		c salesrec.Customer
	}
	queue := make(chan item, exportQueue)
	read := make(chan error, 1)
	go func() {
		defer close(queue)
		read <- readRegister(ctx, st, actorID, f, func(e salesrec.Engagement, c salesrec.Customer) error {
			select {
			case queue <- item{e, c}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	n := 0
	for it := range queue {
		if err := w.Add(it.e, it.c); err != nil {
			cancel()
			<-read
			return n, err
		}
		n++
	}
	return n, <-read
}

// exportQueue is how many engagements the store's reads may be ahead of
// the writer.
const exportQueue = 256

// readRegister reads, as the actor, every engagement matching f with its
// customer, page by page (the customers of a page in one read), and hands
// each to each.
func readRegister(ctx context.Context, st *storage.Store, actorID string, f storage.Filter,
	each func(salesrec.Engagement, salesrec.Customer) error) error {
	page := storage.PageRequest{Limit: 500}
	for {
		p, err := st.ListEngagements(ctx, actorID, f, page)
		if err != nil {
			return err
		}
		ids := make([]string, 0, len(p.Items))
		for _, e := range p.Items {
			ids = append(ids, e.CustomerID)
		}
		customers, err := st.Customers(ctx, actorID, slices.Compact(slices.Sorted(slices.Values(ids))))
		if err != nil {
			return err
		}
		for _, e := range p.Items {
			c, ok := customers[e.CustomerID]
			if !ok {
				return fmt.Errorf("exporting engagement %s: customer %s: %w", e.ID, e.CustomerID, salesrec.ErrNotFound)
			}
			if err := each(e, c); err != nil {
				return err
			}
		}
		if p.Next == "" {
			return nil
		}
		page.After = p.Next
	}
}

// ExportEngagement writes one engagement, read as actorID, to w: a row
// of each register sheet, or one form with a form writer.
func ExportEngagement(ctx context.Context, st *storage.Store, actorID, id string, w *workbook.Writer) error {
	e, err := st.Engagement(ctx, actorID, id)
	if err != nil {
		return err
	}
	c, err := st.Customer(ctx, actorID, e.CustomerID)
	if err != nil {
		return fmt.Errorf("exporting engagement %s: %w", e.ID, err)
	}
	return w.Add(e, c)
}

// WriteRegisterXLSX writes the register of what actorID may see that
// matches f to out as an .xlsx workbook: Team, a workbook.NewXLSXWriter and
// ExportRegister in one call. It returns how many engagements it wrote.
func WriteRegisterXLSX(ctx context.Context, st *storage.Store, actorID string, f storage.Filter, out io.Writer) (int, error) {
	return writeXLSX(ctx, st, actorID, f, out, workbook.NewXLSXWriter)
}

// WriteFormsXLSX writes the engagements actorID may see that match f to
// out as a workbook of forms, one sheet per engagement
// (workbook.NewFormXLSXWriter), masked as the actor sees them. For one
// engagement, give ExportEngagement a form writer. It returns how many
// forms it wrote.
func WriteFormsXLSX(ctx context.Context, st *storage.Store, actorID string, f storage.Filter, out io.Writer) (int, error) {
	return writeXLSX(ctx, st, actorID, f, out, workbook.NewFormXLSXWriter)
}

// writeXLSX is Team, a writer and ExportRegister in one call.
func writeXLSX(ctx context.Context, st *storage.Store, actorID string, f storage.Filter, out io.Writer,
	open func(io.Writer, workbook.Team) (*workbook.Writer, error)) (int, error) {
	team, err := Team(ctx, st, actorID)
	if err != nil {
		return 0, err
	}
	w, err := open(out, team)
	if err != nil {
		return 0, err
	}
	defer w.Abort() // after Close, nothing; before, the temporary files go
	n, err := ExportRegister(ctx, st, actorID, f, w)
	if err != nil {
		return n, err
	}
	return n, w.Close()
}
