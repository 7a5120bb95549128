package main

import (
	"context"
	"net/http"
)

// ---------------------------------------------------------------------------
// STAND-IN AUTHENTICATION — NOT FOR PRODUCTION.
//
// A real host CRM authenticates its users its own way (session cookie, SSO,
// OAuth…) and knows which dealtrail member each user is. This stand-in
// trusts the X-Demo-Member header, which any client can set to any value:
// it exists only so the demo can be driven with curl.
// ---------------------------------------------------------------------------

// DemoMemberHeader names the header the stand-in reads.
const DemoMemberHeader = "X-Demo-Member"

// memberKey is the host's own context key for the signed-in member. The
// host, not dealtrail, owns it; dealtrailhttp reads it only through the
// Options.Actor function the host gives it.
type memberKey struct{}

// standInAuth plays the host's authentication middleware: it puts the
// member named by the header into the request's context. Requests without
// the header pass through unauthenticated, and dealtrailhttp answers 401.
func standInAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if id := r.Header.Get(DemoMemberHeader); id != "" {
			r = r.WithContext(context.WithValue(r.Context(), memberKey{}, id))
		}
		next.ServeHTTP(w, r)
	})
}

// signedInMember is the Options.Actor the host gives dealtrailhttp: it
// reads what the host's middleware established.
func signedInMember(r *http.Request) (string, bool) {
	id, ok := r.Context().Value(memberKey{}).(string)
	return id, ok && id != ""
}
