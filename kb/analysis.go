package kb

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// The analysis chain of the text field, in order:
//
//  1. fold: full-width forms to ASCII (订单１２３件 → 订单123件), the
//     ideographic space to a space, traditional to simplified characters
//     (預算 → 预算). It runs before tokenizing because Bleve's unicode
//     tokenizer drops full-width digits; token offsets are mapped back to the
//     original text so highlights land on what the user wrote.
//  2. numbers with their units, one term each, the same however they are
//     written (30万, 三十万 and ¥300k are 300000; 三个月 is 3month: see
//     quantity.go).
//  3. unicode word segmentation of the rest (Latin words, digits, one
//     token per Han character), so ERP对接 splits into erp | 对 | 接.
//  4. lower case.
//  5. English plurals to singular (prices → price), nothing more.
//  6. CJK bigrams (a lone character stays a unigram), so 价格偏高 searches
//     价格 | 格偏 | 偏高 and not every text with a 高 in it.
//  7. word marks: a bigram that may go on into a longer word (安全 of
//     安全帽) or follows a negation (满意 of 不满意) carries a mark, so a
//     search can weigh it below the word itself (see wordmarks.go).
//
// A one-character query (价, 贵) finds the texts containing the character
// through the terms it is part of: every bigram that starts or ends with it
// and the character where it stands alone (see charTerms). No unigram of
// every character is indexed: a field of them cost more at indexing than
// everything else kb adds.
//
// Bleve resolves tokenizers and token filters by name from a process-wide
// registry. The two components kb adds are registered there once, under
// names prefixed "dealtrail_kb_" so they cannot collide with Bleve's or a
// host's; everything else is defined on the index mapping itself.
const (
	tokenizerName    = "dealtrail_kb_fold_unicode"
	pluralFilterName = "dealtrail_kb_plural_en"

	bigramFilter  = "kb_cjk_bigram"
	textTokenizer = "kb_text_tokenizer"

	// textAnalyzer analyzes the text field and the words of a search.
	textAnalyzer = "kb_text"
)

var registerOnce = sync.OnceValue(func() error {
	if err := registry.RegisterTokenizer(tokenizerName, newFoldTokenizer); err != nil {
		return err
	}
	if err := registry.RegisterTokenFilter(wordMarksFilterName, newWordMarksFilter); err != nil {
		return err
	}
	return registry.RegisterTokenFilter(pluralFilterName, newPluralFilter)
})

// analysisSteps is a set of steps of the analysis chain. Options.without
// holds the steps switched off, so the quality test can measure what each
// step is worth; it is unexported, so every Index a host opens has the
// whole chain (the zero value). Synonyms need no bit here: an empty
// Options.Synonyms switches them off.
type analysisSteps uint8

const (
	// stepFold: full-width, ideographic-space and traditional folding,
	// in the index and in queries.
	stepFold analysisSteps = 1 << iota
	// stepPlural: English plurals to singular, in the index and in queries.
	stepPlural
	// stepBigram: CJK bigrams; without it every Han character is a term.
	stepBigram
	// stepOneChar: a lone character searched through the terms it is part
	// of (charTerms); without it, only where it stands alone.
	stepOneChar
	// stepQuantity: numbers with units as one term (quantity.go).
	stepQuantity
	// stepWordMarks: bigrams marked inside a longer word or negated, and
	// searched with their marks weighed (wordmarks.go).
	stepWordMarks
)

// has reports whether every step of step is in s.
func (s analysisSteps) has(step analysisSteps) bool { return s&step == step }

// addAnalysis defines kb's analyzers on m, leaving out the steps in
// without (always none outside the quality test).
func addAnalysis(m *mapping.IndexMappingImpl, without analysisSteps) error {
	if err := registerOnce(); err != nil {
		return fmt.Errorf("kb: register analysis components: %w", err)
	}
	filters := []any{lowercase.Name}
	if !without.has(stepPlural) {
		filters = append(filters, pluralFilterName)
	}
	if !without.has(stepBigram) {
		filters = append(filters, bigramFilter)
		if !without.has(stepWordMarks) {
			filters = append(filters, wordMarksFilterName)
		}
	}
	steps := []struct {
		add    func(string, map[string]any) error
		name   string
		config map[string]any
	}{
		{m.AddCustomTokenizer, textTokenizer, map[string]any{
			"type":       tokenizerName,
			"fold":       !without.has(stepFold),
			"quantities": !without.has(stepQuantity),
		}},
		{m.AddCustomTokenFilter, bigramFilter, map[string]any{
			"type": cjk.BigramName, "output_unigram": false,
		}},
		{m.AddCustomAnalyzer, textAnalyzer, map[string]any{
			"type":          custom.Name,
			"tokenizer":     textTokenizer,
			"token_filters": filters,
		}},
	}
	for _, s := range steps {
		if err := s.add(s.name, s.config); err != nil {
			return fmt.Errorf("kb: define %s: %w", s.name, err)
		}
	}
	return nil
}

// foldTokenizer folds its input (see fold), reads the quantities in it
// (see findQuantities) and segments the rest with Bleve's unicode
// tokenizer, reporting token offsets in the original input. The index
// mapping configures it: "fold" and "quantities" (both true unless the
// quality test switches a step off).
type foldTokenizer struct {
	inner            analysis.Tokenizer
	fold, quantities bool
}

func newFoldTokenizer(config map[string]any, cache *registry.Cache) (analysis.Tokenizer, error) {
	inner, err := cache.TokenizerNamed(unicode.Name)
	if err != nil {
		return nil, err
	}
	t := foldTokenizer{inner: inner, fold: true, quantities: true}
	if v, ok := config["fold"].(bool); ok {
		t.fold = v
	}
	if v, ok := config["quantities"].(bool); ok {
		t.quantities = v
	}
	return t, nil
}

// Tokenize implements analysis.Tokenizer.
func (t foldTokenizer) Tokenize(input []byte) analysis.TokenStream {
	folded, offsets := input, offsetMap(nil)
	if t.fold {
		folded, offsets = fold(input)
	}
	var spans []quantitySpan
	if t.quantities {
		spans = findQuantities(folded)
	}
	var tokens analysis.TokenStream
	if len(spans) == 0 {
		tokens = t.inner.Tokenize(folded)
	} else {
		tokens = t.tokenizeAround(folded, spans)
	}
	if len(offsets) > 0 {
		for _, tok := range tokens {
			tok.Start, tok.End = offsets.orig(tok.Start), offsets.orig(tok.End)
		}
	}
	return tokens
}

// tokenizeAround segments the text between quantities and puts one
// token for each quantity where it stands, numbering positions afresh.
func (t foldTokenizer) tokenizeAround(text []byte, spans []quantitySpan) analysis.TokenStream {
	var out analysis.TokenStream
	add := func(from, to int) {
		for _, tok := range t.inner.Tokenize(text[from:to]) {
			tok.Start += from
			tok.End += from
			tok.Position = len(out) + 1
			out = append(out, tok)
		}
	}
	at := 0
	for _, sp := range spans {
		add(at, sp.start)
		out = append(out, &analysis.Token{
			Term: []byte(sp.term), Start: sp.start, End: sp.end,
			Position: len(out) + 1, Type: analysis.Numeric,
		})
		at = sp.end
	}
	add(at, len(text))
	return out
}

// pluralFilter applies singular to every token.
type pluralFilter struct{}

func newPluralFilter(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
	return pluralFilter{}, nil
}

// Filter implements analysis.TokenFilter.
func (pluralFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if tok.Type == analysis.AlphaNumeric && !tok.KeyWord {
			tok.Term = singular(tok.Term)
		}
	}
	return input
}
