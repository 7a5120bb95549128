package kb

import (
	"fmt"

	"github.com/dealtrail/dealtrail/salesrec"
)

// This file holds the words kb shows people: the labels of document kinds
// and facets, and the messages of a refused query, each in Chinese and in
// English side by side.

// kindLabels are the labels of the document kinds, in declared order.
var kindLabels = []struct {
	kind Kind
	salesrec.Message
}{
	{KindSuccess, salesrec.Message{Zh: "成功点", En: "success point"}},
	{KindImprovement, salesrec.Message{Zh: "改进点", En: "improvement point"}},
	{KindTerminationReason, salesrec.Message{Zh: "终止原因", En: "termination reason"}},
	{KindObjection, salesrec.Message{Zh: "异议处理", En: "objection handling"}},
}

// Kinds lists the document kinds in their declared order.
func Kinds() []Kind {
	out := make([]Kind, len(kindLabels))
	for i, l := range kindLabels {
		out[i] = l.kind
	}
	return out
}

// Label names the kind in lang, e.g. 异议处理 or "objection handling"; an
// unknown kind is shown as its code.
func (k Kind) Label(lang salesrec.Lang) string {
	for _, l := range kindLabels {
		if l.kind == k {
			return l.Text(lang)
		}
	}
	return string(k)
}

// facetNames are the labels of the facets of Result.Facets.
var facetNames = map[string]salesrec.Message{
	FacetOutcome:        {Zh: "结果", En: "outcome"},
	FacetReasonCategory: {Zh: "终止原因类别", En: "reason category"},
	FacetIndustry:       {Zh: "行业", En: "industry"},
	FacetKind:           {Zh: "类型", En: "kind"},
}

// FacetLabel names a facet (FacetOutcome, FacetKind, …) in lang; an unknown
// name is returned as it is.
func FacetLabel(facet string, lang salesrec.Lang) string {
	if m, ok := facetNames[facet]; ok {
		return m.Text(lang)
	}
	return facet
}

// Label shows the counted value in lang: an outcome, reason category or
// kind by its label (已成交, 预算, 异议处理), an industry as it was written.
func (c FacetCount) Label(lang salesrec.Lang) string {
	switch c.Facet {
	case FacetOutcome:
		return salesrec.Status(c.Value).Label(lang)
	case FacetReasonCategory:
		return salesrec.ReasonCategory(c.Value).Label(lang)
	case FacetKind:
		return Kind(c.Value).Label(lang)
	}
	return c.Value
}

// Messages of a refused query.
var (
	msgToBeforeFrom    = salesrec.Message{Zh: "结束日期早于开始日期", En: "is before from"}
	msgOtherCurrency   = salesrec.Message{Zh: "与最低金额的币种不同", En: "has another currency than min_amount"}
	msgBelowMin        = salesrec.Message{Zh: "低于最低金额", En: "is below min_amount"}
	msgNegativePage    = salesrec.Message{Zh: "页码不能为负数", En: "is negative"}
	msgUnknownSort     = salesrec.Message{Zh: "不是可选的排序(相关度 relevance 或日期 date)", En: "is not relevance or date"}
	msgUnknownKind     = salesrec.Message{Zh: "不是可选的知识类型", En: "is not a document kind"}
	msgUnknownOutcome  = salesrec.Message{Zh: "不是可选的结果", En: "is not an outcome"}
	msgUnknownCategory = salesrec.Message{Zh: "不是可选的终止原因类别", En: "is not a reason category"}
	msgUnknownCustKind = salesrec.Message{Zh: "不是可选的客户类型", En: "is not a customer type"}
	msgUnknownStage    = salesrec.Message{Zh: "不是可选的业务阶段", En: "is not a business stage"}
)

// msgPageSize says the allowed page sizes.
func msgPageSize(max int) salesrec.Message {
	return salesrec.Message{
		Zh: fmt.Sprintf("每页条数须在 0 到 %d 之间", max),
		En: fmt.Sprintf("must be between 0 and %d", max),
	}
}

// msgNotA says that value is not one of a closed set.
func msgNotA(value string, what salesrec.Message) salesrec.Message {
	return salesrec.Message{
		Zh: fmt.Sprintf("“%s”%s", value, what.Zh),
		En: fmt.Sprintf("%q %s", value, what.En),
	}
}
