package lessonpage

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// idPlaceholder is where a record URL template takes the engagement id.
const idPlaceholder = "{id}"

// ErrRecordURL is wrapped by New's refusal of an Options.RecordURL that
// could lead anywhere but an http(s) page of the host.
var ErrRecordURL = errors.New("lessonpage: RecordURL must be a path starting with / or an http(s) URL, holding {id} after its scheme and host")

// recordURL is a checked record URL template.
type recordURL struct {
	before, after string
}

// parseRecordURL checks a template such as "/crm/engagements/{id}" or
// "https://crm.example.com/deals?id={id}". The part before {id} must fix
// the scheme (http or https) and host, or be a path from the root: then no
// id, whatever it holds, can turn the link into a javascript: or data: URL
// or point it at another host.
func parseRecordURL(tmpl string) (recordURL, error) {
	before, after, ok := strings.Cut(tmpl, idPlaceholder)
	if !ok || strings.Contains(after, idPlaceholder) {
		return recordURL{}, fmt.Errorf("%w: %q has no single {id}", ErrRecordURL, tmpl)
	}
	if strings.ContainsAny(tmpl, "\x00\t\r\n\\ ") {
		return recordURL{}, fmt.Errorf("%w: %q holds a space, a backslash or a control character", ErrRecordURL, tmpl)
	}
	u, err := url.Parse(strings.Replace(tmpl, idPlaceholder, "id", 1))
	if err != nil {
		return recordURL{}, fmt.Errorf("%w: %v", ErrRecordURL, err)
	}
	switch {
	case u.Scheme == "" && strings.HasPrefix(before, "/") && !strings.HasPrefix(before, "//"):
		// A path on the host's own site.
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && strings.Count(before, "/") >= 3:
		// An absolute URL whose scheme, host and the / after it come before {id}.
	default:
		return recordURL{}, fmt.Errorf("%w: %q", ErrRecordURL, tmpl)
	}
	return recordURL{before: before, after: after}, nil
}

// link returns the record page of engagement id. Every byte of the id
// other than an ASCII letter, digit, '-', '.', '_' or '~' is written as
// %XX, so an id cannot add a path segment, a query parameter or a
// fragment, wherever {id} sits.
func (t recordURL) link(id string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(t.before) + len(id)*3 + len(t.after))
	b.WriteString(t.before)
	for i := 0; i < len(id); i++ {
		c := id[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	b.WriteString(t.after)
	return b.String()
}
