package dealtrailhttp

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
)

// langOf is the language of a request's answers: English when the
// Accept-Language header prefers English over Chinese, Chinese otherwise
// (also when the header is absent, malformed or names neither). Quality
// values are honoured ("zh;q=0.5, en" is English); between equal qualities
// the first listed wins.
func langOf(r *http.Request) salesrec.Lang {
	best, bestQ := salesrec.ZH, -1.0
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				continue
			}
			q = f
		}
		var lang salesrec.Lang
		switch primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-"); primary {
		case "zh":
			lang = salesrec.ZH
		case "en":
			lang = salesrec.EN
		default:
			continue
		}
		if q > 0 && q > bestQ {
			best, bestQ = lang, q
		}
	}
	return best
}
