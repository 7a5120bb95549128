package dealtrailhttp

import (
	"context"
	"log/slog"
	"net/http"
	"time"

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
	// TeamLocation returns the time zone a team judges deadlines in. Nil
	// means every team uses salesrec.DefaultTimeZone (Asia/Shanghai).
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
	index   Searcher
	actor   func(*http.Request) (string, bool)
	clock   salesrec.Clock
	rules   salesrec.Rules
	loc     func(context.Context, string) (*time.Location, error)
	maxBody int64
	log     *slog.Logger
}

// NewHandler returns the dealtrail HTTP API backed by store and, for
// knowledge-base search, index (nil answers search requests with 501).
// Mount it under any prefix with http.StripPrefix; its routes are:
//
//	POST /customers                                  create a customer
//	GET  /customers/{id}                             read a customer (contacts masked per role)
//	PUT  /customers/{id}                             update a customer
//	POST /engagements                                create an engagement
//	GET  /engagements                                list with filters and a cursor
//	GET  /engagements/{id}                           read an engagement (ETag = version)
//	PUT  /engagements/{id}                           update (version in body or If-Match)
//	POST /engagements/{id}/interactions              log an interaction
//	POST /engagements/{id}/actions/{action}/status   change an action's status
//	POST /engagements/{id}/remarks                   add a remark (备注)
//	POST /engagements/{id}/close                     close as won or terminated
//	POST /engagements/{id}/reopen                    reopen a terminated engagement
//	GET  /engagements/{id}/history                   the change history
//	GET  /engagements/{id}/findings                  soft problems at the clock's now
//	GET  /actions/overdue                            overdue actions of an owner or a team
//	GET  /kb/search                                  search the team knowledge base
//	GET  /review                                     the team review (周复盘) of a team or an owner
//	POST /reminders/claim                            claim the caller's reminders with a lease
//	POST /reminders/{id}/ack                         acknowledge a delivered reminder
func NewHandler(store *storage.Store, index Searcher, opts Options) http.Handler {
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

	mux := http.NewServeMux()
	mux.Handle("POST /customers", h.route(h.createCustomer))
	mux.Handle("GET /customers/{id}", h.route(h.getCustomer))
	mux.Handle("PUT /customers/{id}", h.route(h.updateCustomer))
	mux.Handle("POST /engagements", h.route(h.createEngagement))
	mux.Handle("GET /engagements", h.route(h.listEngagements))
	mux.Handle("GET /engagements/{id}", h.route(h.getEngagement))
	mux.Handle("PUT /engagements/{id}", h.route(h.updateEngagement))
	mux.Handle("POST /engagements/{id}/interactions", h.route(h.logInteraction))
	mux.Handle("POST /engagements/{id}/actions/{action}/status", h.route(h.setActionStatus))
	mux.Handle("POST /engagements/{id}/remarks", h.route(h.addRemark))
	mux.Handle("POST /engagements/{id}/close", h.route(h.closeEngagement))
	mux.Handle("POST /engagements/{id}/reopen", h.route(h.reopenEngagement))
	mux.Handle("GET /engagements/{id}/history", h.route(h.history))
	mux.Handle("GET /engagements/{id}/findings", h.route(h.findings))
	mux.Handle("GET /actions/overdue", h.route(h.overdue))
	mux.Handle("GET /kb/search", h.route(h.search))
	mux.Handle("GET /review", h.route(h.review))
	mux.Handle("POST /reminders/claim", h.route(h.claimReminders))
	mux.Handle("POST /reminders/{id}/ack", h.route(h.ackReminder))
	return mux
}

// endpoint is the shape of every route: it receives the authenticated
// actor and returns an error for route to map to a status code.
type endpoint func(w http.ResponseWriter, r *http.Request, actor string) error

// route authenticates the request, limits its body and maps the endpoint's
// error to a JSON answer.
func (h *handler) route(fn endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		actor, ok := "", false
		if h.actor != nil {
			actor, ok = h.actor(r)
		}
		if !ok || actor == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dealtrail"`)
			writeJSON(w, http.StatusUnauthorized, errorBody{Error: "authentication required"})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, h.maxBody)
		if err := fn(w, r, actor); err != nil {
			h.writeError(w, r, err)
		}
	})
}

func defaultLocation(context.Context, string) (*time.Location, error) {
	return salesrec.Team{}.Location()
}
