package dealtrailhttp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/examples/crmhttp/dealtrailhttp"
	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// The fixture is one host CRM with dealtrail mounted under /crm/deals on a
// real SQLite store: team east (manager m1, reps r1 and r2) with customer
// c1 and r1's engagement, and team west (manager m2).
const (
	prefix      = "/crm/deals"
	memberHdr   = "X-Test-Member"
	secretName  = "恒通保密制造股份有限公司"
	secretPhone = "13812345678"
	secretEmail = "chen@hengtong.example"
)

var shanghai = mustZone("Asia/Shanghai")

// now is the fixture's clock: Friday 2024-04-12 10:00 in Shanghai.
var now = time.Date(2024, 4, 12, 10, 0, 0, 0, shanghai)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone(name, 8*3600)
	}
	return loc
}

type fixture struct {
	store *storage.Store
	index *kb.Index
	srv   *httptest.Server
	logs  *bytes.Buffer
	// e1 is r1's engagement as created.
	e1 salesrec.Engagement
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	clock := salesrec.FixedClock(now)
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dealtrail.db"), sqlite.Options{Options: storage.Options{Clock: clock}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })

	for _, tm := range []salesrec.Team{{ID: "east", Name: "华东一组"}, {ID: "west", Name: "华西一组"}} {
		if _, err := store.CreateTeam(ctx, tm); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []salesrec.Member{
		{ID: "m1", TeamID: "east", Name: "王经理", Role: salesrec.RoleManager},
		{ID: "r1", TeamID: "east", Name: "李代表", Role: salesrec.RoleRep},
		{ID: "r2", TeamID: "east", Name: "张代表", Role: salesrec.RoleRep},
		{ID: "m2", TeamID: "west", Name: "赵经理", Role: salesrec.RoleManager},
	} {
		if _, err := store.AddMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.CreateCustomer(ctx, "m1", customer("c1", secretName)); err != nil {
		t.Fatal(err)
	}
	e1, err := store.CreateEngagement(ctx, "r1", engagement("c1", "r1"))
	if err != nil {
		t.Fatal(err)
	}

	index, err := kb.Open(filepath.Join(t.TempDir(), "kb"), store, kb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = index.Close() })

	f := &fixture{store: store, index: index, logs: new(bytes.Buffer), e1: e1}
	f.srv = f.serve(t, nil)
	return f
}

// serve mounts a handler over the fixture's store and index under prefix,
// with the fixture's options changed by tune when it is not nil.
func (f *fixture) serve(t *testing.T, tune func(*dealtrailhttp.Options)) *httptest.Server {
	t.Helper()
	opts := dealtrailhttp.Options{
		Actor: func(r *http.Request) (string, bool) {
			id := r.Header.Get(memberHdr)
			return id, id != ""
		},
		Clock:        salesrec.FixedClock(now),
		MaxBodyBytes: 64 << 10,
		Logger:       slog.New(slog.NewTextHandler(f.logs, nil)),
	}
	if tune != nil {
		tune(&opts)
	}
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", http.StripPrefix(prefix, validated(t, dealtrailhttp.NewHandler(f.store, f.index, opts))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func customer(id, name string) salesrec.Customer {
	return salesrec.Customer{
		ID:       id,
		Name:     name,
		Kind:     salesrec.CustomerNew,
		Industry: "制造业",
		Contacts: []salesrec.Contact{{Name: "陈总", Title: "采购总监", Phone: secretPhone, Email: secretEmail}},
	}
}

// interaction is a video call two hours before now, recorded in time.
func interaction(member string) salesrec.Interaction {
	return salesrec.Interaction{
		OccurredAt:           now.Add(-2 * time.Hour),
		Method:               salesrec.MethodVideo,
		Place:                salesrec.Place{Mode: salesrec.PlaceOnline, Platform: "腾讯会议", MeetingID: "123-456-789"},
		Topic:                "确认多数据源对接需求与预算",
		CustomerParticipants: []salesrec.CustomerParticipant{{Name: "陈总", Title: "采购总监"}},
		SalesParticipants:    []salesrec.SalesParticipant{{MemberID: member, Name: "李代表", Role: "主谈"}},
		Points: []salesrec.Point{
			{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointNeed, Text: "客户提出需支持多数据源实时对接,预算控制在50万以内"},
			{Speaker: salesrec.SpeakerSales, Kind: salesrec.PointCommitment, Text: "4月10日前发送合同初稿"},
		},
	}
}

// engagement is an open engagement with one interaction, an action due
// yesterday (overdue at now) and one due next week.
func engagement(customerID, owner string) salesrec.Engagement {
	return salesrec.Engagement{
		OwnerID:      owner,
		CustomerID:   customerID,
		Stage:        salesrec.StageNewCustomer,
		Goal:         "挖掘客户的采购预算",
		Status:       salesrec.StatusOpen,
		Interactions: []salesrec.Interaction{interaction(owner)},
		Needs:        []salesrec.Need{{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh, Content: "支持多数据源实时对接"}},
		Actions: []salesrec.Action{
			{ID: "a-late", What: "发送合同初稿", OwnerID: owner, Deadline: salesrec.Date{Year: 2024, Month: 4, Day: 11}, Status: salesrec.ActionPending},
			{ID: "a-next", What: "发送报价单", OwnerID: owner, Deadline: salesrec.Date{Year: 2024, Month: 4, Day: 19}, Status: salesrec.ActionPending},
		},
	}
}

// response is what a test looks at: status, headers and body.
type response struct {
	code   int
	header http.Header
	body   []byte
}

// do sends a request as member (none when empty). body is sent as is when
// it is a string, and encoded as JSON otherwise. hdr holds header pairs.
func (f *fixture) do(t *testing.T, member, method, path string, body any, hdr ...string) response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, f.srv.URL+prefix+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if member != "" {
		req.Header.Set(memberHdr, member)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{code: res.StatusCode, header: res.Header, body: b}
}

// want fails the test unless the response has the given status.
func (r response) want(t *testing.T, code int) response {
	t.Helper()
	if r.code != code {
		t.Fatalf("status %d, want %d; body: %s", r.code, code, r.body)
	}
	return r
}

// decodeAs decodes a response body.
func decodeAs[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
	return v
}

// errorBody is the shape of every error answer.
type errorBody struct {
	Error  string            `json:"error"`
	Fields map[string]string `json:"fields"`
}

// mustJSON encodes v for a test that edits it as plain JSON.
func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// page is the shape of every list answer, here a page of engagements.
type page struct {
	Items []salesrec.Engagement
	Next  string
	Total *int
}
