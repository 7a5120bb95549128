package workbook

import (
	"strconv"
	"strings"
)

// column is one column of a register sheet: its headers and the JSON path
// (relative to the record the row holds) that its value fills, which is
// also how a rule's complaint finds its cell.
type column struct {
	zh, en string
	field  string
}

// sheet is one table of the register.
type sheet struct {
	zh, en string
	cols   []column
	// child sheets name their engagement in their first column
	// (业务编号); the 客户 and 业务 sheets are keyed by their own first
	// column.
	child bool
}

// The register's sheets, in the order a workbook holds them. Column order
// and headers are the documented layout (docs/template.md); importing also
// accepts the English headers and any column order.
var (
	sheetCustomers = &sheet{zh: "客户", en: "Customers", cols: []column{
		{"客户名称", "Customer name", "name"},
		{"简称", "Short names", "short_names"},
		{"客户类型", "Kind", "kind"},
		{"子类型", "Sub-kind", "sub_kind"},
		{"行业", "Industry", "industry"},
		{"规模", "Size", "size"},
		{"联系人", "Contact", "contacts.name"},
		{"职位", "Title", "contacts.title"},
		{"电话", "Phone", "contacts.phone"},
		{"邮箱", "Email", "contacts.email"},
	}}
	sheetEngagements = &sheet{zh: "业务", en: "Engagements", cols: []column{
		{"业务编号", "Engagement ID", "id"},
		{"客户名称", "Customer name", "customer_name"},
		{"负责人", "Owner", "owner_id"},
		{"阶段", "Stage", "stage"},
		{"记录目标", "Goal", "goal"},
		{"状态", "Status", "status"},
		{"方案", "Proposal", "proposal.summary"},
		{"协同", "Collaboration", "proposal.collaboration"},
		{"资源", "Resources", "proposal.resources"},
		{"成交金额", "Amount", "outcome.amount"},
		{"签约日期", "Signed on", "outcome.signed_on"},
		{"终止原因", "Reason", "outcome.reason"},
		{"原因类别", "Reason category", "outcome.reason_category"},
		{"重开原因", "Reopen reason", "reopen_reason"},
		{"版本", "Version", "version"},
	}}
	sheetInteractions = &sheet{zh: "沟通记录", en: "Contacts", child: true, cols: []column{
		{"业务编号", "Engagement ID", "engagement_id"},
		{"沟通编号", "Contact ID", "id"},
		{"沟通日期", "Date", "occurred_at"},
		{"沟通时间", "Time", "occurred_at.time"},
		{"沟通方式", "Method", "method"},
		{"地点类型", "Place", "place.mode"},
		{"平台", "Platform", "place.platform"},
		{"会议号", "Meeting ID", "place.meeting_id"},
		{"地址", "Address", "place.address"},
		{"主题", "Topic", "topic"},
		{"客户参与人", "Customer participants", "customer_participants"},
		{"我方参与人", "Sales participants", "sales_participants"},
		{"记录时间", "Recorded at", "recorded_at"},
	}}
	sheetPoints = &sheet{zh: "沟通要点", en: "Points", child: true, cols: []column{
		{"业务编号", "Engagement ID", "engagement_id"},
		{"沟通编号", "Contact ID", "interaction_id"},
		{"要点", "Point", "point"},
	}}
	sheetNeeds = &sheet{zh: "需求", en: "Needs", child: true, cols: []column{
		{"业务编号", "Engagement ID", "engagement_id"},
		{"类别", "Class", "class"},
		{"优先级", "Priority", "priority"},
		{"内容", "Content", "content"},
	}}
	sheetActions = &sheet{zh: "跟进计划", en: "Actions", child: true, cols: []column{
		{"业务编号", "Engagement ID", "engagement_id"},
		{"行动编号", "Action ID", "id"},
		{"事项", "What", "what"},
		{"负责人", "Owner", "owner_id"},
		{"截止日期", "Deadline", "deadline"},
		{"状态", "Status", "status"},
	}}
	sheetRemarks = &sheet{zh: "备注", en: "Remarks", child: true, cols: []column{
		{"业务编号", "Engagement ID", "engagement_id"},
		{"备注编号", "Remark ID", "id"},
		{"时间", "At", "at"},
		{"作者", "Author", "author_id"},
		{"协同", "Collaboration", "collaboration"},
		{"内容", "Text", "text"},
	}}
	sheetLessons = &sheet{zh: "复盘经验", en: "Lessons", child: true, cols: []column{
		{"业务编号", "Engagement ID", "engagement_id"},
		{"类型", "Kind", "kind"},
		{"内容", "Text", "text"},
	}}
	registerSheets = []*sheet{sheetCustomers, sheetEngagements, sheetInteractions, sheetPoints,
		sheetNeeds, sheetActions, sheetRemarks, sheetLessons}
	childSheets = []*sheet{sheetInteractions, sheetPoints, sheetNeeds, sheetActions, sheetRemarks, sheetLessons}
)

