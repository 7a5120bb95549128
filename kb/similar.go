package kb

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/dealtrail/dealtrail/salesrec"
)

// Similar returns the lessons, termination reasons and handled objections
// of the team's closed engagements (won or terminated) that are most
// relevant to an engagement the actor may read: its goal, needs,
// proposal and objections, with the same industry ranked higher. The
// engagement's own documents are left out. limit 0 means
// DefaultPageSize.
func (x *Index) Similar(ctx context.Context, actor, engagementID string, limit int) ([]Hit, error) {
	if limit < 0 || limit > MaxPageSize {
		return nil, fmt.Errorf("kb: similar: %w", salesrec.FieldError("limit", msgPageSize(MaxPageSize)))
	}
	if limit == 0 {
		limit = DefaultPageSize
	}
	team, err := x.teamOf(ctx, actor)
	if err != nil {
		return nil, err
	}
	e, err := x.src.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, fmt.Errorf("kb: similar: read engagement %s: %w", engagementID, err)
	}
	c, err := x.src.Customer(ctx, actor, e.CustomerID)
	if err != nil {
		return nil, fmt.Errorf("kb: similar: read customer of %s: %w", engagementID, err)
	}

	// What the engagement is about, masked like indexed text so the
	// customer's own name cannot steer the ranking. Needs (with the goal
	// and the proposal) weigh more than objections: a lesson from a deal
	// with the same needs is the closest match.
	m, err := x.masks.forTeam(ctx, x.src, team)
	if err != nil {
		return nil, fmt.Errorf("kb: similar: %w", err)
	}
	var needs, objections []string
	add := func(to *[]string, s string) {
		if s = m.mask(s); s != "" {
			*to = append(*to, s)
		}
	}
	add(&needs, e.Goal)
	for _, n := range e.Needs {
		add(&needs, n.Content)
	}
	if e.Proposal != nil {
		add(&needs, e.Proposal.Summary)
	}
	for _, in := range e.Interactions {
		for _, p := range in.Points {
			switch p.Kind {
			case salesrec.PointNeed:
				add(&needs, p.Text)
			case salesrec.PointObjection:
				add(&objections, p.Text)
			}
		}
	}

	b := bleve.NewBooleanQuery()
	b.AddMust(term(fieldTeam, team))
	b.AddMust(bleve.NewDisjunctionQuery(term(fieldOutcome, string(salesrec.StatusWon)), term(fieldOutcome, string(salesrec.StatusTerminated))))
	b.AddMustNot(term(fieldEngagement, e.ID))
	var should []query.Query
	for _, part := range []struct {
		text  []string
		boost float64
	}{{needs, similarNeedsBoost}, {objections, 1}} {
		if tq := textQuery(strings.Join(part.text, "\n"), x.syn, part.boost); tq != nil {
			should = append(should, tq)
		}
	}
	if ind := strings.TrimSpace(c.Industry); ind != "" {
		t := bleve.NewTermQuery(ind)
		t.SetField(fieldIndustry)
		t.SetBoost(similarIndustryBoost)
		should = append(should, t)
	}
	if len(should) == 0 {
		return nil, nil
	}
	b.AddShould(should...)
	b.SetMinShould(1)
	text := strings.Join(append(needs, objections...), " ")

	res, err := x.run(ctx, actor, team, b, Query{Text: text, Sort: SortRelevance, Page: 1, PageSize: limit}, nil)
	if err != nil {
		return nil, err
	}
	return res.Hits, nil
}

// Weights of the parts of a Similar query, relative to objections: needs
// count most, so a lesson from a deal with the same needs comes first even
// when an objection matches two synonym groups at once.
const (
	similarNeedsBoost    = 3
	similarIndustryBoost = 0.5
)
