package dealtrailhttp

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
)

// encoding/json turns two kinds of input into U+FFFD (�) without a word:
// raw bytes that are not UTF-8, and a \u escape of half a UTF-16 surrogate
// pair ("\ud800", "\udc00", a high surrogate followed by anything but a low
// one). Stored as decoded, the user's text would be changed silently, so
// checkText refuses both before the body is decoded, naming the string by
// its JSON path. A U+FFFD the client sent itself, raw or as \ufffd, is text
// like any other and passes.

// What a client reads about a string that is not text.
var (
	msgNotUTF8 = salesrec.Message{
		Zh: "含有无法识别的字节(不是有效的 UTF-8 文本),请重新输入或重新粘贴",
		En: "contains bytes that are not valid text (UTF-8); re-type or re-paste it",
	}
	msgLoneSurrogate = salesrec.Message{
		Zh: "含有不成对的 Unicode 代理转义(如 \\ud800),不是完整的字符,请重新输入或重新粘贴",
		En: "contains an escape of half a character (a lone UTF-16 surrogate such as \\ud800); re-type or re-paste it",
	}
	msgKeyNotText = salesrec.Message{
		Zh: "有一个字段名不是有效的文本(无法识别的字节或不成对的代理转义)",
		En: "has a field name that is not valid text (bytes that are not UTF-8, or a lone surrogate escape)",
	}
)

// bodyField names the body itself when a field name at its top level, or a
// body that is one bare string, is not text: there is no path above it.
const bodyField = "body"

// checkText returns a 422 naming the first string of body (a value or a
// key, at any depth) that is not text as sent, or nil. A body that is not
// valid JSON is left for decode to report.
func checkText(body []byte) error {
	if utf8.Valid(body) && !mayHoldSurrogateEscape(body) {
		return nil // the common case: nothing to look at string by string
	}
	field, msg := findBadString(body)
	if field == "" {
		return nil
	}
	return &requestError{
		status: http.StatusUnprocessableEntity,
		msg:    msgInvalidInput,
		fields: map[string]salesrec.Message{field: msg},
	}
}

// mayHoldSurrogateEscape reports whether body has a \u escape starting with
// d or D, the only escapes that can name a surrogate. It may say yes for
// text that merely looks like one (an escaped backslash before "ud800");
// findBadString then reads the strings exactly.
func mayHoldSurrogateEscape(body []byte) bool {
	for i := bytes.Index(body, []byte(`\u`)); i >= 0; {
		if i+2 < len(body) && (body[i+2] == 'd' || body[i+2] == 'D') {
			return true
		}
		next := bytes.Index(body[i+2:], []byte(`\u`))
		if next < 0 {
			break
		}
		i += 2 + next
	}
	return false
}

// pathFrame is one open object or array while walking a body.
type pathFrame struct {
	object  bool
	wantKey bool   // object: the next string is a key
	key     string // object: the key of the current value
	index   int    // array: the index of the current value
}

// findBadString walks body token by token, keeping the JSON path of the
// current value, and checks each string literal as it appears in body. It
// returns the path and the problem of the first bad string, or "" when
// every string is text (or body is not valid JSON).
func findBadString(body []byte) (string, salesrec.Message) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // numbers are only skipped; never parse them
	var stack []pathFrame
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return "", salesrec.Message{}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				stack = append(stack, pathFrame{object: t == '{', wantKey: t == '{'})
			default:
				stack = stack[:len(stack)-1]
				nextValue(stack)
			}
		case string:
			// The literal lies between the offsets: any white space, comma
			// or colon before it holds no quote, so it starts at the first.
			raw := body[start:dec.InputOffset()]
			lit := raw[bytes.IndexByte(raw, '"'):]
			isKey := len(stack) > 0 && stack[len(stack)-1].wantKey
			if msg, bad := literalProblem(lit); bad {
				if isKey {
					return keyOwner(stack), msgKeyNotText
				}
				if path := jsonPath(stack); path != "" {
					return path, msg
				}
				return bodyField, msg // the body is a bare string
			}
			if isKey {
				stack[len(stack)-1].key = t
				stack[len(stack)-1].wantKey = false
			} else {
				nextValue(stack)
			}
		default:
			nextValue(stack)
		}
	}
}

// nextValue moves the innermost container past the value just read.
func nextValue(stack []pathFrame) {
	if len(stack) == 0 {
		return
	}
	top := &stack[len(stack)-1]
	if top.object {
		top.wantKey = true
	} else {
		top.index++
	}
}

// jsonPath is the path of the current value, in the form validation errors
// use: "interactions[0].points[1].text".
func jsonPath(stack []pathFrame) string {
	var b []byte
	for _, f := range stack {
		if f.object {
			if len(b) > 0 {
				b = append(b, '.')
			}
			b = append(b, f.key...)
		} else {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(f.index), 10)
			b = append(b, ']')
		}
	}
	return string(b)
}

// keyOwner is the path of the object whose key is being read.
func keyOwner(stack []pathFrame) string {
	if len(stack) <= 1 {
		return bodyField
	}
	return jsonPath(stack[:len(stack)-1])
}

// literalProblem reads one JSON string literal (quotes included, syntax
// already checked by the decoder) and reports whether it holds raw bytes
// that are not UTF-8 or an escape of a lone surrogate.
func literalProblem(lit []byte) (salesrec.Message, bool) {
	s := lit[1 : len(lit)-1]
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && s[i+1] == 'u':
			r := hex4(s[i+2 : i+6])
			i += 6
			switch {
			case r >= 0xD800 && r <= 0xDBFF:
				if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
					if lo := hex4(s[i+2 : i+6]); lo >= 0xDC00 && lo <= 0xDFFF {
						i += 6
						continue
					}
				}
				return msgLoneSurrogate, true
			case r >= 0xDC00 && r <= 0xDFFF:
				return msgLoneSurrogate, true
			}
		case c == '\\':
			i += 2
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				return msgNotUTF8, true
			}
			i += size
		}
	}
	return salesrec.Message{}, false
}

// hex4 reads four hexadecimal digits (the decoder has checked them).
func hex4(h []byte) rune {
	var r rune
	for _, c := range h {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}
