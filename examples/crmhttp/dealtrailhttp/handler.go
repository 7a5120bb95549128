package dealtrailhttp

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// DefaultMaxBodyBytes is the request body limit when Options.MaxBodyBytes is zero.
const DefaultMaxBodyBytes = 1 << 20

// Options configures the handler. Only Actor is required.
type Options struct {
	// Actor returns the id of the member making the request, as the host's
	// own authentication established it (for example from a session the
	// host's middleware put into r.Context()). It reports false when the
	// request is not authenticated; the handler then answers 401. A nil
	// Actor refuses every request with 401.
	Actor func(r *http.Request) (memberID string, ok bool)
	// Clock is "now" for overdue lists and findings; nil means the wall
	// clock. Give it the clock the store was opened with
	// (storage.Options.Clock) so that both judge time alike.
	Clock salesrec.Clock
	// Rules are used for findings; nil means salesrec.DefaultRules(). Give it
	// the rules the store validates with (storage.Options.Rules).
	Rules *salesrec.Rules
	// TeamLocation returns the time zone a team judges deadlines in. Every
	// instant in an answer is shown in the acting member's team's zone, and
	// a day and time sent without an offset ("2024-03-06 下午03:00") is read
	// in it. Nil means every team uses salesrec.DefaultTimeZone
	// (Asia/Shanghai).
	TeamLocation func(ctx context.Context, teamID string) (*time.Location, error)
	// MaxBodyBytes limits request bodies; zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Logger receives the details of failed requests (500s). Nil means
	// slog.Default().
	Logger *slog.Logger
}

// handler holds what every endpoint needs. It keeps no per-request state.
type handler struct {
	store   *storage.Store
	index   kb.Searcher
	actor   func(*http.Request) (string, bool)
	clock   salesrec.Clock
	rules   salesrec.Rules
	loc     func(context.Context, string) (*time.Location, error)
	maxBody int64
	log     *slog.Logger
}

