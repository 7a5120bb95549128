package kb

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzFold: folding never panics, keeps valid UTF-8 valid (and copies
// invalid bytes untouched), folds rune by rune as foldRune says, maps
// every offset of the output back to the start of the rune it came from,
// agrees with foldString, and is idempotent: folded text folds to itself,
// so a query folded twice (once by the host, once by kb) finds what a
// query folded once does.
func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"", "plain 预算", "華東精工同意試點", "報價太高", "ＡＢＣ１２３，", "ｃｈｅｎ＠ｈｄｊｇ．ｃｏｍ", "　", "￥80,000",
		"a\xffb", "\xe5\x8d", "\xe5\x8dＡ", "\xed\xa0\x80", "臺灣", "后後", "\u3400\U00020000", "😀ＡＢ",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		orig := bytes.Clone(in)
		out, offsets := fold(in)
		if !bytes.Equal(in, orig) {
			t.Fatalf("fold changed its input %q to %q", orig, in)
		}
		if utf8.Valid(in) != utf8.Valid(out) {
			t.Fatalf("fold(%q) = %q: valid UTF-8 in %v, out %v", in, out, utf8.Valid(in), utf8.Valid(out))
		}
		if got := foldString(string(in)); got != string(out) {
			t.Fatalf("foldString(%q) = %q, fold = %q", in, got, out)
		}
		// Walk both texts rune by rune.
		i, o := 0, 0
		for i < len(in) {
			if o >= len(out) {
				t.Fatalf("fold(%q) = %q ends before the input", in, out)
			}
			if at := offsets.orig(o); at != i {
				t.Fatalf("fold(%q): output offset %d maps to %d, want %d", in, o, at, i)
			}
			r, size := utf8.DecodeRune(in[i:])
			if r == utf8.RuneError && size <= 1 {
				if out[o] != in[i] {
					t.Fatalf("fold(%q): invalid byte %#x at %d became %#x", in, in[i], i, out[o])
				}
				i, o = i+1, o+1
				continue
			}
			want := foldRune(r)
			got, n := utf8.DecodeRune(out[o:])
			if got != want {
				t.Fatalf("fold(%q): %q at %d became %q, want %q", in, r, i, got, want)
			}
			i, o = i+size, o+n
		}
		if o != len(out) || offsets.orig(len(out)) != len(in) {
			t.Fatalf("fold(%q) = %q: output length %d (walked %d) maps to %d, want %d", in, out, len(out), o, offsets.orig(len(out)), len(in))
		}
		if again, m := fold(out); !bytes.Equal(again, out) || m != nil {
			t.Fatalf("fold is not idempotent: %q → %q → %q", in, out, again)
		}
	})
}

// Every rune, not just the ones the fuzzer happens to try: a folded rune
// folds to itself (no traditional character maps to another one that maps
// on again) and stays a valid rune.
func TestFoldRuneIsIdempotent(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		f := foldRune(r)
		if !utf8.ValidRune(f) && utf8.ValidRune(r) {
			t.Errorf("foldRune(%U) = %U is not a valid rune", r, f)
		}
		if g := foldRune(f); g != f {
			t.Errorf("foldRune(%U) = %U, which folds on to %U", r, f, g)
		}
	}
}
