package salesrectest

import (
	"strconv"

	"github.com/dealtrail/dealtrail/salesrec"
	"strings"
	"time"
)

// Lang is the language a record is written in.
type Lang int

// Languages of generated text.
const (
	// Chinese text, with English system names where people use them (ERP对接).
	Chinese Lang = iota
	// English text.
	English
	// Mixed records switch between Chinese and English from field to field.
	Mixed
)

// String names the language.
func (l Lang) String() string {
	switch l {
	case Chinese:
		return "zh"
	case English:
		return "en"
	case Mixed:
		return "mixed"
	}
	return "lang(" + strconv.Itoa(int(l)) + ")"
}

// textCtx is what slot filling needs: the language of this field, the
// engagement's industry and the day the text is written.
type textCtx struct {
	v   *vocab
	ind *industry
	at  time.Time
	// due, when set, is the day {date} names (an action's deadline);
	// otherwise {date} is a few days after at.
	due salesrec.Date
}

// ctx returns the text context of one field: for a Mixed record each field
// is Chinese or English at random.
func (g *Generator) ctx(l Lang, indIdx int, at time.Time) textCtx {
	if l == Mixed {
		if g.chance(0.5) {
			l = Chinese
		} else {
			l = English
		}
	}
	v := &zhVocab
	if l == English {
		v = &enVocab
	}
	return textCtx{v: v, ind: &v.industries[indIdx], at: at}
}

// fill replaces the {slot}s of a template. Unknown slots are kept as they
// are, so a typo shows in the output rather than vanishing.
func (g *Generator) fill(c textCtx, tmpl string) string {
	if !strings.Contains(tmpl, "{") {
		return tmpl
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		b.WriteString(g.slot(c, tmpl[i+1:i+j]))
		tmpl = tmpl[i+j+1:]
	}
}

func (g *Generator) slot(c textCtx, name string) string {
	zh := c.v == &zhVocab
	switch name {
	case "n":
		return strconv.Itoa(g.between(2, 30))
	case "big":
		return strconv.Itoa(g.between(5, 200) * 10)
	case "wan": // a budget in 万 (zh) or in thousands (en)
		w := pick(g, budgetsWan)
		if zh {
			return strconv.Itoa(w)
		}
		return strconv.Itoa(w*10) + "k"
	case "pct":
		return strconv.Itoa(g.between(1, 6) * 5)
	case "days":
		return strconv.Itoa(g.between(3, 30))
	case "sys":
		return pick(g, c.ind.systems)
	case "unit":
		return c.ind.unit
	case "ind":
		return c.ind.name
	case "mod":
		return pick(g, c.v.modules)
	case "comp":
		return pick(g, c.v.competitors)
	case "title":
		return pick(g, c.v.titles)
	case "date":
		d := c.at.AddDate(0, 0, g.between(3, 20))
		if !c.due.IsZero() {
			d = c.due.In(time.UTC)
		}
		if zh {
			return strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
		}
		return d.Month().String() + " " + strconv.Itoa(d.Day())
	case "q":
		return "Q" + strconv.Itoa((int(c.at.Month())-1)/3%4+1)
	}
	return "{" + name + "}"
}

// budgetsWan are budget ceilings in 万 yuan, most common first.
var budgetsWan = []int{50, 30, 100, 20, 80, 200, 60, 150, 300, 40, 500, 120, 25, 800, 1000}
