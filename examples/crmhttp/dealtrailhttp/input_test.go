package dealtrailhttp_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// The input conventions the package documentation promises: what a body
// or a query may hold, and how a refusal names what is to blame.

func TestUnknownParametersAreRefusedNamingThem(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct{ path, param string }{
		{"/engagements?query=" + url.QueryEscape("预算"), "query"},
		{"/engagements?status=open&limt=5", "limt"},
		{"/counts?after=x", "after"},
		{"/kb/search?query=" + url.QueryEscape("预算"), "query"},
		{"/kb/search?q=x&page_size=5", "page_size"},
		{"/actions/overdue?tem=east", "tem"},
		{"/actions/due-soon?day=3", "day"},
		{"/engagements/" + f.e1.ID + "?fields=goal", "fields"},
		{"/engagements/" + f.e1.ID + "/similar?size=3", "size"},
	} {
		t.Run(c.path, func(t *testing.T) {
			body := decodeAs[errorBody](t, f.do(t, "m1", "GET", c.path, nil).want(t, http.StatusBadRequest))
			if !strings.Contains(body.Fields[c.param], "没有这个参数") {
				t.Errorf("fields %v do not name %s", body.Fields, c.param)
			}
		})
	}
	for _, q := range []string{"owner=x%00y", "customer_prefix=%ff", "q=" + strings.Repeat("长", 2001)} {
		name, _, _ := strings.Cut(q, "=")
		path := "/engagements?"
		if name == "q" {
			path = "/kb/search?"
		}
		body := decodeAs[errorBody](t, f.do(t, "m1", "GET", path+q, nil).want(t, http.StatusBadRequest))
		if len(body.Fields) != 1 || body.Fields[name] == "" {
			t.Errorf("%s: fields %v do not name %s", q, body.Fields, name)
		}
	}
	en := decodeAs[errorBody](t, f.do(t, "m1", "GET", "/engagements?a=1&b=2", nil, "Accept-Language", "en").want(t, http.StatusBadRequest))
	if len(en.Fields) != 2 || !strings.Contains(en.Fields["a"], "not a parameter") || en.Fields["b"] == "" {
		t.Errorf("English answer %+v, want a and b named", en)
	}
}

func TestUnknownFieldsAreRefusedNamingTheirPath(t *testing.T) {
	f := newFixture(t)
	body := `{"customer_id":"c1","owner_id":"r1","stage":"new_customer_development","goall":"挖掘客户的采购预算",
		"actions":[{"what":"发送报价单","owner_id":"r1","deadlin":"2024-04-19"}]}`
	r := f.do(t, "r1", "POST", "/engagements", body).want(t, http.StatusBadRequest)
	got := decodeAs[errorBody](t, r)
	for _, path := range []string{"goall", "actions[0].deadlin"} {
		if !strings.Contains(got.Fields[path], "没有这个字段") {
			t.Errorf("fields %v do not name %s", got.Fields, path)
		}
	}
	r = f.do(t, "r1", "POST", "/engagements/"+f.e1.ID+"/remarks", `{"version":1,"remark":{"txt":"x"}}`, "Accept-Language", "en").want(t, http.StatusBadRequest)
	if got := decodeAs[errorBody](t, r); !strings.Contains(got.Fields["remark.txt"], "not a known field") {
		t.Errorf("fields %v do not name remark.txt in English", got.Fields)
	}

	t.Run("thousands of unknown fields", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`{"version":1`)
		for i := range 5000 {
			fmt.Fprintf(&b, `,"f%05d":1`, i)
		}
		b.WriteString(`}`)
		r := f.do(t, "r1", "POST", "/engagements/"+f.e1.ID+"/remarks", b.String()).want(t, http.StatusBadRequest)
		got := decodeAs[errorBody](t, r)
		if len(got.Fields) != 50 || got.Fields["f00000"] == "" || got.Fields["f00049"] == "" {
			t.Errorf("%d fields named (%d bytes), want the first 50 in order", len(got.Fields), len(r.body))
		}
	})
	t.Run("a customer's name sent as a field name", func(t *testing.T) {
		body := `{"name":"` + secretName + `","kind":"new","industry":"制造业","` + secretName + `":1}`
		r := f.do(t, "m1", "POST", "/customers", body).want(t, http.StatusBadRequest)
		if strings.Contains(string(r.body), secretName) || len(decodeAs[errorBody](t, r).Fields) != 1 {
			t.Errorf("the answer echoes the name or names nothing: %s", r.body)
		}
	})
}

