package dealtrailhttp_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

func TestReviewOfTheTeamAndOfOneRep(t *testing.T) {
	f := newFixture(t)
	type answer struct {
		salesrec.Review
		Text struct{ Zh, En []string }
	}
	team := decodeAs[answer](t, f.do(t, "m1", "GET", "/review", nil).want(t, http.StatusOK))
	if team.TeamID != "east" || len(team.Owners) != 1 || team.Owners[0].OwnerID != "r1" {
		t.Fatalf("team review: %+v", team.Review)
	}
	r1 := team.Owners[0]
	if len(r1.Overdue) != 1 || r1.Overdue[0].Action.ID != "a-late" || len(r1.DueSoon) != 1 || r1.DueSoon[0].Action.ID != "a-next" {
		t.Fatalf("r1's actions: overdue %+v, due soon %+v", r1.Overdue, r1.DueSoon)
	}
	zh, en := strings.Join(team.Text.Zh, "\n"), strings.Join(team.Text.En, "\n")
	if !strings.Contains(zh, "已逾期的行动") || !strings.Contains(en, "overdue actions") || !strings.Contains(zh, "李代表") {
		t.Fatalf("review text:\n%s\n%s", zh, en)
	}
	mine := decodeAs[answer](t, f.do(t, "r2", "GET", "/review", nil).want(t, http.StatusOK))
	if mine.OwnerID != "r2" || len(mine.Owners) != 1 || len(mine.Owners[0].Overdue) != 0 || mine.Pipeline.Open != 0 {
		t.Fatalf("r2's own review: %+v", mine.Review)
	}
	f.do(t, "r2", "GET", "/review?owner=r1", nil).want(t, http.StatusForbidden)
	f.do(t, "m2", "GET", "/review?team=east", nil).want(t, http.StatusForbidden)
	bad := f.do(t, "m1", "GET", "/review?due_within_days=soon", nil).want(t, http.StatusBadRequest)
	if !strings.Contains(string(bad.body), "due_within_days") {
		t.Fatalf("bad span answered %s", bad.body)
	}
	f.do(t, "m1", "GET", "/review?period_days=-3", nil).want(t, http.StatusUnprocessableEntity)
	f.do(t, "m1", "GET", "/review?owner=m2", nil).want(t, http.StatusUnprocessableEntity)
	f.do(t, "", "GET", "/review", nil).want(t, http.StatusUnauthorized)
}
