package kb

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
)

// Fragment sizes, in characters.
const (
	fragmentChars = 80
	maxFragments  = 3
)

// fragments cuts text into at most maxFragments pieces around the matched
// spans and wraps every match in <mark>…</mark>, HTML-escaping the rest.
// The spans are the term locations Bleve found in the text field, plus
// every occurrence of chars, the query's lone characters. A lone
// character is searched through the terms it is part of (charTerms), and
// those terms' locations are left out: 价 marks 价, not all of 价格.
//
// kb highlights itself instead of using Bleve's highlighter because CJK
// bigrams overlap (稳定性 matches 稳定 at 0–6 and 定性 at 3–9): Bleve's
// formatter drops the overlapping one and marks half a word, while
// merging the spans marks the whole of it.
func fragments(text string, locations search.TermLocationMap, chars []rune) []string {
	spans := mergeSpans(text, locations, chars)
	if len(spans) == 0 {
		return nil
	}
	var out []string
	for len(spans) > 0 && len(out) < maxFragments {
		start, end := window(text, spans[0][0])
		var b strings.Builder
		if start > 0 {
			b.WriteString("…")
		}
		at := start
		for len(spans) > 0 && spans[0][0] < end {
			s, e := spans[0][0], min(spans[0][1], len(text))
			b.WriteString(html.EscapeString(text[at:s]))
			b.WriteString("<mark>")
			b.WriteString(html.EscapeString(text[s:e]))
			b.WriteString("</mark>")
			at = e
			spans = spans[1:]
		}
		end = max(end, at)
		b.WriteString(html.EscapeString(text[at:end]))
		if end < len(text) {
			b.WriteString("…")
		}
		out = append(out, b.String())
	}
	return out
}

// mergeSpans returns the matched byte spans of text, sorted, with
// overlapping and touching spans merged.
func mergeSpans(text string, locations search.TermLocationMap, chars []rune) [][2]int {
	spans := charSpans(text, chars)
	for term, locs := range locations {
		if strings.ContainsFunc(term, func(r rune) bool { return slices.Contains(chars, r) }) {
			continue // found for a lone character, which charSpans marks
		}
		for _, l := range locs {
			s, e := int(l.Start), int(l.End)
			if s < 0 || e > len(text) || s >= e {
				continue
			}
			spans = append(spans, [2]int{s, e})
		}
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var merged [][2]int
	for _, s := range spans {
		if n := len(merged); n > 0 && s[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], s[1])
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// charSpans returns where chars occur in text, comparing folded forms
// (a query for 价 marks 價).
func charSpans(text string, chars []rune) [][2]int {
	if len(chars) == 0 {
		return nil
	}
	folded, offsets := fold([]byte(text))
	var spans [][2]int
	for i, r := range string(folded) {
		if slices.Contains(chars, unicode.ToLower(r)) {
			spans = append(spans, [2]int{offsets.orig(i), offsets.orig(i + utf8.RuneLen(r))})
		}
	}
	return spans
}

// window returns a span of about fragmentChars characters of text that
// starts a little before the byte offset at, on rune boundaries.
func window(text string, at int) (start, end int) {
	if utf8.RuneCountInString(text) <= fragmentChars {
		return 0, len(text)
	}
	start = at
	for back := 0; start > 0 && back < fragmentChars/4; back++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	end = start
	for n := 0; end < len(text) && n < fragmentChars; n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	return start, end
}
