package workbook

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dealtrail/dealtrail/salesrec"
)

// The form is the template's own table for one engagement, on one sheet:
// a title row, then the sections 业务信息, 客户基础信息, 沟通记录与参与人员,
// 沟通核心内容, 需求与方案, 跟进计划, 结果与复盘 and 备注, each a title row
// and one or two blocks. A block is a header row (the zh label above the
// en one, in one cell) and its rows, and it holds columns of one register
// sheet: a form is a register of one engagement laid out for reading and
// printing, so it is written by the register's Writer and read by the
// register's reader, cell for cell. docs/template.md ("The form") lists
// the blocks and their columns.
type block struct {
	// title starts a section; zero for a block that continues the section
	// above it (the proposal under the needs, the lessons under the
	// outcome).
	title salesrec.Message
	s     *sheet
	// cols are the layout columns of s the block shows, in its order,
	// from column A. A child sheet's 业务编号 is not among them: it is the
	// form's own (业务信息), and the engagement's 客户名称 is the 客户基础信息
	// block's.
	cols []int
}

// formTitle heads every form.
var formTitle = salesrec.Message{Zh: "销售业务过程记录", En: "Sales engagement record"}

var formBlocks = []block{
	{title: salesrec.Message{Zh: "业务信息", En: "Engagement"}, s: sheetEngagements, cols: []int{0, 2, 3, 4, 5, 14}},
	{title: salesrec.Message{Zh: "客户基础信息", En: "Customer basics"}, s: sheetCustomers, cols: []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
	{title: salesrec.Message{Zh: "沟通记录与参与人员", En: "Contacts and participants"}, s: sheetInteractions, cols: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
	{title: salesrec.Message{Zh: "沟通核心内容", En: "Core content"}, s: sheetPoints, cols: []int{1, 2}},
	{title: salesrec.Message{Zh: "需求与方案", En: "Needs and proposal"}, s: sheetNeeds, cols: []int{1, 2, 3}},
	{s: sheetEngagements, cols: []int{6, 7, 8}},
	{title: salesrec.Message{Zh: "跟进计划", En: "Follow-up plan"}, s: sheetActions, cols: []int{1, 2, 3, 4, 5}},
	{title: salesrec.Message{Zh: "结果与复盘", En: "Result and review"}, s: sheetEngagements, cols: []int{9, 10, 11, 12, 13}},
	{s: sheetLessons, cols: []int{1, 2}},
	{title: salesrec.Message{Zh: "备注", En: "Remarks"}, s: sheetRemarks, cols: []int{1, 2, 3, 4, 5}},
}

// formWidth is the number of columns of a form: the widest block's. The
// last column of a narrower block is merged over the rest, so its text
// (要点, 内容) has the width of the page.
const formWidth = 12

// titleText is how a title row reads: "沟通核心内容 Core content".
func titleText(m salesrec.Message) string { return m.Zh + " " + m.En }

// headText is a block's header cell: the zh label above the en one.
func headText(c column) string { return c.zh + "\n" + c.en }

// heads are a block's header cells.
func (b block) heads() []string {
	out := make([]string, len(b.cols))
	for k, i := range b.cols {
		out[k] = headText(b.s.cols[i])
	}
	return out
}

// part is the block's columns as a sheet of their own, to match a header
// row against.
func (b block) part() *sheet {
	p := &sheet{zh: b.s.zh, en: b.s.en}
	for _, i := range b.cols {
		p.cols = append(p.cols, b.s.cols[i])
	}
	return p
}

// isTitle reports whether text is a form's or a section's title row.
func isTitle(text string) bool {
	text = strings.Join(strings.Fields(text), " ")
	if text == titleText(formTitle) || text == formTitle.Zh || text == formTitle.En {
		return true
	}
	for _, b := range formBlocks {
		if b.title.Zh != "" && (text == titleText(b.title) || text == b.title.Zh || text == b.title.En) {
			return true
		}
	}
	return false
}

// formSheetName names the sheet of the n-th form (from 1) after its
// customer: "1 上海星辰制造有限公司", within Excel's 31 characters and
// without the characters a sheet name may not hold.
func formSheetName(n int, customer string) string {
	name := strconv.Itoa(n) + " " + strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return -1
		}
		return r
	}, customer)
	for utf8.RuneCountInString(name) > 31 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return strings.TrimSpace(name)
}
