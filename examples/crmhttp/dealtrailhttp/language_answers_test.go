package dealtrailhttp_test

import (
	"net/http"
	"strings"
	"testing"
)

// A refused write answers in Chinese by default and in English when the
// client prefers English: the error, every field message, and the messages
// of the handlers themselves.
func TestAnswersFollowAcceptLanguage(t *testing.T) {
	f := newFixture(t)
	e := engagement("c1", "r1")
	e.Goal = ""
	e.Actions[0].What = "跟进"

	zh := decodeAs[errorBody](t, f.do(t, "m1", "POST", "/engagements", e).want(t, http.StatusUnprocessableEntity))
	if zh.Error != "填写有误" || zh.Fields["goal"] != "请填写本次业务的核心目标,例如“挖掘客户A的采购预算”" ||
		!strings.HasPrefix(zh.Fields["actions[0].what"], "太笼统") {
		t.Errorf("default answer = %+v, want Chinese", zh)
	}
	en := decodeAs[errorBody](t, f.do(t, "m1", "POST", "/engagements", e, "Accept-Language", "en-US,en;q=0.9,zh;q=0.5").want(t, http.StatusUnprocessableEntity))
	if en.Error != "invalid input" || !strings.HasPrefix(en.Fields["goal"], "is required: the core goal") ||
		!strings.HasPrefix(en.Fields["actions[0].what"], "is too vague") {
		t.Errorf("English answer = %+v, want English", en)
	}

	nf := decodeAs[errorBody](t, f.do(t, "m1", "GET", "/engagements/nope", nil).want(t, http.StatusNotFound))
	nfEN := decodeAs[errorBody](t, f.do(t, "m1", "GET", "/engagements/nope", nil, "Accept-Language", "en").want(t, http.StatusNotFound))
	if nf.Error != "查无此记录" || nfEN.Error != "not found" {
		t.Errorf("not found says %q / %q", nf.Error, nfEN.Error)
	}

	bad := decodeAs[errorBody](t, f.do(t, "m1", "GET", "/engagements?limit=0", nil).want(t, http.StatusBadRequest))
	badEN := decodeAs[errorBody](t, f.do(t, "m1", "GET", "/engagements?limit=0", nil, "Accept-Language", "en").want(t, http.StatusBadRequest))
	if bad.Error != "查询参数有误" || bad.Fields["limit"] != "须为 1 到 500 之间的整数" ||
		badEN.Error != "invalid query parameter" || badEN.Fields["limit"] != "must be a whole number from 1 to 500" {
		t.Errorf("bad parameter says %+v / %+v", bad, badEN)
	}

	// A refused status change says why, in the request's language.
	created := f.do(t, "r1", "POST", "/engagements", engagement("c1", "r1")).want(t, http.StatusCreated)
	id := decodeAs[struct{ ID string }](t, created).ID
	path := "/engagements/" + id + "/reopen"
	tr := decodeAs[errorBody](t, f.do(t, "r1", "POST", path, `{"version":1,"reason":"再来一次"}`).want(t, http.StatusConflict))
	trEN := decodeAs[errorBody](t, f.do(t, "r1", "POST", path, `{"version":1,"reason":"再来一次"}`, "Accept-Language", "en").want(t, http.StatusConflict))
	if tr.Error != "业务仍在推进中,无需重新打开" ||
		trEN.Error != "the engagement is still open; there is nothing to reopen" {
		t.Errorf("a refused reopen says %q / %q", tr.Error, trEN.Error)
	}
}
