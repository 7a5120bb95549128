package kb

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// foldRune maps one rune to the form the index uses: full-width ASCII forms
// (ＡＢＣ１２３，) to ASCII, the ideographic space and the full-width yen
// sign to their narrow forms, the typographic apostrophes (’ ‘ ʼ, as word
// processors and phone keyboards type them) to ', so that "customer’s" is
// the possessive the plural step reads as customer, and traditional Chinese
// characters to simplified ones (see tradToSimp). Every other rune is
// returned unchanged.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x2019, r == 0x2018, r == 0x02BC:
		return '\''
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

// fold returns in with every rune folded by foldRune, and the map from
// byte offsets in the output back to offsets in in, so a token's start and
// end in the folded text can be reported in the original. When nothing
// changed, fold returns in itself and the identity map.
func fold(in []byte) (out []byte, offsets offsetMap) {
	i := firstFold(in)
	if i < 0 {
		return in, nil
	}
	out = make([]byte, 0, len(in))
	out = append(out, in[:i]...)
	for i < len(in) {
		r, size := utf8.DecodeRune(in[i:])
		if r == utf8.RuneError && size <= 1 {
			// Invalid UTF-8 is copied byte by byte, untouched.
			out = append(out, in[i])
			i++
			continue
		}
		before := len(out)
		out = utf8.AppendRune(out, foldRune(r))
		i += size
		if len(out)-before != size {
			offsets = append(offsets, breakpoint{out: len(out), in: i})
		}
	}
	return out, offsets
}

// offsetMap maps byte offsets of folded text back to the original. Folding
// keeps offsets aligned except where a rune changes length (a full-width
// form becoming ASCII); each such rune leaves a breakpoint at its end, and
// between breakpoints offsets move together. Most texts need a handful.
type offsetMap []breakpoint

type breakpoint struct{ out, in int }

// orig returns the offset in the original text of offset out, which must
// fall on a rune boundary of the folded text.
func (m offsetMap) orig(out int) int {
	// The last breakpoint at or before out.
	k, _ := slices.BinarySearchFunc(m, out, func(b breakpoint, t int) int { return cmp.Compare(b.out, t+1) })
	if k == 0 {
		return out
	}
	b := m[k-1]
	return b.in + out - b.out
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

// foldString folds s as fold does, for code that has no use for offsets
// (synonym matching, masking).
func foldString(s string) string {
	if firstFold([]byte(s)) < 0 {
		return s
	}
	out, _ := fold([]byte(s))
	return string(out)
}
