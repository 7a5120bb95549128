package kb

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// corpusItem is one record of testdata/corpus.json: a lesson, reason or
// objection, stored as an engagement of its own whose id is the item id.
type corpusItem struct {
	ID             string                  `json:"id"`
	Team           string                  `json:"team"` // "other" puts it in team t2
	Industry       string                  `json:"industry"`
	CustomerKind   salesrec.CustomerKind   `json:"customer_kind"`
	Outcome        salesrec.Status         `json:"outcome"`
	Kind           Kind                    `json:"kind"`
	ReasonCategory salesrec.ReasonCategory `json:"reason_category"`
	Text           string                  `json:"text"`
	Handling       string                  `json:"handling"`
	Result         string                  `json:"result"`
}

// searchCase is one entry of testdata/searches.json.
type searchCase struct {
	Name       string            `json:"name"`
	Query      string            `json:"query"`
	Kinds      []Kind            `json:"kinds"`
	Outcomes   []salesrec.Status `json:"outcomes"`
	Industries []string          `json:"industries"`
	Expect     []string          `json:"expect"`
	MustNot    []string          `json:"must_not"`
}

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// corpusFixture indexes testdata/corpus.json.
func corpusFixture(t testing.TB, f *fixture) []corpusItem {
	t.Helper()
	var items []corpusItem
	readJSON(t, "testdata/corpus.json", &items)
	customers := map[string]string{}
	for _, it := range items {
		team := "t1"
		if it.Team == "other" {
			team = "t2"
		}
		key := team + "/" + it.Industry + "/" + string(it.CustomerKind)
		c, ok := customers[key]
		if !ok {
			c = "c-" + key
			f.src.PutCustomer(salesrec.Customer{ID: c, TeamID: team, Name: it.Industry + "客户" + string(it.CustomerKind), Kind: it.CustomerKind, Industry: it.Industry})
			customers[key] = c
		}
		e := salesrec.Engagement{ID: it.ID, TeamID: team, OwnerID: "r1", CustomerID: c, Stage: salesrec.StageNewCustomer, Status: it.Outcome}
		if team == "t2" {
			e.OwnerID = "m2"
		}
		switch it.Outcome {
		case salesrec.StatusWon:
			e.Outcome = &salesrec.Outcome{Amount: salesrec.CNY(100000, 0), SignedOn: salesrec.Date{Year: 2024, Month: 3, Day: 1}}
		case salesrec.StatusTerminated:
			e.Outcome = &salesrec.Outcome{Reason: "见复盘", ReasonCategory: it.ReasonCategory}
		}
		switch it.Kind {
		case KindSuccess:
			e.Lessons = []salesrec.Lesson{{Kind: salesrec.LessonSuccess, Text: it.Text}}
		case KindImprovement:
			e.Lessons = []salesrec.Lesson{{Kind: salesrec.LessonImprovement, Text: it.Text}}
		case KindTerminationReason:
			e.Outcome.Reason = it.Text
		case KindObjection:
			e.Interactions = []salesrec.Interaction{{ID: "i1", OccurredAt: testNow, Points: []salesrec.Point{{
				Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: it.Text, Handling: it.Handling, Result: it.Result,
			}}}}
		default:
			t.Fatalf("%s: unknown kind %q", it.ID, it.Kind)
		}
		f.src.Put(e)
	}
	f.sync()
	return items
}

// TestSearchQuality runs testdata/searches.json over testdata/corpus.json
// and reports recall@5 and MRR (over the first page of 10).
func TestSearchQuality(t *testing.T) {
	const (
		minRecallAt5 = 0.90
		minMRR       = 0.95
	)
	f := newFixture(t, Options{})
	items := corpusFixture(t, f)
	if len(items) < 150 {
		t.Fatalf("corpus has %d items, want at least 150", len(items))
	}
	var cases []searchCase
	readJSON(t, "testdata/searches.json", &cases)

	var recallSum, rrSum float64
	for _, sc := range cases {
		res := f.search("m1", Query{Text: sc.Query, Kinds: sc.Kinds, Outcomes: sc.Outcomes, Industries: sc.Industries, PageSize: 10})
		got := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			got[i] = h.EngagementID
		}
		top5 := got[:min(5, len(got))]
		found := 0
		for _, id := range sc.Expect {
			if slices.Contains(top5, id) {
				found++
			}
		}
		recall := float64(found) / float64(min(5, len(sc.Expect)))
		rr := 0.0
		for i, id := range got {
			if slices.Contains(sc.Expect, id) {
				rr = 1 / float64(i+1)
				break
			}
		}
		recallSum += recall
		rrSum += rr
		for _, id := range sc.MustNot {
			if slices.Contains(got, id) {
				t.Errorf("%s (%q): must-not hit %s on the first page: %v", sc.Name, sc.Query, id, got)
			}
		}
		if recall < 1 || rr < 1 {
			t.Logf("%-40s recall@5 %.2f rr %.2f  got %v want %v", sc.Name, recall, rr, got, sc.Expect)
		}
	}
	n := float64(len(cases))
	recall, mrr := recallSum/n, rrSum/n
	t.Logf("%d queries over %d documents: recall@5 = %.3f, MRR = %.3f", len(cases), len(items), recall, mrr)
	if recall < minRecallAt5 || mrr < minMRR {
		t.Errorf("search quality fell below recall@5 %.2f / MRR %.2f", minRecallAt5, minMRR)
	}
}