func TestBadValuesAreNamedByTheirJSONPath(t *testing.T) {
	f := newFixture(t)
	path := "/engagements/" + f.e1.ID
	for _, c := range []struct {
		name, route, body string
		code              int
		field, says       string
	}{
		{"an unknown enum deep in the body", "/interactions",
			`{"version":1,"interaction":{"occurred_at":"2024-04-12T08:00:00+08:00","method":"飞鸽传书"}}`,
			http.StatusUnprocessableEntity, "interaction.method", "飞鸽传书"},
		{"a day that does not exist", "/close",
			`{"version":1,"status":"won","outcome":{"amount":"¥80,000","signed_on":"2024-02-30"}}`,
			http.StatusUnprocessableEntity, "outcome.signed_on", "2024-02-30"},
		{"a moment that cannot be read", "/interactions",
			`{"version":1,"interaction":{"occurred_at":"昨天下午"}}`,
			http.StatusUnprocessableEntity, "interaction.occurred_at", "昨天下午"},
		{"a time of day that cannot be read", "/interactions",
			`{"version":1,"interaction":{"occurred_at":"2024-04-12 下午13:00"}}`,
			http.StatusUnprocessableEntity, "interaction.occurred_at", "下午13:00"},
		{"an amount that cannot be read", "/close",
			`{"version":1,"status":"won","outcome":{"amount":"八万块","signed_on":"2024-04-12"}}`,
			http.StatusUnprocessableEntity, "outcome.amount", "八万块"},
		{"an enum with a close status", "/close",
			`{"version":1,"status":"赢了"}`,
			http.StatusUnprocessableEntity, "status", "赢了"},
		{"a number for a text", "/remarks",
			`{"version":1,"remark":{"text":5}}`,
			http.StatusBadRequest, "remark.text", "文本"},
		{"a number for an amount", "/close",
			`{"version":1,"status":"won","outcome":{"amount":80000}}`,
			http.StatusBadRequest, "outcome.amount", "¥80,000"},
		{"a number past int64", "/close",
			`{"version":1,"status":"won","outcome":{"amount":{"minor":99999999999999999999}}}`,
			http.StatusBadRequest, "outcome.amount.minor", "整数"},
		{"an object for a list", "/interactions",
			`{"version":1,"interaction":{"points":{"text":"x"}}}`,
			http.StatusBadRequest, "interaction.points", "列表"},
		{"a list for the body", "/remarks", `[1]`, http.StatusBadRequest, "body", "对象"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := decodeAs[errorBody](t, f.do(t, "r1", "POST", path+c.route, c.body).want(t, c.code))
			if !strings.Contains(got.Fields[c.field], c.says) {
				t.Errorf("fields %v do not say %q under %s", got.Fields, c.says, c.field)
			}
		})
	}
	if e := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "GET", path, nil)); e.Version != 1 {
		t.Errorf("refused bodies changed the engagement to version %d", e.Version)
	}
}

func TestTheTemplatesFormatsAreReadAndWrittenBackCanonically(t *testing.T) {
	f := newFixture(t)
	path := "/engagements/" + f.e1.ID
	in := decodeAs[map[string]any](t, response{body: mustJSON(t, interaction("r1"))})
	in["occurred_at"] = "2024-04-12 上午08:00"
	in["method"] = "视频"
	r := f.do(t, "r1", "POST", path+"/interactions", map[string]any{"version": 1, "interaction": in}).want(t, http.StatusOK)
	if !strings.Contains(string(r.body), `"occurred_at":"2024-04-12T08:00:00+08:00"`) || !strings.Contains(string(r.body), `"method":"video"`) {
		t.Errorf("the interaction is not written back canonically: %s", r.body)
	}

	// In a list's filter too: the engagement's first contact was at 08:00.
	for _, c := range []struct {
		from string
		want int
	}{{"2024-04-12 上午07:59", 1}, {"2024-04-12 上午08:01", 0}, {"2024-04-12T00:01:00Z", 0}} {
		got := decodeAs[page](t, f.do(t, "r1", "GET", "/engagements?occurred_from="+url.QueryEscape(c.from), nil).want(t, http.StatusOK))
		if len(got.Items) != c.want {
			t.Errorf("occurred_from=%s lists %d, want %d", c.from, len(got.Items), c.want)
		}
	}

	for _, amount := range []string{`"¥80,000"`, `"8万"`, `"80000"`} {
		e := decodeAs[salesrec.Engagement](t, f.do(t, "r1", "POST", "/engagements", engagement("c1", "r1")).want(t, http.StatusCreated))
		body := `{"version":1,"status":"已成交","outcome":{"amount":` + amount + `,"signed_on":"2024年4月12日"}}`
		r := f.do(t, "r1", "POST", "/engagements/"+e.ID+"/close", body).want(t, http.StatusOK)
		for _, want := range []string{`"amount":{"minor":8000000,"currency":"CNY"}`, `"signed_on":"2024-04-12"`, `"status":"won"`} {
			if !strings.Contains(string(r.body), want) {
				t.Errorf("closed with %s: the answer lacks %s", amount, want)
			}
		}
	}
}

func TestEvery400NamesWhatIsToBlame(t *testing.T) {
	f := newFixture(t)
	path := "/engagements/" + f.e1.ID
	for _, c := range []struct {
		name, method, path, body, ifMatch, field string
	}{
		{"malformed JSON", "POST", path + "/remarks", `{"version":1,`, "", "body"},
		{"an empty body", "POST", path + "/remarks", ``, "", "body"},
		{"data after the JSON", "POST", path + "/remarks", `{"version":1,"remark":{"text":"法务已审核合同条款"}} {}`, "", "body"},
		{"ids that differ", "PUT", path, `{"id":"other","version":1}`, "", "id"},
		{"versions that differ", "POST", path + "/remarks", `{"version":2,"remark":{"text":"法务已审核合同条款"}}`, `"1"`, "version"},
		{"an If-Match that is no ETag", "POST", path + "/remarks", `{"remark":{"text":"法务已审核合同条款"}}`, `W/"abc"`, "If-Match"},
		{"a malformed query string", "GET", "/engagements?owner=%zz", "", "", "query"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var body any
			if c.method != "GET" {
				body = c.body
			}
			hdr := []string{}
			if c.ifMatch != "" {
				hdr = []string{"If-Match", c.ifMatch}
			}
			got := decodeAs[errorBody](t, f.do(t, "r1", c.method, c.path, body, hdr...).want(t, http.StatusBadRequest))
			if got.Error == "" || got.Fields[c.field] == "" {
				t.Errorf("answer %+v does not name %s", got, c.field)
			}
		})
	}
}
