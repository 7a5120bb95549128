package dealtrailhttp_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

func TestTeamAdministration(t *testing.T) {
	f := newFixture(t)

	team := decodeAs[salesrec.Team](t, f.do(t, "r1", "GET", "/teams/east", nil).want(t, http.StatusOK))
	if team.Name != "华东一组" || team.Version == 0 {
		t.Fatalf("GET /teams/east = %+v", team)
	}
	f.do(t, "m2", "GET", "/teams/east", nil).want(t, http.StatusNotFound)

	rename := map[string]any{"name": "华东销售一组", "time_zone": "Asia/Shanghai", "version": team.Version}
	f.do(t, "r1", "PUT", "/teams/east", rename).want(t, http.StatusForbidden)
	f.do(t, "m2", "PUT", "/teams/east", rename).want(t, http.StatusNotFound)
	f.do(t, "m1", "PUT", "/teams/east", map[string]any{"name": "华东销售一组"}).want(t, http.StatusPreconditionRequired)
	bad := decodeAs[errorBody](t, f.do(t, "m1", "PUT", "/teams/east",
		map[string]any{"name": "华东销售一组", "time_zone": "Mars/Olympus", "version": team.Version}).want(t, http.StatusUnprocessableEntity))
	if _, ok := bad.Fields["time_zone"]; !ok {
		t.Errorf("an unknown zone names %v, want time_zone", bad.Fields)
	}
	res := f.do(t, "m1", "PUT", "/teams/east", rename).want(t, http.StatusOK)
	if got := decodeAs[salesrec.Team](t, res); got.Name != "华东销售一组" || res.header.Get("ETag") == "" {
		t.Fatalf("the renamed team %+v, ETag %q", got, res.header.Get("ETag"))
	}
	f.do(t, "m1", "PUT", "/teams/east", rename).want(t, http.StatusConflict) // the version read before

	members := decodeAs[struct{ Items []salesrec.Member }](t, f.do(t, "r2", "GET", "/teams/east/members", nil).want(t, http.StatusOK))
	if len(members.Items) != 3 {
		t.Fatalf("team east has %d members, want 3", len(members.Items))
	}

	// Roles: a rep may not raise themselves; another team's path is 404.
	f.do(t, "r1", "POST", "/teams/east/members/r1/role", `{"role":"manager"}`).want(t, http.StatusForbidden)
	f.do(t, "m2", "POST", "/teams/east/members/r1/role", `{"role":"manager"}`).want(t, http.StatusNotFound)
	f.do(t, "m1", "POST", "/teams/west/members/m2/role", `{"role":"rep"}`).want(t, http.StatusNotFound)
	f.do(t, "m1", "POST", "/teams/east/members/r2/role", `{"role":"admin"}`).want(t, http.StatusForbidden)
	f.do(t, "m1", "POST", "/teams/east/members/r2/role", `{"role":"boss"}`).want(t, http.StatusUnprocessableEntity)
	m := decodeAs[salesrec.Member](t, f.do(t, "m1", "POST", "/teams/east/members/r2/role", `{"role":"经理"}`).want(t, http.StatusOK))
	if m.Role != salesrec.RoleManager {
		t.Fatalf("r2's role is %q, want manager", m.Role)
	}
	hist := decodeAs[struct{ Items []salesrec.TeamHistoryEntry }](t, f.do(t, "m1", "GET", "/teams/east/history", nil).want(t, http.StatusOK))
	if last := hist.Items[len(hist.Items)-1]; last.Op != salesrec.OpMemberRole || last.MemberID != "r2" {
		t.Errorf("the team history ends with %+v", last)
	}
	f.do(t, "r1", "GET", "/teams/east/history", nil).want(t, http.StatusForbidden)

	// Deactivation: open work needs someone to take it; then r1 can do
	// nothing, and is told why in the request's language.
	open := decodeAs[errorBody](t, f.do(t, "m1", "POST", "/teams/east/members/r1/deactivate", `{}`).want(t, http.StatusUnprocessableEntity))
	if _, ok := open.Fields["hand_to"]; !ok {
		t.Fatalf("deactivating with open work names %v, want hand_to", open.Fields)
	}
	f.do(t, "m1", "POST", "/teams/east/members/r1/deactivate", `{"hand_to":"m2"}`).want(t, http.StatusUnprocessableEntity)
	gone := decodeAs[salesrec.Member](t, f.do(t, "m1", "POST", "/teams/east/members/r1/deactivate", `{"hand_to":"r2"}`).want(t, http.StatusOK))
	if gone.Active() {
		t.Fatal("r1 is still active")
	}
	e := decodeAs[salesrec.Engagement](t, f.do(t, "m1", "GET", "/engagements/"+f.e1.ID, nil).want(t, http.StatusOK))
	if e.OwnerID != "r2" {
		t.Errorf("r1's engagement is owned by %s after the handover, want r2", e.OwnerID)
	}
	refused := decodeAs[errorBody](t, f.do(t, "r1", "GET", "/customers", nil, "Accept-Language", "en").want(t, http.StatusForbidden))
	if !strings.Contains(refused.Error, "deactivated") {
		t.Errorf("a deactivated member is told %q", refused.Error)
	}
	f.do(t, "r1", "POST", "/engagements/"+f.e1.ID+"/remarks", map[string]any{"version": e.Version, "remark": map[string]any{"text": "补充"}}).want(t, http.StatusForbidden)
}

