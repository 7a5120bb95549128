// Package dealtrailhttp shows how a host CRM embeds dealtrail over HTTP: a
// set of net/http handlers speaking JSON that the host mounts under a prefix
// of its own choosing, e.g.
//
//	api := dealtrailhttp.NewHandler(store, index, dealtrailhttp.Options{
//		Actor: func(r *http.Request) (string, bool) { return myauth.MemberID(r.Context()) },
//	})
//	mux.Handle("/crm/deals/", http.StripPrefix("/crm/deals", api))
//
// # Who is acting
//
// dealtrail never authenticates anyone. The library (salesrec, storage, kb)
// takes the acting member's id as an explicit argument on every call. At this
// HTTP edge, and only here, the handler asks the host for that id through
// Options.Actor, which typically reads what the host's own authentication
// middleware put into the request's context. A request without an actor is
// answered 401 and never reaches the store. The demo server in the parent
// directory uses a header-reading stand-in for that middleware; it is not
// for production.
//
// # Conventions
//
// Every route follows the same conventions (docs/http-api.md has them in
// full, each with the test that holds it):
//
//   - POST that creates answers 201 Created with a Location header (the new
//     record's path under the host's prefix) and, for an engagement, its ETag.
//   - Reads of one record answer an ETag: its version ("3") for an
//     engagement, a customer or a team.
//   - A write says what it was based on, in If-Match (or "version" in the
//     body). A stale If-Match answers 412 Precondition Failed, a stale body
//     version 409 Conflict, both with the current ETag; none at all 428.
//   - PUT replaces an engagement as a whole. Items sent back without their
//     ids are matched to the stored ones they equal (salesrec.MatchIDs), and
//     a PUT that changes nothing changes nothing: same version, no history.
//   - Lists answer {"items": […], "next": "…", "total": n}. Long lists
//     (engagements, search) are paged with ?limit= and ?after= (the previous
//     answer's next); short ones come whole. total is given where it is cheap.
//   - Unknown query parameters and unknown JSON fields are refused (400),
//     each named: the parameter, or the field by its JSON path
//     (actions[0].deadlin).
//   - Every 400 and 422 about input names the field by its JSON path in
//     "fields" (interaction.occurred_at, outcome.amount, actions[1].status):
//     wrong JSON types, enum values, dates, instants and amounts alike.
//   - Where JSON has a time or an amount, the template's own forms are
//     accepted too — "2024-03-06 下午03:00" (read in the team's time zone),
//     "¥80,000", "8万", "2024年3月6日", labels such as "已成交" — and answers
//     always carry the canonical forms (RFC 3339, {"minor", "currency"},
//     YYYY-MM-DD, codes).
//   - Instants in answers are in the acting member's team's time zone
//     (Options.TeamLocation), "2024-03-06T15:00:00+08:00", everywhere.
//   - Messages are in Chinese, or English when Accept-Language prefers it.
//
// # Errors
//
// Errors are mapped with errors.Is and errors.As, never by message text.
// Every message an answer carries is in Chinese, or in English when the
// request's Accept-Language prefers English (words.go holds the handlers'
// own messages; the library's come with both languages):
//
//	*salesrec.ValidationError, salesrec.ErrInvalid  422 {"error": …, "fields": {path: message}}
//	a value in the body salesrec cannot read (a
//	date, instant, amount or enum)                  422 {"fields": {path: the parser's message}}
//	a query parameter salesrec cannot read          400 {"fields": {name: the parser's message}}
//	a string in the body that is not text          422 naming its path (see below)
//	unknown fields, values of the wrong JSON type   400 {"fields": {path: …}}
//	unknown query parameters                        400 {"fields": {name: …}}
//	a stale If-Match                                412 with the current ETag
//	a stale body version                            409 with the current ETag
//	salesrec.ErrConflict (a unique value taken)     409
//	salesrec.ErrInvalidTransition                   409 (the request is well formed; the
//	                                                     engagement's current state refuses it)
//	salesrec.ErrNotFound                            404 (also another team's record)
//	salesrec.ErrForbidden                           403 (also an actor who is no member)
//	malformed JSON, trailing data,
//	malformed query parameters                      400
//	body over Options.MaxBodyBytes                  413
//	an update without any version                   428
//	search or similar lessons without an index      501
//	anything else                                   500 with a generic message; the
//	                                                     details go to Options.Logger
//
// Error bodies never carry a confidential value from the request (customer
// names, phones, emails): messages for 404/409/403/500 are fixed texts, and
// the values of confidential input fields are scrubbed from the rest.
//
// A string anywhere in a JSON body (a value or a field name, at any depth)
// must be text as sent: raw bytes that are not UTF-8 and \u escapes of a
// lone UTF-16 surrogate ("\ud800", "\udc00", a high surrogate followed by
// anything but a low one) are refused with 422 before the body is decoded,
// since encoding/json would silently store U+FFFD in their place. The field
// is named by its JSON path (interactions[0].points[1].text; the holding
// object for a bad field name) and the message is given in Chinese and
// English. A U+FFFD the client sent itself, raw or as \ufffd, is kept.
//
// # Inside
//
// route (call.go) runs the steps every route shares — who is acting, which
// query parameters it takes, the team's time zone, answering — and hands
// the route a *call; call.decode reads bodies (shape.go walks them); write
// (writes.go) is the one shape of every versioned write.
package dealtrailhttp
