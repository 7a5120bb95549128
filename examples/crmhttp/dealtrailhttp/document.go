package dealtrailhttp

import (
	_ "embed"
	"net/http"
)

// document is the OpenAPI 3.1 description of every route, written by hand.
// The package's tests validate every request they send and every answer
// they get against it, so it says what the handler does.
//
//go:embed openapi.json
var document []byte

// DocumentPath is where the handler serves its OpenAPI document, relative
// to the prefix it is mounted at.
const DocumentPath = "/openapi.json"

// serveDocument answers the OpenAPI document. It needs no acting member:
// the document describes the routes, never data.
func serveDocument(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(document)
}
