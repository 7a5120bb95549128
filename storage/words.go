package storage

import "github.com/dealtrail/dealtrail/salesrec"

// The messages the store says about a request, in Chinese and English;
// salesrec's rules say the rest.
var (
	msgNotNegative         = salesrec.Message{Zh: "不能为负数", En: "must not be negative"}
	msgNoSuchCustomer      = salesrec.Message{Zh: "团队里没有这个客户", En: "names no customer of the team"}
	msgCannotChange        = salesrec.Message{Zh: "不能修改", En: "cannot change"}
	msgUnknownStatus       = salesrec.Message{Zh: "不是可选的结果状态", En: "is not a known status"}
	msgUnknownStage        = salesrec.Message{Zh: "不是可选的业务阶段", En: "is not a known stage"}
	msgRangeReversed       = salesrec.Message{Zh: "结束时间须晚于开始时间", En: "must be after occurred_from"}
	msgBadCursor           = salesrec.Message{Zh: "不是本系统给出的翻页位置", En: "is not a cursor this store returned"}
	msgTooManyNames        = salesrec.Message{Zh: "一次查询的名称太多", En: "asks for too many names at once"}
	msgPastFeedEnd         = salesrec.Message{Zh: "晚于最后一条变更", En: "is after the last change in the feed"}
	msgTooManyCustomers    = salesrec.Message{Zh: "一次查询的客户太多", En: "asks for too many customers at once"}
	msgTooManyEngagements  = salesrec.Message{Zh: "一次查询的业务记录太多", En: "asks for too many engagements at once"}
	msgUnknownZone         = salesrec.Message{Zh: "不是可识别的时区,请用 Asia/Shanghai 这样的名称", En: "is not a known IANA time zone"}
	msgUnknownRole         = salesrec.Message{Zh: "须为销售代表、经理或管理员", En: "must be rep, manager or admin"}
	msgNoSuchTeam          = salesrec.Message{Zh: "没有这个团队", En: "names no team"}
	msgUnknownActionStatus = salesrec.Message{Zh: "不是可选的行动状态", En: "is not a known action status"}
	msgBadUTF8             = salesrec.Message{Zh: "含有无法识别的字符(不是有效的 UTF-8 文本)", En: "is not valid UTF-8 text"}
	msgNUL                 = salesrec.Message{Zh: "含有空字符(NUL),请删除", En: "contains a NUL character"}
	msgRecordedLater       = salesrec.Message{Zh: "记录时间晚于现在,请填写实际记录的时间", En: "is later than now: give the time it was actually recorded"}
	msgQueryTooLong        = salesrec.Message{Zh: "查询的文字太长", En: "is too long for a search"}
	msgQueryLineBreak      = salesrec.Message{Zh: "查询的文字不能换行", En: "must not hold a line break"}
	msgUnknownMatch        = salesrec.Message{Zh: "须为前缀匹配(prefix)或包含匹配(contains)", En: "must be prefix or contains"}
	msgNotTeamMember       = salesrec.Message{Zh: "不是本团队的成员", En: "is not a member of the team"}
	msgConsumer            = salesrec.Message{Zh: "请填写取提醒的程序名称(最多 200 个字)", En: "must name the consumer (at most 200 characters)"}
	msgClaimCount          = salesrec.Message{Zh: "一次取 1 到 1000 条", En: "must be from 1 to 1000"}
	msgMeetingAt           = salesrec.Message{Zh: "请填写会面时间", En: "is required: the meeting's time"}
	msgLease               = salesrec.Message{Zh: "租期须在 1 秒到 24 小时之间", En: "must be from 1 second to 24 hours"}
)
