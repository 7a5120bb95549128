package kb

import "context"

// Sync catches the index up with the source's feed once and returns. Each
// feed page becomes one Bleve batch that carries the documents of the
// changed engagements and the new feed position together, so a crash at
// any point leaves the index at a batch boundary: the next Sync resumes
// after the last committed change and neither skips nor repeats one.
func (x *Index) Sync(ctx context.Context) error {
	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	if x.cur == nil {
		return ErrClosed
	}
	return x.catchUp(ctx, x.cur, nil)
}
