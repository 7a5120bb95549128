package dealtrailhttp

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Versions. A read of an engagement answers its version as the ETag ("3"
// for version 3). A write to it says which version it was based on, as an
// If-Match header holding that ETag or as "version" in the body; none at
// all answers 428. A stale one answers 412 Precondition Failed when it came
// in If-Match and 409 Conflict when it came in the body, both with the
// current ETag, so the client can read again and retry.

// basis is the version a write is based on, and whether it came from If-Match.
type basis struct {
	version int64
	ifMatch bool
}

// versionOf returns the version a write is based on: the If-Match header
// when present (an ETag such as "3", quoted or not, weak or not), otherwise
// the version in the body. When both are present they must agree. No
// version at all answers 428, so a client cannot overwrite blindly.
func versionOf(r *http.Request, body int64) (basis, error) {
	raw := strings.TrimSpace(r.Header.Get("If-Match"))
	if raw == "" {
		if body <= 0 {
			return basis{}, &requestError{status: http.StatusPreconditionRequired, msg: msgNeedVersion}
		}
		return basis{version: body}, nil
	}
	tag := strings.Trim(strings.TrimPrefix(raw, "W/"), `"`)
	v, err := strconv.ParseInt(tag, 10, 64)
	if err != nil || v <= 0 {
		return basis{}, badRequest("If-Match", msgBadIfMatch)
	}
	if body != 0 && body != v {
		return basis{}, badRequest("version", msgVersionMismatch)
	}
	return basis{version: v, ifMatch: true}, nil
}

// etag formats a version as the ETag reads return and If-Match accepts.
func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// stale turns a write's ErrConflict into 412 (If-Match) or 409 (body)
// with the current ETag when the record, whose version current reads, is
// no longer at the version the write was based on. Any other error, and a
// conflict of another kind (a unique value taken), is returned as it is.
func (c *call) stale(err error, b basis, current func() (int64, error)) error {
	if !errors.Is(err, salesrec.ErrConflict) {
		return err
	}
	version, rerr := current()
	if rerr != nil || version == b.version {
		return err
	}
	code := http.StatusConflict
	if b.ifMatch {
		code = http.StatusPreconditionFailed
	}
	return &requestError{status: code, msg: msgStale, etag: etag(version)}
}
