package workbook

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A register's rows are encoded here, as the XML excelize's StreamWriter
// writes for a row of text cells (inline strings), without building the
// StreamWriter's per-cell values: the export spent more time in SetRow
// than in anything else. The bytes are the StreamWriter's, also for text a
// hostile sheet may hold (control characters, broken UTF-8, _xHHHH_
// escapes, cells over Excel's limit); TestRowXMLIsTheStreamWriters holds
// that.

// appendRowXML appends row r (1-based) of cells, each in style (0: none).
func appendRowXML(b []byte, r int, cells []string, style int) []byte {
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, `">`...)
	for i, c := range cells {
		b = appendCellXML(b, i+1, r, c, style)
	}
	return append(b, `</row>`...)
}

// appendCellXML appends a text cell at column col and row r.
func appendCellXML(b []byte, col, r int, s string, style int) []byte {
	b = append(b, `<c r="`...)
	b = appendColumnName(b, col)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, '"')
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	b = append(b, ` t="inlineStr"><is><t`...)
	if len(s) > excelize.TotalCellChars {
		s = cutUTF16(s, excelize.TotalCellChars)
	}
	if s != "" && (isXMLBlank(s[0]) || isXMLBlank(s[len(s)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	if strings.Contains(s, "_x") {
		b = append(b, escapeBstr(string(appendEscaped(nil, s)))...)
	} else {
		b = appendEscaped(b, s)
	}
	return append(b, `</t></is></c>`...)
}

// isXMLBlank reports whether c makes a cell keep its spaces (xml:space).
func isXMLBlank(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

// appendColumnName appends the letters of column col (1: A, 27: AA).
func appendColumnName(b []byte, col int) []byte {
	var letters [4]byte
	i := len(letters)
	for col > 0 {
		col--
		i--
		letters[i] = byte('A' + col%26)
		col /= 26
	}
	return append(b, letters[i:]...)
}

// cutUTF16 keeps the longest start of s that Excel counts as at most n
// characters (UTF-16 code units).
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		if units += utf16.RuneLen(r); units > n {
			return s[:i]
		}
	}
	return s
}

// appendEscaped appends s as XML character data: the markup characters,
// quotes, tab and carriage return as character references, a newline as
// it is, and what XML cannot hold (control characters, broken UTF-8) as
// U+FFFD.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		esc, width := "", 1
		if c := s[i]; c < utf8.RuneSelf {
			esc = asciiEscapes[c]
		} else {
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			if !xmlChar(r) || r == utf8.RuneError && width == 1 {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			b = append(append(b, s[last:i]...), esc...)
			last = i + width
		}
		i += width
	}
	return append(b, s[last:]...)
}

// asciiEscapes is what an ASCII character is written as, where it is not
// written as itself.
var asciiEscapes = func() (t [utf8.RuneSelf]string) {
	for c := range t[:0x20] {
		t[c] = "\uFFFD"
	}
	t['\n'] = ""
	t['\t'], t['\r'] = "&#x9;", "&#xD;"
	t['"'], t['\''], t['&'], t['<'], t['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	return t
}()

// xmlChar reports whether XML 1.0 allows r in text.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// bstrPattern is an escaped character in an Office string: _x0041_ is A.
var bstrPattern = regexp.MustCompile(`_x[a-fA-F0-9]{4}_`)

// escapeBstr keeps text that looks like an Office escape (_x0041_) from
// being read as one, the way excelize does: such a sequence gets the
// escape of its underscore (_x005F) in front, an escaped underscore
// itself is doubled, and a sequence naming a surrogate, which is no
// character, is left out.
func escapeBstr(s string) string {
	var out strings.Builder
	last := 0
	for _, m := range bstrPattern.FindAllStringIndex(s, -1) {
		out.WriteString(s[last:m[0]])
		last = m[1]
		seq := s[m[0]:m[1]]
		if seq == "_x005F_" {
			if next := s[m[1]:min(m[1]+6, len(s))]; len(next) == 6 && next[0] == 'x' && next[5] == '_' && validHex(next[1:5]) {
				out.WriteString("_x005F_x005F_x005F_")
			} else {
				out.WriteString("_x005F_x005F_")
			}
			continue
		}
		if validHex(seq[2:6]) {
			out.WriteString("_x005F" + seq)
		}
	}
	out.WriteString(s[last:])
	return out.String()
}

// validHex reports whether h is four hex digits naming a character (not a
// surrogate half).
func validHex(h string) bool {
	v, err := strconv.ParseUint(h, 16, 32)
	return err == nil && len(h) == 4 && utf8.ValidRune(rune(v))
}
