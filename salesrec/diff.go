package salesrec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// History records changes leaf by leaf. An engagement is seen as its JSON
// document flattened to leaves: every scalar (string, number, bool) and
// every empty object or array, keyed by its JSON path
// ("actions[1].status", "interactions[0].points[2].handling"). A null value
// and an absent key are the same thing: no leaf. Diff compares two such
// leaf sets; Replay rebuilds a document from one. Two engagements with the
// same leaves are equal as JSON.

// Diff returns the field-level changes from before to after: one
// FieldChange per leaf that differs, with the JSON encodings of the old and
// new value ("null" for a leaf that is absent on that side), e.g.
// {Field: "actions[1].status", Before: `"pending"`, After: `"done"`}.
// Changes are sorted by path, indexes in numeric order. Equal engagements
// give no changes.
func Diff(before, after Engagement) ([]FieldChange, error) { return diffDocs(before, after) }

// diffDocs is Diff for any two values of one JSON-encodable type: an
// engagement, a customer, a team or a member.
func diffDocs(before, after any) ([]FieldChange, error) {
	_, b, err := leavesOf(before)
	if err != nil {
		return nil, err
	}
	_, a, err := leavesOf(after)
	if err != nil {
		return nil, err
	}
	return diffLeaves(b, a), nil
}

// CreateChanges returns the changes of a create entry: every leaf of e,
// each from "null". Replay starts from such an entry.
func CreateChanges(e Engagement) ([]FieldChange, error) { return createChanges(e) }

// createChanges is CreateChanges for any JSON-encodable value.
func createChanges(v any) ([]FieldChange, error) {
	_, changes, err := marshalWithCreateChanges(v)
	return changes, err
}

// MarshalWithCreateEntry returns json.Marshal(e) and the create entry's
// changes as MarshalChanges(CreateChanges(e)) writes them, encoding e once
// and writing the changes straight from the document's leaves: a store
// keeps both for every new engagement.
func MarshalWithCreateEntry(e Engagement) (doc, changes []byte, err error) {
	return marshalWithCreateEntry(e)
}

// marshalWithCreateEntry is MarshalWithCreateEntry for any JSON-encodable
// value.
func marshalWithCreateEntry(v any) (doc, changes []byte, err error) {
	doc, err = json.Marshal(v)
	if err != nil {
		return nil, nil, fmt.Errorf("salesrec: encoding %T: %w", v, err)
	}
	f := newFlattener(doc)
	f.entry = make([]byte, 0, 3*len(doc)) // an engagement's create entry is 2.5x its document
	f.entry = append(f.entry, '[')
	if _, err := f.value(0); err != nil {
		return nil, nil, fmt.Errorf("salesrec: flattening %T: %w", v, err)
	}
	return doc, append(f.entry, ']'), nil
}

func marshalWithCreateChanges(v any) ([]byte, []FieldChange, error) {
	doc, a, err := leavesOf(v)
	if err != nil {
		return nil, nil, err
	}
	out := make([]FieldChange, len(a))
	for i, l := range a {
		out[i] = FieldChange{Field: l.path, Before: "null", After: l.value}
	}
	return doc, out, nil
}

// leaf is one flattened value: its JSON path and JSON encoding.
type leaf struct {
	path, value string
}

// diffLeaves merges two leaf lists sorted by path (see flattenJSON) into
// the changes between them, still sorted by path.
func diffLeaves(before, after []leaf) []FieldChange {
	var out []FieldChange
	i, j := 0, 0
	for i < len(before) || j < len(after) {
		switch {
		case j == len(after) || (i < len(before) && before[i].path != after[j].path && pathLess(before[i].path, after[j].path)):
			out = append(out, FieldChange{Field: before[i].path, Before: before[i].value, After: "null"})
			i++
		case i == len(before) || before[i].path != after[j].path:
			out = append(out, FieldChange{Field: after[j].path, Before: "null", After: after[j].value})
			j++
		default:
			if before[i].value != after[j].value {
				out = append(out, FieldChange{Field: after[j].path, Before: before[i].value, After: after[j].value})
			}
			i++
			j++
		}
	}
	return out
}

// encodeLeaf writes a scalar as JSON without HTML escaping. Numbers, booleans
// and valid UTF-8 strings (all that validated engagements hold) are written
// directly; anything else goes through encoding/json.
func encodeLeaf(v any) (string, error) {
	switch x := v.(type) {
	case json.Number:
		return string(x), nil
	case bool:
		return strconv.FormatBool(x), nil
	case string:
		if utf8.ValidString(x) {
			return quoteJSON(x), nil
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("salesrec: encoding value: %w", err)
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// pathLess orders JSON paths segment by segment, indexes numerically, so
// that "actions[2]" comes before "actions[10]".
func pathLess(a, b string) bool { return segmentsLess(splitPath(a), splitPath(b)) }

func segmentsLess(sa, sb []segment) bool {
	for i := 0; i < len(sa) && i < len(sb); i++ {
		if sa[i] == sb[i] {
			continue
		}
		if sa[i].isIndex && sb[i].isIndex && sa[i].n >= 0 && sb[i].n >= 0 {
			return sa[i].n < sb[i].n
		}
		if sa[i].isIndex != sb[i].isIndex {
			return sb[i].isIndex
		}
		return sa[i].key < sb[i].key
	}
	return len(sa) < len(sb)
}

// segment is one step of a JSON path: a key or an index.
type segment struct {
	key     string
	index   string
	isIndex bool
	// n is index as a number, -1 when it is not one.
	n int
}

// splitPath splits "a.b[2].c" into a, b, [2], c. It never fails; a
// malformed path just yields odd segments (parsePath checks strictly).
func splitPath(p string) []segment {
	var out []segment
	for _, part := range strings.Split(p, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key != "" || rest == "" {
			out = append(out, segment{key: key, n: -1})
		}
		for rest != "" {
			idx, after, _ := strings.Cut(rest, "]")
			n, err := strconv.Atoi(idx)
			if err != nil {
				n = -1
			}
			out = append(out, segment{index: idx, isIndex: true, n: n})
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return out
}

// quoteJSON quotes a valid UTF-8 string as JSON does with HTML escaping off:
// quote, backslash and control characters escaped, U+2028 and U+2029 as
// \u escapes, everything else as is.
func quoteJSON(s string) string {
	return string(appendQuoted(make([]byte, 0, len(s)+2), s, false))
}

const hexDigits = "0123456789abcdef"

// appendQuoted appends s as a JSON string, byte for byte as encoding/json
// writes it: quote, backslash and control characters escaped (\n, \r, \t,
// \b, \f, else \u00XX), invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u
// escapes and, when html is set (json.Marshal's default), <, > and & too.
func appendQuoted(b []byte, s string, html bool) []byte {
	b = append(b, '"')
	start := 0 // s[start:i] is still to copy
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && !(html && (c == '<' || c == '>' || c == '&')) {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
