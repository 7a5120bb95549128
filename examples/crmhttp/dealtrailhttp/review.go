package dealtrailhttp

import (
	"net/http"
	"strconv"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// reviewAnswer is the team review with its text in both languages, for a
// client that shows it as it is.
type reviewAnswer struct {
	salesrec.Review
	Text struct {
		Zh []string `json:"zh"`
		En []string `json:"en"`
	} `json:"text"`
}

// reviewParamNames are the parameters of GET /review.
var reviewParamNames = []string{"team", "owner", "due_within_days", "silent_days", "period_days"}

// review answers GET /review: the team review (周复盘) at the clock's now.
// Query: team, owner, and the spans due_within_days, silent_days,
// period_days (whole numbers; empty means the defaults, the store checks
// the range and names the field). A rep gets their own review; a manager
// their team's, or one owner's with owner.
func (h *handler) review(c *call) error {
	q := storage.ReviewQuery{TeamID: c.query.Get("team"), OwnerID: c.query.Get("owner"), At: h.clock.Now()}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"due_within_days", &q.Settings.DueWithinDays}, {"silent_days", &q.Settings.SilentDays}, {"period_days", &q.Settings.PeriodDays}} {
		if s := c.query.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return badParam(p.name, msgWholeNumber)
			}
			*p.dst = n
		}
	}
	rv, err := h.store.Review(c.ctx, c.actor, q)
	if err != nil {
		return err
	}
	loc, err := time.LoadLocation(rv.TimeZone)
	if err != nil {
		return err
	}
	out := reviewAnswer{Review: rv}
	out.Text.Zh, out.Text.En = rv.Lines(salesrec.ZH, loc), rv.Lines(salesrec.EN, loc)
	return c.answer(http.StatusOK, out, "")
}
