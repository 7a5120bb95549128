package salesrectest_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
)

// stats gathers what the distribution tests look at over one stream.
type stats struct {
	n          int
	status     map[salesrec.Status]int
	zhGoals    int
	enGoals    int
	mixed      int // engagements with both Chinese and English free text
	industries map[string]int
	objections map[string]int
	overdue    int // open actions past their deadline at Now
	openActs   int
}

func gather(t *testing.T, n int) stats {
	t.Helper()
	g := salesrectest.New(99)
	now := g.Options().Now
	s := stats{status: map[salesrec.Status]int{}, industries: map[string]int{}, objections: map[string]int{}}
	names := map[string]bool{}
	err := g.Stream(n, func(it salesrectest.Item) error {
		s.n++
		e := it.Engagement
		if it.NewTeam {
			clear(names)
		}
		if it.NewCustomer {
			if names[it.Customer.Name] {
				t.Errorf("item %d: customer name %q repeats within a team", it.Index, it.Customer.Name)
			}
			names[it.Customer.Name] = true
		}
		s.status[e.Status]++
		s.industries[it.Customer.Industry]++
		var zh, en bool
		for _, in := range e.Interactions {
			if !in.OccurredAt.Before(now) {
				t.Errorf("item %d: interaction at %v is not before Now %v", it.Index, in.OccurredAt, now)
			}
			for _, p := range in.Points {
				han := hasHan(p.Text)
				zh, en = zh || han, en || !han
				if p.Kind == salesrec.PointObjection {
					s.objections[p.Text]++
					if p.Handling == "" || p.Result == "" {
						t.Errorf("item %d: objection %q without handling or result", it.Index, p.Text)
					}
				}
			}
		}
		if zh && en {
			s.mixed++
		}
		if hasHan(e.Goal) {
			s.zhGoals++
		} else {
			s.enGoals++
		}
		for _, a := range e.Actions {
			if !slices.ContainsFunc(it.Members, func(m salesrec.Member) bool { return m.ID == a.OwnerID }) {
				t.Errorf("item %d: action owner %s is not a team member", it.Index, a.OwnerID)
			}
			if e.Status == salesrec.StatusOpen && a.Status != salesrec.ActionDone {
				s.openActs++
				if a.Deadline.Before(salesrec.DateOf(now)) {
					s.overdue++
				}
			}
		}
		for _, l := range e.Lessons {
			if c := utf8.RuneCountInString(l.Text); c > salesrec.MaxLessonChars {
				t.Errorf("item %d: lesson %q has %d characters", it.Index, l.Text, c)
			}
		}
		switch e.Status {
		case salesrec.StatusWon:
			if e.Outcome == nil || e.Outcome.Amount.Minor <= 0 || e.Outcome.SignedOn.IsZero() {
				t.Errorf("item %d: won without amount or signing date: %+v", it.Index, e.Outcome)
			}
		case salesrec.StatusTerminated:
			if e.Outcome == nil || e.Outcome.Reason == "" || e.Outcome.ReasonCategory == "" {
				t.Errorf("item %d: terminated without reason: %+v", it.Index, e.Outcome)
			}
		}
		if e.Status != salesrec.StatusOpen && len(e.Lessons) == 0 {
			t.Errorf("item %d: closed without lessons", it.Index)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

func share(part, whole int) float64 { return float64(part) / float64(whole) }

func TestDistributionSanity(t *testing.T) {
	s := gather(t, 10_000)
	within := func(what string, got, lo, hi float64) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s: share %.3f, want between %.2f and %.2f", what, got, lo, hi)
		}
	}
	within("open engagements", share(s.status[salesrec.StatusOpen], s.n), 0.45, 0.55)
	within("won engagements", share(s.status[salesrec.StatusWon], s.n), 0.20, 0.30)
	within("terminated engagements", share(s.status[salesrec.StatusTerminated], s.n), 0.20, 0.30)
	within("Chinese goals", share(s.zhGoals, s.n), 0.45, 0.80)
	within("English goals", share(s.enGoals, s.n), 0.20, 0.55)
	within("mixed-language engagements", share(s.mixed, s.n), 0.05, 0.40)
	within("overdue open actions", share(s.overdue, s.openActs), 0.05, 0.60)
	if len(s.industries) < 15 {
		t.Errorf("only %d industries (zh and en names) seen, want at least 15", len(s.industries))
	}
}

// TestPhraseFrequencyIsSkewed checks the Zipf-like word choice: the most
// common objection is much more common than a middling one, and the tail is
// still there.
func TestPhraseFrequencyIsSkewed(t *testing.T) {
	s := gather(t, 5_000)
	counts := make([]int, 0, len(s.objections))
	for _, c := range s.objections {
		counts = append(counts, c)
	}
	slices.SortFunc(counts, func(a, b int) int { return b - a })
	if len(counts) < 20 {
		t.Fatalf("only %d distinct objection texts, want a long tail of at least 20", len(counts))
	}
	top, mid := counts[0], counts[len(counts)/2]
	if top < 4*mid {
		t.Errorf("most common objection seen %d times, median one %d: want a skew of at least 4×", top, mid)
	}
}
