package demo

import (
	"context"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// weekly ends the demo with the team review (周复盘) the manager reads on
// Monday morning: each rep's lists and the pipeline, every line in Chinese
// with the English beside it.
func (d *demo) weekly(ctx context.Context) error {
	now := d.clock.Now()
	rv, err := d.store.Review(ctx, d.st.ManagerID, storage.ReviewQuery{TeamID: d.st.TeamID, At: now})
	if err != nil {
		return err
	}
	d.section("周复盘", "the team review")
	zh, en := rv.Lines(salesrec.ZH, shanghai), rv.Lines(salesrec.EN, shanghai)
	for i := range zh {
		d.printf("%s\n", zh[i])
		if i < len(en) && en[i] != zh[i] {
			d.printf("  %s\n", en[i])
		}
	}
	return nil
}
