package dealtrailhttp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
)

// errorBody is every error answer: a message, and for invalid input the
// offending fields keyed by JSON path (or query parameter name).
type errorBody struct {
	Error  string            `json:"error"`
	Fields map[string]string `json:"fields,omitempty"`
}

// requestError is a problem with the request itself that the handler found
// before calling the library: its status and safe message are fixed here.
type requestError struct {
	status int
	msg    string
	fields map[string]string
}

func (e *requestError) Error() string { return e.msg }

func badRequest(msg string) error {
	return &requestError{status: http.StatusBadRequest, msg: msg}
}

// badParam reports a malformed query parameter.
func badParam(name, msg string) error {
	return &requestError{
		status: http.StatusBadRequest,
		msg:    "invalid query parameter",
		fields: map[string]string{name: msg},
	}
}

// secretError carries the confidential values of a request (customer names,
// phones, emails) so that writeError can scrub them from whatever message
// it passes on.
type secretError struct {
	err     error
	secrets []string
}

func (e *secretError) Error() string { return e.err.Error() }
func (e *secretError) Unwrap() error { return e.err }

// withSecrets marks err as coming from a request holding the given
// confidential values. Empty values are ignored.
func withSecrets(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	var keep []string
	for _, s := range secrets {
		if strings.TrimSpace(s) != "" {
			keep = append(keep, s)
		}
	}
	return &secretError{err: err, secrets: keep}
}

// scrub replaces every confidential value in s by a placeholder.
func scrub(s string, secrets []string) string {
	for _, v := range secrets {
		s = strings.ReplaceAll(s, v, "***")
	}
	return s
}

// status maps err to an HTTP status and a body that is safe to show. Order
// matters: a validation error may also wrap ErrInvalid, and a transition
// error is a conflict with the current state, not bad input.
func status(err error) (int, errorBody) {
	var (
		req *requestError
		ve  *salesrec.ValidationError
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &req):
		return req.status, errorBody{Error: req.msg, Fields: maps.Clone(req.fields)}
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, errorBody{Error: "request body too large"}
	case errors.As(err, &ve):
		return http.StatusUnprocessableEntity, errorBody{Error: "invalid input", Fields: maps.Clone(ve.Fields)}
	case errors.Is(err, salesrec.ErrInvalidTransition):
		return http.StatusConflict, errorBody{Error: "the engagement's status cannot change that way"}
	case errors.Is(err, salesrec.ErrConflict):
		return http.StatusConflict, errorBody{Error: "the record changed since it was read, or a unique value is taken; read it again and retry"}
	case errors.Is(err, salesrec.ErrNotFound):
		return http.StatusNotFound, errorBody{Error: "not found"}
	case errors.Is(err, salesrec.ErrForbidden):
		return http.StatusForbidden, errorBody{Error: "forbidden"}
	case errors.Is(err, salesrec.ErrInvalid):
		// A plain ErrInvalid names its problem in its text (an unknown enum
		// value, a malformed date); its text is scrubbed below.
		return http.StatusUnprocessableEntity, errorBody{Error: err.Error()}
	default:
		return http.StatusInternalServerError, errorBody{Error: "internal error"}
	}
}

// writeError answers err. Server-side failures are logged with their
// details; the client gets a generic message.
func (h *handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code, body := status(err)
	if code == http.StatusInternalServerError {
		if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
			// The client went away; there is nobody to answer.
			return
		}
		h.log.ErrorContext(r.Context(), "dealtrailhttp: request failed",
			"method", r.Method, "path", r.URL.Path, "err", err)
	}
	var se *secretError
	if errors.As(err, &se) {
		body.Error = scrub(body.Error, se.secrets)
		for k, v := range body.Fields {
			body.Fields[k] = scrub(v, se.secrets)
		}
	}
	writeJSON(w, code, body)
}

// writeJSON answers v as JSON with the given status. v is encoded before
// anything is sent, so a value that cannot be encoded answers 500 instead of
// a truncated body. <, > and & stay escaped (\u003c …), as encoding/json
// does by default, in case a client pastes an answer into HTML.
func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		code = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":"internal error"}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	// The status is sent; a failed write means the client went away and
	// there is nobody left to tell.
	_, _ = w.Write(buf.Bytes())
}
