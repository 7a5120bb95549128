package dealtrailhttp

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"

	"github.com/dealtrail/dealtrail/salesrec"
)

// decode reads exactly one JSON value from the request body into dst.
// Trailing data and a body over the limit set in route are refused, and so
// is a string that is not text as sent (see checkText): a 422 naming its
// field, before anything is decoded. Then the body is walked alongside
// dst's type (see shaper): unknown fields and values of the wrong JSON type
// answer 400, values salesrec cannot read (a date, an enum, an instant, an
// amount) 422, each named by its JSON path in fields. Values the template
// writes its own way ("2024-03-06 下午03:00", "¥80,000") are read into their
// canonical JSON first. When the body is refused, dst still receives the
// fields that could be read, so a caller can scrub their confidential
// values from the answer.
func (c *call) decode(dst any) error {
	body, err := io.ReadAll(c.r.Body)
	if err != nil {
		return decodeError(err)
	}
	if err := checkText(body); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return decodeError(err)
	}
	// Exactly one value: anything but the end of the body after it is an error.
	var extra json.RawMessage
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err == nil:
		return badRequest(bodyField, msgTrailingData)
	default:
		return decodeError(err)
	}

	s := shaper{loc: c.location, bad: map[string]salesrec.Message{}, unreadable: map[string]salesrec.Message{}}
	canonical, err := json.Marshal(s.walk(tree, reflect.TypeOf(dst).Elem(), ""))
	if err != nil {
		return err
	}
	strict := json.NewDecoder(bytes.NewReader(canonical))
	strict.DisallowUnknownFields()
	err = strict.Decode(dst)
	switch {
	case s.err != nil:
		return s.err
	case len(s.bad) > 0:
		return &requestError{status: http.StatusBadRequest, msg: msgBadShape, fields: s.bad}
	case len(s.unreadable) > 0:
		return &requestError{status: http.StatusUnprocessableEntity, msg: msgInvalidInput, fields: s.unreadable}
	case err != nil:
		return decodeError(err)
	}
	return nil
}

func decodeError(err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &mbe):
		return err
	case errors.Is(err, io.EOF):
		return badRequest(bodyField, msgEmptyBody)
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest(bodyField, msgBadJSON)
	case errors.As(err, &typ):
		if typ.Field != "" {
			return &requestError{
				status: http.StatusBadRequest,
				msg:    msgWrongType,
				fields: map[string]salesrec.Message{typ.Field: jsonKind(typ.Type)},
			}
		}
		return badRequest(bodyField, msgWrongType)
	case errors.Is(err, salesrec.ErrInvalid):
		return err
	default:
		// The walk names every unknown field and unreadable value before
		// this decoding; anything left is said in general terms, since
		// encoding/json's text may quote the input.
		return badRequest(bodyField, msgBadShape)
	}
}

// jsonKind names the JSON type a Go type decodes from, for error messages.
func jsonKind(t reflect.Type) salesrec.Message {
	if t == nil {
		return msgMustBeOther
	}
	switch t.Kind() {
	case reflect.String:
		return msgMustBeString
	case reflect.Bool:
		return msgBoolParam
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return msgMustBeNumber
	case reflect.Slice, reflect.Array:
		return msgMustBeArray
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return msgMustBeObject
	default:
		return msgMustBeOther
	}
}
