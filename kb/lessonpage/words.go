package lessonpage

import (
	"fmt"

	"github.com/dealtrail/dealtrail/kb"
	"github.com/dealtrail/dealtrail/salesrec"
)

// This file holds every word the page shows, Chinese and English side by
// side. The labels of kinds, outcomes, reason categories and facets come
// from kb and salesrec; refusals of a query kb checks come from kb.

// words are the page's fixed words. The template reads them as
// {{.W.Title.Text .Lang}}, so a misspelt name fails the template, not
// silently.
type words struct {
	Title, Skip, SearchLabel, SearchHint, SearchButton, SortLabel   salesrec.Message
	SortRelevance, SortDate, Filters, ClearFilters, Results, NoHits salesrec.Message
	Record, Similar, SimilarHeading, SimilarNone, Customer, Amount  salesrec.Message
	Date, Industry, Pages, Previous, Next, Language, Selected       salesrec.Message
	BackToSearch, Problem                                           salesrec.Message
}

var pageWords = words{
	Title:          salesrec.Message{Zh: "团队经验库", En: "Team lessons"},
	Skip:           salesrec.Message{Zh: "跳到搜索结果", En: "Skip to results"},
	SearchLabel:    salesrec.Message{Zh: "搜索经验、终止原因和异议处理", En: "Search lessons, termination reasons and objection handling"},
	SearchHint:     salesrec.Message{Zh: "例如:太贵、预算、competitor price", En: "e.g. 太贵, budget, competitor price"},
	SearchButton:   salesrec.Message{Zh: "搜索", En: "Search"},
	SortLabel:      salesrec.Message{Zh: "排序", En: "Sort by"},
	SortRelevance:  salesrec.Message{Zh: "相关度", En: "Relevance"},
	SortDate:       salesrec.Message{Zh: "日期(最新在前)", En: "Date (newest first)"},
	Filters:        salesrec.Message{Zh: "筛选", En: "Filters"},
	ClearFilters:   salesrec.Message{Zh: "清除全部筛选", En: "Clear all filters"},
	Results:        salesrec.Message{Zh: "搜索结果", En: "Results"},
	NoHits:         salesrec.Message{Zh: "没有找到相关经验,换个说法或减少筛选条件试试。", En: "Nothing found. Try other words or fewer filters."},
	Record:         salesrec.Message{Zh: "查看业务记录", En: "Open the record"},
	Similar:        salesrec.Message{Zh: "相似经验", En: "Similar lessons"},
	SimilarHeading: salesrec.Message{Zh: "与这条业务相似的经验", En: "Lessons similar to this pursuit"},
	SimilarNone:    salesrec.Message{Zh: "已成交或已终止的业务里还没有相似的经验。", En: "No won or terminated pursuit has a similar lesson yet."},
	Customer:       salesrec.Message{Zh: "客户", En: "Customer"},
	Amount:         salesrec.Message{Zh: "成交金额", En: "Amount won"},
	Date:           salesrec.Message{Zh: "日期", En: "Date"},
	Industry:       salesrec.Message{Zh: "行业", En: "Industry"},
	Pages:          salesrec.Message{Zh: "分页", En: "Pages"},
	Previous:       salesrec.Message{Zh: "上一页", En: "Previous"},
	Next:           salesrec.Message{Zh: "下一页", En: "Next"},
	Language:       salesrec.Message{Zh: "语言", En: "Language"},
	Selected:       salesrec.Message{Zh: "已选", En: "selected"},
	BackToSearch:   salesrec.Message{Zh: "返回搜索", En: "Back to search"},
	Problem:        salesrec.Message{Zh: "无法显示结果", En: "The page cannot be shown"},
}

// Words of the refusals the page itself answers.
var (
	msgNoAccess = salesrec.Message{Zh: "您没有查看团队经验库的权限。", En: "You may not see the team's lessons."}
	msgNoRecord = salesrec.Message{Zh: "没有找到这条业务记录,或您无权查看。", En: "There is no such pursuit, or you may not read it."}
	msgFailed   = salesrec.Message{Zh: "搜索暂时出错,请稍后再试。", En: "Search failed. Please try again later."}
	msgNotFound = salesrec.Message{Zh: "没有这个页面。", En: "There is no such page."}
	msgMethod   = salesrec.Message{Zh: "此页面只能查看(GET),不能提交修改。", En: "This page can only be read (GET)."}
	msgNotInt   = salesrec.Message{Zh: "须为整数", En: "must be a whole number"}
	msgTooLong  = salesrec.Message{Zh: fmt.Sprintf("过长(最多 %d 个字)", maxTextRunes), En: fmt.Sprintf("is too long (at most %d characters)", maxTextRunes)}
	msgTooMany  = salesrec.Message{Zh: fmt.Sprintf("选项过多(最多 %d 个)", maxValues), En: fmt.Sprintf("has too many values (at most %d)", maxValues)}
	msgPageMax  = salesrec.Message{Zh: fmt.Sprintf("须在 1 到 %d 之间", maxPage), En: fmt.Sprintf("must be between 1 and %d", maxPage)}
)

// msgField says which request parameter a refusal is about.
func msgField(param string, m salesrec.Message) salesrec.Message {
	return salesrec.Message{Zh: fmt.Sprintf("参数 %s:%s", param, m.Zh), En: fmt.Sprintf("parameter %s: %s", param, m.En)}
}

// msgTotal says how many matches a search has.
func msgTotal(n int) salesrec.Message {
	return salesrec.Message{Zh: fmt.Sprintf("共 %d 条", n), En: fmt.Sprintf("%d found", n)}
}

// msgPageOf says which page of how many is shown.
func msgPageOf(page, pages int) salesrec.Message {
	return salesrec.Message{Zh: fmt.Sprintf("第 %d 页,共 %d 页", page, pages), En: fmt.Sprintf("page %d of %d", page, pages)}
}

// msgPageN names one page's link for a screen reader.
func msgPageN(page int) salesrec.Message {
	return salesrec.Message{Zh: fmt.Sprintf("第 %d 页", page), En: fmt.Sprintf("Page %d", page)}
}

// msgFacetValue names one facet link for a screen reader: the value, its
// count and whether it is on.
func msgFacetValue(c kb.FacetCount, on bool) salesrec.Message {
	zh, en := c.Label(salesrec.ZH), c.Label(salesrec.EN)
	if on {
		return salesrec.Message{Zh: fmt.Sprintf("%s,%d 条,已选,点击取消", zh, c.Count), En: fmt.Sprintf("%s, %d, selected, remove", en, c.Count)}
	}
	return salesrec.Message{Zh: fmt.Sprintf("%s,%d 条,点击筛选", zh, c.Count), En: fmt.Sprintf("%s, %d, filter by it", en, c.Count)}
}

// switchTo is the language switch: the other language named in itself.
var switchTo = map[salesrec.Lang]struct {
	lang  salesrec.Lang
	label string
}{
	salesrec.ZH: {salesrec.EN, "English"},
	salesrec.EN: {salesrec.ZH, "中文"},
}
