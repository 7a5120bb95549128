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

// review answers GET /review: the team review (周复盘) at the clock's now.
// Query: team, owner, and the spans due_within_days, silent_days,
// period_days (whole numbers; empty means the defaults). A rep gets their
// own review; a manager their team's, or one owner's with owner.
func (h *handler) review(w http.ResponseWriter, r *http.Request, actor string) error {
	v := r.URL.Query()
	q := storage.ReviewQuery{TeamID: v.Get("team"), OwnerID: v.Get("owner"), At: h.clock.Now()}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"due_within_days", &q.Settings.DueWithinDays}, {"silent_days", &q.Settings.SilentDays}, {"period_days", &q.Settings.PeriodDays}} {
		if s := v.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return badParam(p.name, msgIntParam)
			}
			*p.dst = n
		}
	}
	rv, err := h.store.Review(r.Context(), actor, q)
	if err != nil {
		return err
	}
	loc, err := time.LoadLocation(rv.TimeZone)
	if err != nil {
		return err
	}
	out := reviewAnswer{Review: rv}
	out.Text.Zh, out.Text.En = rv.Lines(salesrec.ZH, loc), rv.Lines(salesrec.EN, loc)
	writeJSON(w, http.StatusOK, out)
	return nil
}
