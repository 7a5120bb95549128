package dealtrailhttp_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

func TestContactsAreMaskedForARepWithoutAnEngagement(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		member string
		masked bool
	}{
		{"m1", false}, // the team's manager
		{"r1", false}, // owns an engagement with c1
		{"r2", true},  // a rep of the team with no engagement with c1
	} {
		t.Run(c.member, func(t *testing.T) {
			r := f.do(t, c.member, "GET", "/customers/c1", nil).want(t, http.StatusOK)
			got := decodeAs[salesrec.Customer](t, r)
			if len(got.Contacts) != 1 {
				t.Fatalf("%d contacts", len(got.Contacts))
			}
			leaked := strings.Contains(string(r.body), secretPhone) || strings.Contains(string(r.body), secretEmail)
			if c.masked && leaked {
				t.Errorf("%s sees the contact unmasked: %+v", c.member, got.Contacts[0])
			}
			if c.masked && (got.Contacts[0].Phone == "" || got.Contacts[0].Email == "") {
				t.Errorf("masked contact lost its shape: %+v", got.Contacts[0])
			}
			if !c.masked && (got.Contacts[0].Phone != secretPhone || got.Contacts[0].Email != secretEmail) {
				t.Errorf("%s should see the contact: %+v", c.member, got.Contacts[0])
			}
		})
	}
}

func TestAnotherTeamsRecordsAreNotFound(t *testing.T) {
	f := newFixture(t)
	id := f.e1.ID
	for _, c := range []struct {
		name, member, method, path, body string
	}{
		{"another team reads the engagement", "m2", "GET", "/engagements/" + id, ""},
		{"another team reads its history", "m2", "GET", "/engagements/" + id + "/history", ""},
		{"another team updates it", "m2", "POST", "/engagements/" + id + "/remarks", `{"version":1,"remark":{"text":"法务已审核合同条款"}}`},
		{"another team closes it", "m2", "POST", "/engagements/" + id + "/close", `{"version":1,"status":"terminated","outcome":{"reason":"客户选择竞品","reason_category":"competitor"}}`},
		{"another team reads the customer", "m2", "GET", "/customers/c1", ""},
		{"a rep of the team not taking part reads it", "r2", "GET", "/engagements/" + id, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var body any
			if c.body != "" {
				body = c.body
			}
			r := f.do(t, c.member, c.method, c.path, body).want(t, http.StatusNotFound)
			if strings.Contains(string(r.body), secretName) {
				t.Error("the 404 names the customer")
			}
		})
	}
	// The record is unchanged.
	e := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "GET", "/engagements/"+id, nil).want(t, http.StatusOK))
	if e.Version != 1 {
		t.Errorf("version %d after refused writes, want 1", e.Version)
	}
}

func TestErrorsNeverEchoConfidentialValues(t *testing.T) {
	f := newFixture(t)
	leaks := func(t *testing.T, r response) {
		t.Helper()
		for _, s := range []string{secretName, secretPhone, secretEmail, "13900001111", "secret@rival.example"} {
			if strings.Contains(string(r.body), s) {
				t.Errorf("the %d answer echoes %q: %s", r.code, s, r.body)
			}
		}
	}
	t.Run("a duplicate customer name", func(t *testing.T) {
		r := f.do(t, "m1", "POST", "/customers", customer("", secretName)).want(t, http.StatusConflict)
		leaks(t, r)
	})
	t.Run("a name with a NUL byte", func(t *testing.T) {
		c := customer("", secretName+"\x00")
		c.Contacts[0].Phone = "13900001111"
		leaks(t, f.do(t, "m1", "POST", "/customers", c).want(t, http.StatusUnprocessableEntity))
	})
	t.Run("a name that is too long", func(t *testing.T) {
		c := customer("", strings.Repeat(secretName, 40))
		leaks(t, f.do(t, "m1", "POST", "/customers", c).want(t, http.StatusUnprocessableEntity))
	})
	t.Run("a malformed email", func(t *testing.T) {
		c := customer("", "某新客户有限公司")
		c.Contacts[0].Email = "secret@rival.example\x00"
		leaks(t, f.do(t, "m1", "POST", "/customers", c).want(t, http.StatusUnprocessableEntity))
	})
	t.Run("an unknown customer kind next to the name", func(t *testing.T) {
		body := `{"name":"` + secretName + `","kind":"` + secretName + `","industry":"制造业"}`
		leaks(t, f.do(t, "m1", "POST", "/customers", body).want(t, http.StatusUnprocessableEntity))
	})
	t.Run("a body that is not JSON after the name", func(t *testing.T) {
		body := `{"name":"` + secretName + `","contacts":[{"phone":13900001111x}]}`
		leaks(t, f.do(t, "m1", "POST", "/customers", body).want(t, http.StatusBadRequest))
	})
	t.Run("an update of another team's customer", func(t *testing.T) {
		c := customer("c1", secretName)
		c.Version = 1 // a version, so the store is asked and the team's wall answers
		r := f.do(t, "m2", "PUT", "/customers/c1", c)
		if r.code != http.StatusNotFound && r.code != http.StatusForbidden {
			t.Fatalf("status %d, want 404 or 403: %s", r.code, r.body)
		}
		leaks(t, r)
	})
}

func TestServerFailuresAnswerAGenericMessage(t *testing.T) {
	f := newFixture(t)
	if err := f.store.Close(); err != nil {
		t.Fatal(err)
	}
	r := f.do(t, "r1", "GET", "/engagements/"+f.e1.ID, nil).want(t, http.StatusInternalServerError)
	if got := decodeAs[errorBody](t, r).Error; got != "服务器内部错误" {
		t.Errorf("500 says %q, want the generic message", got)
	}
	r = f.do(t, "r1", "GET", "/engagements/"+f.e1.ID, nil, "Accept-Language", "en").want(t, http.StatusInternalServerError)
	if got := decodeAs[errorBody](t, r).Error; got != "internal error" {
		t.Errorf("500 says %q in English, want the generic message", got)
	}
	if !strings.Contains(f.logs.String(), "request failed") {
		t.Errorf("the failure is not logged: %q", f.logs.String())
	}
}

func TestCustomersRoundTrip(t *testing.T) {
	f := newFixture(t)
	c := decodeAs[salesrec.Customer](t, f.do(t, "m1", "POST", "/customers", customer("", "华北精密机械有限公司")).want(t, http.StatusCreated))
	if c.ID == "" || c.TeamID != "east" {
		t.Fatalf("created %+v", c)
	}
	c.Industry = "装备制造"
	got := decodeAs[salesrec.Customer](t, f.do(t, "m1", "PUT", "/customers/"+c.ID, c).want(t, http.StatusOK))
	if got.Industry != "装备制造" {
		t.Errorf("industry %q after update", got.Industry)
	}
	f.do(t, "m1", "PUT", "/customers/other-id", c).want(t, http.StatusBadRequest)
	// A rep who sees the contacts masked cannot write them back.
	masked := decodeAs[salesrec.Customer](t, f.do(t, "r2", "GET", "/customers/c1", nil).want(t, http.StatusOK))
	f.do(t, "r2", "PUT", "/customers/c1", masked).want(t, http.StatusForbidden)
	f.do(t, "m1", "GET", "/customers/no-such-id", nil).want(t, http.StatusNotFound)
}
