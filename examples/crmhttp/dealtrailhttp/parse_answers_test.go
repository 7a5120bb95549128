package dealtrailhttp_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A value a salesrec parser refuses — a date, an amount or an enum in a
// query parameter, an enum in a body — is answered with the parser's own
// message: Chinese by default, English when the client prefers English.
func TestParseRefusalsFollowAcceptLanguage(t *testing.T) {
	f := newFixture(t)
	params := []struct {
		path, field string
		zh, en      string
	}{
		{"/engagements?status=" + url.QueryEscape("成交了吗"), "status", "“成交了吗”不是可选的", `"成交了吗" is not a known`},
		{"/engagements?stage=" + url.QueryEscape("第三阶段"), "stage", "“第三阶段”不是可选的", `"第三阶段" is not a known`},
		{"/kb/search?q=x&from=2024-02-30", "from", "日历上没有“2024-02-30”这一天", `"2024-02-30" is not a real calendar day`},
		{"/kb/search?q=x&to=" + url.QueryEscape("下周"), "to", "“下周”不是日期", `"下周" is not a date`},
		{"/kb/search?q=x&min_amount=" + url.QueryEscape("八万"), "min_amount", "“八万”不是金额", `"八万" is not a number`},
		{"/kb/search?q=x&outcome=maybe", "outcome", "“maybe”不是可选的", `"maybe" is not a known`},
	}
	for _, p := range params {
		t.Run(p.field, func(t *testing.T) {
			zh := decodeAs[errorBody](t, f.do(t, "m1", "GET", p.path, nil).want(t, http.StatusBadRequest))
			en := decodeAs[errorBody](t, f.do(t, "m1", "GET", p.path, nil, "Accept-Language", "en").want(t, http.StatusBadRequest))
			if zh.Error != "查询参数有误" || !strings.Contains(zh.Fields[p.field], p.zh) {
				t.Errorf("default answer = %+v, want Chinese saying %q under %s", zh, p.zh, p.field)
			}
			if en.Error != "invalid query parameter" || !strings.Contains(en.Fields[p.field], p.en) {
				t.Errorf("English answer = %+v, want %q under %s", en, p.en, p.field)
			}
		})
	}

	// An enum in a JSON body goes through UnmarshalText.
	raw, err := json.Marshal(engagement("c1", "r1"))
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatal(err)
	}
	body["stage"] = "第三阶段"
	zh := decodeAs[errorBody](t, f.do(t, "r1", "POST", "/engagements", body).want(t, http.StatusUnprocessableEntity))
	en := decodeAs[errorBody](t, f.do(t, "r1", "POST", "/engagements", body, "Accept-Language", "en").want(t, http.StatusUnprocessableEntity))
	if zh.Error != "填写有误" || !strings.HasPrefix(zh.Fields["stage"], "“第三阶段”不是可选的") {
		t.Errorf("default answer = %+v, want Chinese under stage", zh)
	}
	if en.Error != "invalid input" || !strings.HasPrefix(en.Fields["stage"], `"第三阶段" is not a known`) {
		t.Errorf("English answer = %+v, want English under stage", en)
	}
}
