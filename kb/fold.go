package kb

import (
	"unicode/utf8"
)

// foldRune maps one rune to the form the index uses: full-width ASCII forms
// (ＡＢＣ１２３，) to ASCII, the ideographic space and the full-width yen
// sign to their narrow forms, and traditional Chinese characters to
// simplified ones (see tradToSimp). Every other rune is returned unchanged.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	case r == 0xFFE5:
		return '¥'
	case r >= 0x3400:
		if s, ok := tradToSimp[r]; ok {
			return s
		}
	}
	return r
}

// fold returns in with every rune folded by foldRune. When anything changed,
// it also returns offsets: offsets[i] is the byte offset in in of the rune
// that produced byte i of the output, and offsets[len(out)] is len(in), so a
// token's start and end in the output map back to the original text. When
// nothing changed, fold returns in itself and a nil offsets slice.
func fold(in []byte) (out []byte, offsets []int) {
	i := firstFold(in)
	if i < 0 {
		return in, nil
	}
	out = make([]byte, 0, len(in))
	offsets = make([]int, 0, len(in)+1)
	out = append(out, in[:i]...)
	for j := 0; j < i; j++ {
		offsets = append(offsets, j)
	}
	for i < len(in) {
		r, size := utf8.DecodeRune(in[i:])
		if r == utf8.RuneError && size <= 1 {
			// Invalid UTF-8 is copied byte by byte, untouched.
			out = append(out, in[i])
			offsets = append(offsets, i)
			i++
			continue
		}
		before := len(out)
		out = utf8.AppendRune(out, foldRune(r))
		for range len(out) - before {
			offsets = append(offsets, i)
		}
		i += size
	}
	offsets = append(offsets, len(in))
	return out, offsets
}

// firstFold returns the byte offset of the first rune foldRune changes, or
// -1 when there is none; it lets fold skip the copy for most text.
func firstFold(in []byte) int {
	for i := 0; i < len(in); {
		if in[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(in[i:])
		if foldRune(r) != r {
			return i
		}
		i += size
	}
	return -1
}

// foldString folds s as fold does, for query-side code that has no use for
// offsets (synonym matching, masking).
func foldString(s string) string {
	out, offsets := fold([]byte(s))
	if offsets == nil {
		return s
	}
	return string(out)
}