// SheetNames lists the register's sheets (and CSV files, with ".csv") in
// their order: 客户, 业务, 沟通记录, 沟通要点, 需求, 跟进计划, 备注, 复盘经验.
func SheetNames() []string {
	out := make([]string, len(registerSheets))
	for i, s := range registerSheets {
		out[i] = s.zh
	}
	return out
}

// colIndex is the position of a field's column in a sheet's layout.
func (s *sheet) colIndex(field string) int {
	for i, c := range s.cols {
		if c.field == field {
			return i
		}
	}
	return -1
}

// header maps a sheet's header row to layout positions: at[i] is the
// file's column holding layout column i, or -1.
type header struct {
	at []int
	// place, when set, names the cell of layout column i (or the row, for
	// i < 0) of row: a form's rows are gathered from several rows of its
	// sheet (form_read.go), and a problem names the cell the team typed in.
	place func(i, row int) string
}

// readHeader matches a header row to s's columns by zh or en header,
// ignoring case and surrounding space; a cell may hold both, on two lines
// ("客户名称" above "Customer name"), as a form's headers do. It returns the header and the
// layout columns that are missing.
func (s *sheet) readHeader(row []string) (header, []column) {
	h := header{at: make([]int, len(s.cols))}
	var missing []column
	for i, c := range s.cols {
		h.at[i] = -1
		for j, cell := range row {
			zh, en, _ := strings.Cut(strings.ToLower(cleanText(cell)), "\n")
			if same := func(v string) bool {
				v = strings.TrimSpace(v)
				return v == strings.ToLower(c.zh) || v == strings.ToLower(c.en)
			}; same(zh) || en != "" && same(en) {
				h.at[i] = j
				break
			}
		}
		if h.at[i] < 0 {
			missing = append(missing, c)
		}
	}
	return h, missing
}

// cell returns layout column i of row, trimmed; "" when absent.
func (h header) cell(row []string, i int) string {
	j := h.at[i]
	if j < 0 || j >= len(row) {
		return ""
	}
	return cleanText(row[j])
}

// fileCol is the file's column letter of layout column i (A, B, …, AA).
func (h header) fileCol(i int) string {
	j := h.at[i]
	if j < 0 {
		j = i
	}
	return colName(j)
}

// cellName names the cell of layout column i in row (D17), or the row
// alone (17) for i < 0.
func (h header) cellName(i, row int) string {
	if h.place != nil {
		return h.place(i, row)
	}
	if i < 0 {
		return strconv.Itoa(row)
	}
	return h.fileCol(i) + strconv.Itoa(row)
}

// colName is the spreadsheet name of the zero-based column j.
func colName(j int) string {
	name := ""
	for j++; j > 0; j = (j - 1) / 26 {
		name = string(rune('A'+(j-1)%26)) + name
	}
	return name
}
