package salesrectest

import (
	"math"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// outcome returns the result of a closed engagement: a won one has an amount
// (log-uniform from ¥50,000 to ¥5,000,000, whole thousands; some English
// customers pay in USD) and a signing date after the last contact; a
// terminated one an objective reason and its category.
func (g *Generator) outcome(lang Lang, ind int, cust salesrec.Customer, last time.Time, st salesrec.Status) *salesrec.Outcome {
	if st == salesrec.StatusWon {
		yuan := int64(math.Exp(math.Log(50_000)+g.rng.Float64()*math.Log(100))) / 1000 * 1000
		amount := salesrec.CNY(yuan, 0)
		if lang == English && g.chance(0.3) {
			amount = salesrec.Money{Minor: yuan / 7 / 100 * 100 * 100, Currency: "USD"}
		}
		signed := salesrec.DateOf(last).AddDays(g.between(0, 10))
		if today := salesrec.DateOf(g.opts.Now); signed.After(today) {
			signed = today
		}
		return &salesrec.Outcome{Amount: amount, SignedOn: signed}
	}
	c := g.ctx(lang, ind, last)
	cat := pick(g, reasonOrder)
	return &salesrec.Outcome{Reason: g.fill(c, pick(g, c.v.reasons[cat])), ReasonCategory: cat}
}

// lessons returns one to three lessons: mostly success points for a won
// engagement, mostly improvement points for a terminated one.
func (g *Generator) lessons(lang Lang, st salesrec.Status) []salesrec.Lesson {
	n := 1 + g.zipf(3)
	out := make([]salesrec.Lesson, 0, n)
	for range n {
		v := zhOrEn(g, lang)
		success := g.chance(0.8) == (st == salesrec.StatusWon)
		l := salesrec.Lesson{Kind: salesrec.LessonImprovement, Text: pick(g, v.improvement)}
		if success {
			l = salesrec.Lesson{Kind: salesrec.LessonSuccess, Text: pick(g, v.successes)}
		}
		dup := false
		for _, o := range out {
			dup = dup || o.Text == l.Text
		}
		if !dup {
			out = append(out, l)
		}
	}
	return out
}
