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
// # Errors
//
// Errors are mapped with errors.Is and errors.As, never by message text.
// Every message an answer carries is in Chinese, or in English when the
// request's Accept-Language prefers English (words.go holds the handlers'
// own messages; the library's come with both languages):
//
//	*salesrec.ValidationError, salesrec.ErrInvalid  422 {"error": …, "fields": {path: message}}
//	*salesrec.InputError (a date, amount or enum
//	in the body that salesrec cannot read)          422 {"error": "填写有误:" + its message}
//	a query parameter salesrec cannot read          400 {"fields": {name: the parser's message}}
//	a string in the body that is not text          422 naming its path (see below)
//	salesrec.ErrConflict (stale version, taken)     409
//	salesrec.ErrInvalidTransition                   409 (the request is well formed; the
//	                                                     engagement's current state refuses it)
//	salesrec.ErrNotFound                            404 (also another team's record)
//	salesrec.ErrForbidden                           403
//	malformed JSON, unknown fields, trailing data,
//	malformed query parameters                      400
//	body over Options.MaxBodyBytes                  413
//	an update without any version                   428
//	search when the handler was given no index      501
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
// # Versions
//
// Every write to an existing engagement carries the version the client read,
// either as "version" in the JSON body or as an If-Match header holding the
// ETag that reads return ("3" for version 3). A stale version answers 409;
// the client reads again and retries.
package dealtrailhttp
