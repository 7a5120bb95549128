package workbook

import (
	"fmt"

	"github.com/dealtrail/dealtrail/salesrec"
)

// What the report says about a workbook, in Chinese and English; the
// rules of the records themselves are salesrec's words.
var (
	msgNoSheet = func(zh, en string) salesrec.Message {
		return salesrec.Message{Zh: "缺少工作表「" + zh + "」", En: "the sheet " + en + " (" + zh + ") is missing"}
	}
	msgNoColumn = func(zh, en string) salesrec.Message {
		return salesrec.Message{Zh: "缺少「" + zh + "」列", En: "the column " + en + " (" + zh + ") is missing"}
	}
	msgKeyRequired = salesrec.Message{Zh: "请填写业务编号", En: "needs the engagement ID"}
	msgKeyRepeated = func(key string) salesrec.Message {
		return salesrec.Message{Zh: "业务编号「" + key + "」重复出现", En: "engagement ID " + key + " appears twice"}
	}
	msgUnknownKey = func(key string) salesrec.Message {
		return salesrec.Message{Zh: "「业务」表中没有业务编号「" + key + "」", En: "no engagement " + key + " in the Engagements sheet"}
	}
	msgUnknownMember = func(name string) salesrec.Message {
		return salesrec.Message{Zh: "团队里没有叫「" + name + "」的成员", En: "no member of the team is called " + name}
	}
	msgTwoMembers = func(name string) salesrec.Message {
		return salesrec.Message{Zh: "团队里有两位成员叫「" + name + "」,请填写成员编号", En: "two members of the team are called " + name + ": give the member ID"}
	}
	msgUnknownContact = func(id string) salesrec.Message {
		return salesrec.Message{Zh: "「沟通记录」表中本业务没有沟通编号「" + id + "」", En: "this engagement has no contact " + id + " in the Contacts sheet"}
	}
	msgContactIDRequired = salesrec.Message{Zh: "请填写沟通编号,要点靠它对应到沟通记录", En: "needs the contact ID that links points to it"}
	msgNeedDateAndTime   = func(s string) salesrec.Message {
		return salesrec.Message{Zh: "「" + s + "」须写成日期加时间,如 2024-04-10 下午2:15", En: s + " must be a date and a time, e.g. 2024-04-10 14:15"}
	}
	msgNotVersion = func(s string) salesrec.Message {
		return salesrec.Message{Zh: "「" + s + "」不是版本号(正整数)", En: s + " is not a version (a positive whole number)"}
	}
	msgTooManyRows = func(n int) salesrec.Message {
		return salesrec.Message{Zh: fmt.Sprintf("行数超过上限 %d,请分成几个文件导入", n), En: fmt.Sprintf("has more than %d rows: import it in several files", n)}
	}
	msgTooLong = func(n int) salesrec.Message {
		return salesrec.Message{Zh: fmt.Sprintf("内容超过 %d 个字符", n), En: fmt.Sprintf("is longer than %d characters", n)}
	}
	msgNoForm        = salesrec.Message{Zh: "工作簿里没有一张记录表(每张表以「业务信息」一栏开头)", En: "holds no form (a form starts with the Engagement block)"}
	msgOutsideForm   = salesrec.Message{Zh: "这一行不在记录表的任何一栏之内,请填在对应栏目的表头下", En: "this row is in no block of the form: type it under its block's header"}
	msgOneRow        = salesrec.Message{Zh: "这一栏只填一行,多出的一行不会导入", En: "this block takes one row: the extra row would not be imported"}
	msgNotAWorkbook  = salesrec.Message{Zh: "不是可读取的 Excel 工作簿(.xlsx),或文件已损坏、超出大小上限", En: "is not a readable Excel workbook (.xlsx), or it is damaged or too large"}
	msgUnreadableCSV = salesrec.Message{Zh: "无法按 CSV 读取", En: "cannot be read as CSV"}
	msgMoreProblems  = func(n int) salesrec.Message {
		return salesrec.Message{Zh: fmt.Sprintf("另有 %d 处问题未列出", n), En: fmt.Sprintf("%d more problems not listed", n)}
	}
	msgSheetFull = func(zh, en string) salesrec.Message {
		return salesrec.Message{Zh: "「" + zh + "」表已到 Excel 的行数上限(1,048,576 行),请分批导出,例如按客户或时间筛选",
			En: "the " + en + " sheet has reached Excel's limit of 1,048,576 rows: export in parts, e.g. filtered by customer or by date"}
	}
)

// labels of the report's summary.
var (
	labelDryRun  = salesrec.Message{Zh: "试导入(未写入)", En: "dry run (nothing written)"}
	labelSummary = salesrec.Message{Zh: "新建 %d 条,更新 %d 条,未变 %d 条,未导入 %d 条", En: "%d created, %d updated, %d unchanged, %d not imported"}
)
