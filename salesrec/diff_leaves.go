package salesrec

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// leavesOf encodes v (json.Marshal) and flattens the document into leaves
// sorted by path: object
// keys in byte order, array items in index order, which is exactly
// pathLess order. It walks the bytes json.Marshal wrote instead of decoding
// them into maps: history computes the leaves of every engagement written,
// and the decoding was most of that cost.
func leavesOf(v any) (doc []byte, leaves []leaf, err error) {
	doc, err = json.Marshal(v)
	if err != nil {
		return nil, nil, fmt.Errorf("salesrec: encoding %T: %w", v, err)
	}
	f := newFlattener(doc)
	if _, err := f.value(0); err != nil {
		return nil, nil, fmt.Errorf("salesrec: flattening %T: %w", v, err)
	}
	return doc, f.leaves, nil
}

// member is one key of an object and where its value starts in the raw
// document.
type member struct {
	key   string
	start int
}

// flattener walks a json.Marshal document (valid JSON without
// insignificant space) and collects its leaves, or, when entry is not nil,
// writes them to entry as the changes of a create entry (each from null,
// as MarshalChanges writes them). path is the JSON path of the value being
// walked, written in place; members is a stack of the keys of the objects
// being walked.
type flattener struct {
	raw     string
	path    []byte
	members []member
	leaves  []leaf
	entry   []byte
}

// newFlattener reads one string copy of doc: the leaves' values and the
// object keys are slices of it, so only the paths are allocated.
func newFlattener(doc []byte) *flattener {
	return &flattener{raw: string(doc), path: make([]byte, 0, 64)}
}

func (f *flattener) leaf(value string) {
	if f.entry == nil {
		f.leaves = append(f.leaves, leaf{string(f.path), value})
		return
	}
	if len(f.entry) > 1 {
		f.entry = append(f.entry, ',')
	}
	f.entry = append(f.entry, `{"field":`...)
	if plainPath(f.path) {
		f.entry = append(append(append(f.entry, '"'), f.path...), '"')
	} else {
		f.entry = appendQuoted(f.entry, string(f.path), true)
	}
	f.entry = append(f.entry, `,"before":"null","after":`...)
	f.entry = appendQuoted(f.entry, value, true)
	f.entry = append(f.entry, '}')
}

// plainPath reports whether appendQuoted would write p as it is, between
// quotes: the keys of a struct's JSON are its field names.
func plainPath(p []byte) bool {
	for _, c := range p {
		if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// value appends the leaves of the JSON value that starts at raw[i] and
// returns the index just after it.
func (f *flattener) value(i int) (int, error) {
	raw := f.raw
	if i >= len(raw) {
		return 0, fmt.Errorf("unexpected end at %d", i)
	}
	switch c := raw[i]; {
	case c == '{':
		return f.object(i + 1)
	case c == '[':
		i++
		if raw[i] == ']' {
			f.leaf("[]")
			return i + 1, nil
		}
		mark := len(f.path)
		for n := 0; ; n++ {
			f.path = append(f.path[:mark], '[')
			f.path = strconv.AppendInt(f.path, int64(n), 10)
			f.path = append(f.path, ']')
			end, err := f.value(i)
			if err != nil {
				return 0, err
			}
			switch raw[end] {
			case ',':
				i = end + 1
			case ']':
				f.path = f.path[:mark]
				return end + 1, nil
			default:
				return 0, fmt.Errorf("want ',' or ']' at %d", end)
			}
		}
	case c == '"':
		end, err := stringEnd(raw, i)
		if err != nil {
			return 0, err
		}
		s := raw[i:end]
		if strings.IndexByte(s, '\\') < 0 {
			// json.Marshal escapes quotes, backslashes, control characters,
			// U+2028 and U+2029 (and <, >, &): without a backslash the bytes
			// are what quoteJSON writes for the string.
			f.leaf(s)
			return end, nil
		}
		v, err := unquote(s)
		if err != nil {
			return 0, err
		}
		enc, err := encodeLeaf(v)
		if err != nil {
			return 0, err
		}
		f.leaf(enc)
		return end, nil
	case c == 'n':
		return i + len("null"), nil
	default: // a number, true or false: written as they are
		end, err := valueEnd(raw, i)
		if err != nil {
			return 0, err
		}
		f.leaf(raw[i:end])
		return end, nil
	}
}

// object walks the members of the object whose first member starts at
// raw[i], in key order, and returns the index just after the object.
func (f *flattener) object(i int) (int, error) {
	raw := f.raw
	first := len(f.members)
	for raw[i] != '}' {
		end, err := stringEnd(raw, i)
		if err != nil {
			return 0, err
		}
		key, err := unquote(raw[i:end])
		if err != nil {
			return 0, err
		}
		if raw[end] != ':' {
			return 0, fmt.Errorf("want ':' at %d", end)
		}
		f.members = append(f.members, member{key, end + 1})
		if i, err = valueEnd(raw, end+1); err != nil {
			return 0, err
		}
		if raw[i] == ',' {
			i++
		}
	}
	last := len(f.members)
	if last == first {
		f.leaf("{}") // nothing was pushed
		return i + 1, nil
	}
	slices.SortFunc(f.members[first:last], func(a, b member) int { return strings.Compare(a.key, b.key) })
	mark := len(f.path)
	for j := first; j < last; j++ {
		m := f.members[j] // read afresh: the walk below may grow the stack
		f.path = f.path[:mark]
		if mark > 0 {
			f.path = append(f.path, '.')
		}
		f.path = append(f.path, m.key...)
		if _, err := f.value(m.start); err != nil {
			return 0, err
		}
	}
	f.path, f.members = f.path[:mark], f.members[:first]
	return i + 1, nil
}

// unquote decodes a JSON string literal; one without escapes is its bytes.
func unquote(s string) (string, error) {
	if strings.IndexByte(s, '\\') < 0 {
		return s[1 : len(s)-1], nil
	}
	var v string
	err := json.Unmarshal([]byte(s), &v)
	return v, err
}

// stringEnd returns the index just after the string literal at raw[i].
func stringEnd(raw string, i int) (int, error) {
	if raw[i] != '"' {
		return 0, fmt.Errorf("want a string at %d", i)
	}
	for j := i + 1; j < len(raw); j++ {
		switch raw[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return 0, fmt.Errorf("unterminated string at %d", i)
}

// valueEnd returns the index just after the JSON value at raw[i].
func valueEnd(raw string, i int) (int, error) {
	depth := 0
	for j := i; j < len(raw); j++ {
		switch raw[j] {
		case '"':
			end, err := stringEnd(raw, j)
			if err != nil {
				return 0, err
			}
			if depth == 0 {
				return end, nil
			}
			j = end - 1
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return j, nil // the end of a scalar inside a container
			}
			depth--
			if depth == 0 {
				return j + 1, nil
			}
		case ',', ':':
			if depth == 0 {
				return j, nil
			}
		}
	}
	if depth == 0 {
		return len(raw), nil
	}
	return 0, fmt.Errorf("unterminated value at %d", i)
}