// NewHandler returns the dealtrail HTTP API backed by store and, for
// knowledge-base search and similar lessons, index (nil answers those
// requests with 501). Mount it under any prefix with http.StripPrefix; its
// routes are:
//
//	POST /customers                                  create a customer (201, Location; 409 with customer_id on a duplicate name)
//	GET  /customers                                  list or search the team's customers (q, match), paged
//	GET  /customers/{id}/history                     a customer's change history
//	GET  /customers/{id}                             read a customer (contacts masked per role)
//	PUT  /customers/{id}                             update a customer (version in body or If-Match)
//	POST /engagements                                create an engagement (201, Location, ETag)
//	GET  /engagements                                list with filters, paged
//	GET  /counts                                     how many engagements match the filters, by status
//	GET  /engagements/{id}                           read an engagement (ETag = version)
//	PUT  /engagements/{id}                           update (version in body or If-Match)
//	POST /engagements/{id}/interactions              log an interaction
//	POST /engagements/{id}/actions/{action}/status   change an action's status
//	POST /engagements/{id}/remarks                   add a remark (备注)
//	POST /engagements/{id}/close                     close as won or terminated
//	POST /engagements/{id}/reopen                    reopen a terminated engagement
//	GET  /engagements/{id}/history                   the change history
//	GET  /engagements/{id}/findings                  soft problems at the clock's now
//	GET  /engagements/{id}/similar                   similar lessons of closed engagements
//	GET  /actions/overdue                            overdue actions of an owner or a team
//	GET  /actions/due-soon                           actions due within days, of an owner or a team
//	GET  /kb/search                                  search the team knowledge base, paged
//	GET  /teams/{id}                                 read the actor's team (ETag = version)
//	PUT  /teams/{id}                                 rename it or change its time zone (managers, admins)
//	GET  /teams/{id}/members                         its members, active and deactivated
//	GET  /teams/{id}/history                         its change history (managers, admins)
//	POST /teams/{id}/members/{member}/role           change a member's role (managers, admins)
//	POST /teams/{id}/members/{member}/deactivate     deactivate a member, handing over open work (managers, admins)
//	GET  /review                                     the team review (周复盘) of a team or an owner
//	POST /reminders/claim                            claim the caller's reminders with a lease
//	POST /reminders/{id}/ack                         acknowledge a delivered reminder
//	GET  /openapi.json                               the OpenAPI 3.1 document of these routes (no actor needed)
//
// The conventions every route follows are in the package documentation.
func NewHandler(store *storage.Store, index kb.Searcher, opts Options) http.Handler {
	h := &handler{
		store:   store,
		index:   index,
		actor:   opts.Actor,
		clock:   opts.Clock,
		loc:     opts.TeamLocation,
		maxBody: opts.MaxBodyBytes,
		log:     opts.Logger,
	}
	if h.clock == nil {
		h.clock = salesrec.SystemClock{}
	}
	if opts.Rules != nil {
		h.rules = *opts.Rules
	} else {
		h.rules = salesrec.DefaultRules()
	}
	if h.loc == nil {
		h.loc = defaultLocation
	}
	if h.maxBody <= 0 {
		h.maxBody = DefaultMaxBodyBytes
	}
	if h.log == nil {
		h.log = slog.Default()
	}

	listParams := append(append([]string(nil), filterParamNames...), pageParamNames...)
	mux := http.NewServeMux()
	mux.Handle("POST /customers", h.route(h.createCustomer))
	mux.Handle("GET /customers/{id}", h.route(h.getCustomer))
	mux.Handle("PUT /customers/{id}", h.route(h.updateCustomer))
	mux.Handle("POST /engagements", h.route(h.createEngagement))
	mux.Handle("GET /engagements", h.route(h.listEngagements, listParams...))
	mux.Handle("GET /counts", h.route(h.counts, filterParamNames...))
	mux.Handle("GET /engagements/{id}", h.route(h.getEngagement))
	mux.Handle("PUT /engagements/{id}", h.route(h.updateEngagement()))
	mux.Handle("POST /engagements/{id}/interactions", h.route(h.logInteraction()))
	mux.Handle("POST /engagements/{id}/actions/{action}/status", h.route(h.setActionStatus()))
	mux.Handle("POST /engagements/{id}/remarks", h.route(h.addRemark()))
	mux.Handle("POST /engagements/{id}/close", h.route(h.closeEngagement()))
	mux.Handle("POST /engagements/{id}/reopen", h.route(h.reopenEngagement()))
	mux.Handle("GET /engagements/{id}/history", h.route(h.history))
	mux.Handle("GET /engagements/{id}/findings", h.route(h.findings))
	mux.Handle("GET /engagements/{id}/similar", h.route(h.similar, "limit"))
	mux.Handle("GET /actions/overdue", h.route(h.overdue, actionParamNames...))
	mux.Handle("GET /actions/due-soon", h.route(h.dueSoon, append([]string{"days"}, actionParamNames...)...))
	mux.Handle("GET /kb/search", h.route(h.search, searchParamNames...))
	mux.Handle("GET /customers", h.route(h.listCustomers, customerParamNames...))
	mux.Handle("GET /customers/{id}/history", h.route(h.customerHistory))
	mux.Handle("GET /teams/{id}", h.route(h.getTeam))
	mux.Handle("PUT /teams/{id}", h.route(h.updateTeam))
	mux.Handle("GET /teams/{id}/members", h.route(h.listMembers))
	mux.Handle("GET /teams/{id}/history", h.route(h.teamHistory))
	mux.Handle("POST /teams/{id}/members/{member}/role", h.route(h.setRole))
	mux.Handle("POST /teams/{id}/members/{member}/deactivate", h.route(h.deactivate))
	mux.Handle("GET /review", h.route(h.review, reviewParamNames...))
	mux.Handle("POST /reminders/claim", h.route(h.claimReminders))
	mux.Handle("POST /reminders/{id}/ack", h.route(h.ackReminder))
	mux.HandleFunc("GET "+DocumentPath, serveDocument)
	return mux
}

func defaultLocation(context.Context, string) (*time.Location, error) {
	return salesrec.Team{}.Location()
}
