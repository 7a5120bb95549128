package dealtrailhttp

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
)

// decode reads exactly one JSON value from the request body into dst.
// Unknown fields, trailing data, and a body over the limit set in route are
// refused, and so is a string that is not text as sent (see checkText): a
// 422 naming its field, before anything is decoded. Errors that salesrec
// raised while decoding (an unknown enum value) pass through as they are;
// every other decoding problem becomes a 400 whose message names no value
// from the body.
func decode(r *http.Request, dst any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return decodeError(err)
	}
	if err := checkText(body); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	// Exactly one value: anything but the end of the body after it is an error.
	var extra json.RawMessage
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
		return nil
	case err == nil:
		return badRequest(msgTrailingData)
	default:
		return decodeError(err)
	}
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
		return badRequest(msgEmptyBody)
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest(msgBadJSON)
	case errors.As(err, &typ):
		if typ.Field != "" {
			return &requestError{
				status: http.StatusBadRequest,
				msg:    msgWrongType,
				fields: map[string]salesrec.Message{typ.Field: jsonKind(typ.Type)},
			}
		}
		return badRequest(msgWrongType)
	case errors.Is(err, salesrec.ErrInvalid):
		return err
	default:
		// Unknown fields and values a type refused to unmarshal (a date that
		// is not YYYY-MM-DD). encoding/json has no typed error for the former
		// and its text may quote the input, so say it in general terms.
		return badRequest(msgBadShape)
	}
}

// versionOf returns the version a write is based on: the If-Match header
// when present (an ETag such as "3", quoted or not, weak or not), otherwise
// the version in the body. When both are present they must agree. No
// version at all answers 428, so a client cannot overwrite blindly.
func versionOf(r *http.Request, body int64) (int64, error) {
	raw := strings.TrimSpace(r.Header.Get("If-Match"))
	if raw == "" {
		if body <= 0 {
			return 0, &requestError{
				status: http.StatusPreconditionRequired,
				msg:    msgNeedVersion,
			}
		}
		return body, nil
	}
	tag := strings.Trim(strings.TrimPrefix(raw, "W/"), `"`)
	v, err := strconv.ParseInt(tag, 10, 64)
	if err != nil || v <= 0 {
		return 0, &requestError{status: http.StatusBadRequest, msg: msgBadIfMatch}
	}
	if body != 0 && body != v {
		return 0, badRequest(msgVersionMismatch)
	}
	return v, nil
}

// etag formats a version as the ETag reads return and If-Match accepts.
func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

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