func TestCustomerDirectory(t *testing.T) {
	f := newFixture(t)
	for _, name := range []string{"100%_Tech 有限公司", "上海A_B科技有限公司", "苏州河畔咨询有限公司"} {
		f.do(t, "m1", "POST", "/customers", customer("", name)).want(t, http.StatusCreated)
	}
	type page struct {
		Items []salesrec.Customer
		Total int
		Next  string
	}
	names := func(p page) []string {
		var out []string
		for _, c := range p.Items {
			out = append(out, c.Name)
		}
		return out
	}
	got := decodeAs[page](t, f.do(t, "r1", "GET", "/customers?match=contains&q="+url.QueryEscape("_"), nil).want(t, http.StatusOK))
	if strings.Join(names(got), "|") != "100%_Tech 有限公司|上海A_B科技有限公司" || got.Total != 2 {
		t.Errorf("searching for a literal _ found %v (total %d)", names(got), got.Total)
	}
	for _, c := range got.Items {
		if c.Contacts[0].Phone == secretPhone {
			t.Errorf("a rep lists %s's phone unmasked", c.Name)
		}
	}
	first := decodeAs[page](t, f.do(t, "r1", "GET", "/customers?limit=2", nil).want(t, http.StatusOK))
	rest := decodeAs[page](t, f.do(t, "r1", "GET", "/customers?limit=2&after="+url.QueryEscape(first.Next), nil).want(t, http.StatusOK))
	if first.Total != 4 || len(first.Items) != 2 || len(rest.Items) != 2 || rest.Next != "" {
		t.Errorf("two pages of two: %v then %v (total %d)", names(first), names(rest), first.Total)
	}
	bad := decodeAs[errorBody](t, f.do(t, "r1", "GET", "/customers?after=forged!", nil).want(t, http.StatusUnprocessableEntity))
	if _, ok := bad.Fields["after"]; !ok {
		t.Errorf("a forged cursor names %v, want after", bad.Fields)
	}
	f.do(t, "r1", "GET", "/customers?limit=0", nil).want(t, http.StatusBadRequest)
	if west := decodeAs[page](t, f.do(t, "m2", "GET", "/customers", nil).want(t, http.StatusOK)); west.Total != 0 {
		t.Errorf("team west lists %v", names(west))
	}

	// A duplicate full name answers the existing customer's id, and no
	// confidential value.
	res := f.do(t, "r2", "POST", "/customers", customer("", secretName)).want(t, http.StatusConflict)
	dup := decodeAs[struct {
		Error      string `json:"error"`
		CustomerID string `json:"customer_id"`
	}](t, res)
	if dup.CustomerID != "c1" || strings.Contains(string(res.body), secretName) {
		t.Errorf("the duplicate answer %s, want customer c1 without its name", res.body)
	}

	// Versions and history.
	c := decodeAs[salesrec.Customer](t, f.do(t, "m1", "GET", "/customers/c1", nil).want(t, http.StatusOK))
	c.Industry = "智能制造"
	f.do(t, "m1", "PUT", "/customers/c1", c).want(t, http.StatusOK)
	f.do(t, "m1", "PUT", "/customers/c1", c).want(t, http.StatusConflict)
	hist := decodeAs[struct {
		Items []salesrec.CustomerHistoryEntry
	}](t, f.do(t, "r1", "GET", "/customers/c1/history", nil).want(t, http.StatusOK))
	if len(hist.Items) != 2 || hist.Items[1].Op != salesrec.OpUpdate {
		t.Fatalf("customer history %+v", hist.Items)
	}
	f.do(t, "m2", "GET", "/customers/c1/history", nil).want(t, http.StatusNotFound)
}
