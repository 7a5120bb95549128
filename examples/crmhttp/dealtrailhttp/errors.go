package dealtrailhttp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
)

// errorBody is every error answer: a message, and for invalid input the
// offending fields keyed by JSON path (or query parameter name), each in the
// language the request asked for (see langOf).
type errorBody struct {
	Error  string            `json:"error"`
	Fields map[string]string `json:"fields,omitempty"`
	// CustomerID is the existing customer a duplicate full name refers to
	// (409), for the client to open it instead.
	CustomerID string `json:"customer_id,omitempty"`
}

// requestError is a problem with the request itself that the handler found
// before calling the library: its status and safe message are fixed here.
type requestError struct {
	status int
	msg    salesrec.Message
	fields map[string]salesrec.Message
	// etag, when set, is answered as the ETag header: the current version
	// of a record a stale write was refused for.
	etag string
}

func (e *requestError) Error() string { return e.msg.En }

// badRequest reports a malformed request, naming what is to blame: a
// field's JSON path, "body" for the body as a whole, or a header.
func badRequest(field string, msg salesrec.Message) error {
	return &requestError{status: http.StatusBadRequest, msg: msg, fields: map[string]salesrec.Message{field: msg}}
}

// badParam reports a malformed query parameter.
func badParam(name string, msg salesrec.Message) error {
	return &requestError{
		status: http.StatusBadRequest,
		msg:    msgInvalidParam,
		fields: map[string]salesrec.Message{name: msg},
	}
}

// paramError reports a query parameter that a salesrec parser refused:
// the parser's own message (which names the value and what is wrong with
// it, in both languages) when it gave one, else fallback.
func paramError(name string, err error, fallback salesrec.Message) error {
	var ie *salesrec.InputError
	if errors.As(err, &ie) {
		return badParam(name, ie.Msg)
	}
	return badParam(name, fallback)
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

// status maps err to an HTTP status and a body that is safe to show, in
// lang. Order
// matters: a validation error may also wrap ErrInvalid, and a transition
// error is a conflict with the current state, not bad input.
func status(err error, lang salesrec.Lang) (int, errorBody) {
	var (
		req *requestError
		ve  *salesrec.ValidationError
		te  *salesrec.TransitionError
		ie  *salesrec.InputError
		mbe *http.MaxBytesError
		dup *salesrec.DuplicateCustomerError
	)
	switch {
	case errors.As(err, &req):
		var fields map[string]string
		if req.fields != nil {
			fields = (&salesrec.ValidationError{Fields: req.fields}).Messages(lang)
		}
		return req.status, errorBody{Error: req.msg.Text(lang), Fields: fields}
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, errorBody{Error: msgTooLarge.Text(lang)}
	case errors.As(err, &ve):
		return http.StatusUnprocessableEntity, errorBody{Error: msgInvalidInput.Text(lang), Fields: ve.Messages(lang)}
	case errors.As(err, &te):
		return http.StatusConflict, errorBody{Error: te.Text(lang)}
	case errors.As(err, &ie):
		// A value a parser refused (a date, an amount, an enum in the body).
		return http.StatusUnprocessableEntity, errorBody{Error: msgInvalidInput.Text(lang) + sep(lang) + ie.Text(lang)}
	case errors.As(err, &dup):
		return http.StatusConflict, errorBody{Error: dup.Message().Text(lang), CustomerID: dup.ID}
	case errors.Is(err, salesrec.ErrInvalidTransition):
		return http.StatusConflict, errorBody{Error: msgTransition.Text(lang)}
	case errors.Is(err, salesrec.ErrConflict):
		return http.StatusConflict, errorBody{Error: msgConflict.Text(lang)}
	case errors.Is(err, salesrec.ErrNotFound):
		return http.StatusNotFound, errorBody{Error: msgNotFound.Text(lang)}
	case errors.Is(err, salesrec.ErrDeactivated):
		return http.StatusForbidden, errorBody{Error: msgDeactivated.Text(lang)}
	case errors.Is(err, salesrec.ErrForbidden):
		return http.StatusForbidden, errorBody{Error: msgForbidden.Text(lang)}
	case errors.Is(err, salesrec.ErrInvalid):
		// A plain ErrInvalid from elsewhere (storage, kb) names its problem
		// in its text, which is written in English; the Chinese answer puts
		// it after 填写有误. Its text is scrubbed below.
		if lang == salesrec.EN {
			return http.StatusUnprocessableEntity, errorBody{Error: err.Error()}
		}
		return http.StatusUnprocessableEntity, errorBody{Error: msgInvalidInput.Zh + ":" + err.Error()}
	default:
		return http.StatusInternalServerError, errorBody{Error: msgInternal.Text(lang)}
	}
}

// sep joins a heading and its detail the way each language writes it.
func sep(lang salesrec.Lang) string {
	if lang == salesrec.EN {
		return ": "
	}
	return ":"
}

// writeError answers err. Server-side failures are logged with their
// details; the client gets a generic message.
func (h *handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code, body := status(err, langOf(r))
	if code == http.StatusInternalServerError {
		if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
			// The client went away; there is nobody to answer.
			return
		}
		h.log.ErrorContext(r.Context(), "dealtrailhttp: request failed",
			"method", r.Method, "path", r.URL.Path, "err", err)
	}
	var req *requestError
	if errors.As(err, &req) && req.etag != "" {
		w.Header().Set("ETag", req.etag)
	}
	var se *secretError
	if errors.As(err, &se) {
		body.Error = scrub(body.Error, se.secrets)
		fields := make(map[string]string, len(body.Fields))
		for k, v := range body.Fields {
			// A field's path can hold a name the client sent as a key.
			fields[scrub(k, se.secrets)] = scrub(v, se.secrets)
		}
		if body.Fields != nil {
			body.Fields = fields
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
