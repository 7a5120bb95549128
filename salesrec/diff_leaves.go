package salesrec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
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
	if _, err := flattenRaw("", doc, 0, &leaves); err != nil {
		return nil, nil, fmt.Errorf("salesrec: flattening %T: %w", v, err)
	}
	return doc, leaves, nil
}

// member is one key of an object and where its value starts in the raw
// document.
type member struct {
	key   string
	start int
}

// flattenRaw appends the leaves of the JSON value that starts at raw[i] and
// returns the index just after it. raw is json.Marshal output: valid JSON
// without insignificant space.
func flattenRaw(path string, raw []byte, i int, out *[]leaf) (int, error) {
	if i >= len(raw) {
		return 0, fmt.Errorf("unexpected end at %d", i)
	}
	switch c := raw[i]; {
	case c == '{':
		var members []member
		i++
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
			members = append(members, member{key, end + 1})
			if i, err = valueEnd(raw, end+1); err != nil {
				return 0, err
			}
			if raw[i] == ',' {
				i++
			}
		}
		if len(members) == 0 {
			*out = append(*out, leaf{path, "{}"})
			return i + 1, nil
		}
		sort.Slice(members, func(a, b int) bool { return members[a].key < members[b].key })
		for _, m := range members {
			if _, err := flattenRaw(FieldPath(path, m.key), raw, m.start, out); err != nil {
				return 0, err
			}
		}
		return i + 1, nil
	case c == '[':
		i++
		if raw[i] == ']' {
			*out = append(*out, leaf{path, "[]"})
			return i + 1, nil
		}
		for n := 0; ; n++ {
			end, err := flattenRaw(path+"["+strconv.Itoa(n)+"]", raw, i, out)
			if err != nil {
				return 0, err
			}
			switch raw[end] {
			case ',':
				i = end + 1
			case ']':
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
		if bytes.IndexByte(s, '\\') < 0 {
			// json.Marshal escapes quotes, backslashes, control characters,
			// U+2028 and U+2029 (and <, >, &): without a backslash the bytes
			// are what quoteJSON writes for the string.
			*out = append(*out, leaf{path, string(s)})
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
		*out = append(*out, leaf{path, enc})
		return end, nil
	case c == 'n':
		return i + len("null"), nil
	default: // a number, true or false: written as they are
		end, err := valueEnd(raw, i)
		if err != nil {
			return 0, err
		}
		*out = append(*out, leaf{path, string(raw[i:end])})
		return end, nil
	}
}

// unquote decodes a JSON string literal; one without escapes is its bytes.
func unquote(s []byte) (string, error) {
	if bytes.IndexByte(s, '\\') < 0 {
		return string(s[1 : len(s)-1]), nil
	}
	var v string
	err := json.Unmarshal(s, &v)
	return v, err
}

// stringEnd returns the index just after the string literal at raw[i].
func stringEnd(raw []byte, i int) (int, error) {
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
func valueEnd(raw []byte, i int) (int, error) {
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
