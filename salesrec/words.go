package salesrec

import (
	"fmt"
	"time"
)

// This file holds every message salesrec says to a person: the validation
// messages of every rule, the findings, the team review and the reminders.
// Each is written in Chinese as a sales manager would say it and in English
// beside it, so the two never drift apart and no call site assembles words
// of its own. A message with values is a function; its arguments that have
// labels (enums, windows) are shown in the message's own language.

// Message is one thing said to a person, in Chinese and in English.
type Message struct {
	Zh string `json:"zh"`
	En string `json:"en"`
}

// Text returns the message in lang: English for EN, Chinese for anything
// else (Chinese is the default).
func (m Message) Text(lang Lang) string {
	if lang == EN {
		return m.En
	}
	return m.Zh
}

// IsZero reports whether m says nothing.
func (m Message) IsZero() bool { return m == Message{} }

// labeled is a value shown by its label in a message's language.
type labeled interface{ Label(Lang) string }

// Label makes a Message usable as a value of another message: it is shown
// in that message's language.
func (m Message) Label(lang Lang) string { return m.Text(lang) }

// say formats a message in both languages. An argument with a Label method
// is replaced by its label in each language.
func say(zh, en string, args ...any) Message {
	return Message{Zh: fmt.Sprintf(zh, inLang(args, ZH)...), En: fmt.Sprintf(en, inLang(args, EN)...)}
}

func inLang(args []any, lang Lang) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if l, ok := a.(labeled); ok {
			a = l.Label(lang)
		}
		out[i] = a
	}
	return out
}

// window is a duration shown the way people say it: "24小时", "24 hours".
type window time.Duration

// Label says the window in lang.
func (w window) Label(lang Lang) string {
	if lang == EN {
		return plainDuration(time.Duration(w))
	}
	return zhDuration(time.Duration(w))
}

// Messages shared by many fields.
var (
	msgRequired    = Message{"必填", "is required"}
	msgNotNegative = Message{"不能为负数", "must not be negative"}
	msgNotBlank    = Message{"不能为空白", "must not be blank"}
	msgBadUTF8     = Message{"含有无法识别的字符(不是有效的 UTF-8 文本),请重新输入或粘贴", "contains bytes that are not valid text (UTF-8); re-type or re-paste it"}
	msgNUL         = Message{"含有空字符(NUL),请删除", "contains a NUL character; remove it"}
	msgRepeatedID  = Message{"编号与前面某一项重复", "repeats the id of an earlier item"}
	msgNotMember   = Message{"不是销售团队的成员", "is not a member of the sales team"}
)

func msgTooLong(max, n int) Message {
	return say("最多 %d 个字,现有 %d 个", "must be at most %d characters (this one has %d)", max, n)
}

// Enum fields.

func msgEnumRequired(choices string) Message {
	return say("必填,可选:%s", "is required (use one of %s)", choices)
}

func msgEnumUnknown(code string, name Message, choices string) Message {
	return say("“%s”不是可选的%s,可选:%s", "%q is not a known %s (use one of %s)", code, name, choices)
}

// Vague content.
var (
	msgVagueGoal    = Message{"太笼统:请写明这次业务要达成什么,例如“挖掘客户A的采购预算”,而不是“跟进客户”或“有需求”", "is too vague: say what this record should achieve, e.g. 挖掘客户A的采购预算 rather than 跟进客户 or 有需求"}
	msgVagueAction  = Message{"太笼统:请写明具体要做什么,例如“发送报价单”,而不是“跟进”", "is too vague: say what will be done, e.g. 发送报价单 rather than 跟进"}
	msgVagueContent = Message{"太笼统:请具体写客户需要什么、说了什么,例如“客户提出需支持多数据源实时对接,预算控制在50万以内”,而不是“客户有需求”", "is too vague: say concretely what the customer needs or said, e.g. 客户提出需支持多数据源实时对接,预算控制在50万以内 rather than 客户有需求"}
)

// Dates and times.

func msgDateOutOfRange(d Date) Message {
	return say("日期须在 %d 年到 %d 年之间(填的是 %s)", "must be a date between %d and %d (this one is %s)", MinYear, MaxYear, d)
}

func msgNotACalendarDay(d Date) Message {
	s := fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	return say("日历上没有这一天(%s)", "is not a real calendar day (%s)", s)
}

func msgTimeOutOfRange(year int) Message {
	return say("时间须在 %d 年到 %d 年之间(填的是 %d 年)", "must be a time between the years %d and %d (this one is in %d)", MinYear, MaxYear, year)
}

// Ids.

var msgIDRequired = Message{"请填写编号", "is required"}

func msgIDTooLong(n int) Message {
	return say("编号最多 %d 个字符,此编号有 %d 个", "is too long: an id has at most %d characters, this one has %d", MaxIDLen, n)
}

func msgIDBadChar(r shownRune) Message {
	return say("编号只能由英文字母、数字、-、_ 和 . 组成(此编号含有 %s)", "may contain only English letters, digits, '-', '_' and '.' (this one contains %s)", r)
}

func msgIDBadStart(r shownRune) Message {
	return say("编号须以英文字母或数字开头,不能以 %s 开头", "must start with an English letter or a digit, not %s", r)
}

// Money.

func msgAmountTooLarge(limit string) Message {
	return say("金额不能超过 %s,请核对是否多输了位数", "must be at most %s; check the amount for extra digits", limit)
}

func msgUnknownCurrency(code, codes string) Message {
	return say("“%s”不是可用的币种(可用:%s)", "%q is not a known currency (use one of %s)", code, codes)
}

// Team and member.
var msgMemberTeam = Message{"请填写成员所在的团队", "is required: the team the member belongs to"}

// Values typed by a person and refused by a parser (InputError).

func msgNotADate(s string) Message {
	return say("“%s”不是日期,请写成“年-月-日”,例如 2024-04-10", "%q is not a date: write it as YYYY-MM-DD, e.g. 2024-04-10", s)
}

func msgNoSuchDay(s string) Message {
	return say("日历上没有“%s”这一天,请核对月份和日期", "%q is not a real calendar day", s)
}

func msgDateYears(s string) Message {
	return say("“%[1]s”不在可记录的范围内:日期须在 %[2]d 年到 %[3]d 年之间", "%q must be a date between %d and %d", s, MinYear, MaxYear)
}

func msgNotATime(s string) Message {
	return say("“%s”不是时间,请写成 下午02:30 这样的格式(或 24 小时制的 14:30)", "%q is not a time: write it as 上午/下午HH:MM, e.g. 下午02:30 (or 14:30)", s)
}

// msgNotAnInstant refuses a moment that is neither RFC 3339 nor a day
// followed by a time of day.
func msgNotAnInstant(s string) Message {
	return say("“%s”不是时间点,请写成 2024-03-06 下午03:00(日期加时间),或带时区的 2024-03-06T15:00:00+08:00",
		"%q is not a moment: write a day and a time, e.g. 2024-03-06 下午03:00, or RFC 3339 with an offset, e.g. 2024-03-06T15:00:00+08:00", s)
}

// msgInstantPart says which part of a day-and-time could not be read.
func msgInstantPart(s string, why Message) Message {
	return say("“%s”读不出时间点:%s", "%q cannot be read as a moment: %s", s, why)
}

// msgMixedClock refuses 下午13:00 and the like: t24 is the hour as written
// ("13:00"), padded its 24-hour form ("13:00"), t12 its 12-hour form.
func msgMixedClock(s, t24, padded, t12 string) Message {
	return say("“%s”把12小时制和24小时制混在一起了:%s 已经是24小时制的时间,请去掉上午/下午写成 %s,或写成 %s",
		"%q mixes the 12-hour and 24-hour clocks: %s already is a 24-hour time, so drop 上午/下午 (AM/PM) and write %s, or write %s",
		s, t24, padded, t12)
}

func msgEnumEmpty(name Message) Message {
	return say("请填写%s", "%s is empty", name)
}

func msgEnumNotKnown(s string, name Message, choices labeled) Message {
	return say("“%s”不是可选的%s,可选:%s", "%q is not a known %s (use one of %s)", s, name, choices)
}

var msgAmountEmpty = Message{"请填写金额,例如 ¥80,000", "amount is empty: write an amount, e.g. ¥80,000"}

func msgAmountTwoCurrencies(s, a, b string) Message {
	return say("金额“%s”写了两种币种(%s 和 %s),请只写一种", "amount %q names two currencies (%s and %s)", s, a, b)
}

func msgAmountNegative(s string) Message {
	return say("金额“%s”不能为负数", "amount %q must not be negative", s)
}

func msgNotAnAmount(s string) Message {
	return say("“%s”不是金额,请写成 80,000 或 80000.50 这样的数字,可带 ¥ 或“万”", "amount %q is not a number: write it like 80,000 or 80000.50", s)
}

func msgAmountTooPrecise(s, currency string, units int64) Message {
	return say("金额“%s”的小数位太多:%s 最小到 1/%d", "amount %q has more decimals than %s allows (its smallest unit is 1/%d)", s, currency, units)
}

func msgAmountTooLargeIn(s string, limit Message) Message {
	return say("金额“%s”太大:%s", "amount %q is too large: %s", s, limit)
}

func msgBudgetApprox(s string) Message {
	return say("预算“%s”只是个大概数,请写明上限,例如“50万以内”", "budget %q is approximate: state a ceiling, e.g. 50万以内", s)
}

func msgBudgetRange(s string) Message {
	return say("预算“%s”的范围应从低到高、币种一致,例如“30-50万”", "budget %q is not a range from low to high", s)
}

func msgNotABudget(s string) Message {
	return say("看不出“%s”的预算上限,请写成“50万以内”“不超过¥500,000”这样的说法", "%q is not a budget: write a ceiling such as 50万以内, 不超过¥500,000 or up to 500k", s)
}

func msgUnknownLateMode(mode, mark, refuse string) Message {
	return say("“%s”不是可用的补录处理方式(可用:%s 标记补录,%s 拒绝补录)", "unknown late mode %q (use %q or %q)", mode, mark, refuse)
}

func msgUnknownZone(zone string) Message {
	return say("“%s”不是可识别的时区,请用 Asia/Shanghai 这样的名称", "%q is not a known time zone (use an IANA name such as Asia/Shanghai)", zone)
}

// Customer and contacts.
var (
	msgCustomerName = Message{"请填写客户全称", "is required: the customer's full legal name (全称)"}
	msgContactTitle = Message{"请填写联系人的准确职务,例如“采购总监”", "is required: the exact title, e.g. 采购总监"}
	msgEmail        = Message{"邮箱格式不对,例如 li@example.com", "must look like an email address, e.g. li@example.com"}
)

// Engagement, needs, proposal, remarks.
var (
	msgOwner        = Message{"请填写这条记录的负责人", "is required: the member who owns this record"}
	msgCustomer     = Message{"请选择这条记录对应的客户", "is required: the customer this record is about"}
	msgGoal         = Message{"请填写本次业务的核心目标,例如“挖掘客户A的采购预算”", "is required: the core goal of this record, e.g. 挖掘客户A的采购预算"}
	msgNeedContent  = Message{"请具体写明客户需要什么", "is required: say concretely what is needed"}
	msgProposal     = Message{"请填写方案的关键措施", "is required: the key measures of the solution"}
	msgRemarkAuthor = Message{"请填写备注人", "is required: who wrote the remark"}
	msgRemarkAt     = Message{"请填写备注时间", "is required: when the remark was written"}
)

// Interactions.
var (
	msgOccurredAt        = Message{"请填写沟通的日期和时间,例如 2024-04-08 下午02:30", "is required: the date and time of the contact, e.g. 2024-04-08 下午02:30"}
	msgTopic             = Message{"请填写本次沟通的核心主题", "is required: the core topic of the contact"}
	msgCustomerSide      = Message{"请至少填写一位客户方参与人(姓名和职务)", "needs at least one customer-side participant (name and title)"}
	msgSalesSide         = Message{"请至少填写一位销售方参与人(姓名和角色)", "needs at least one sales-side participant (name and role)"}
	msgPoints            = Message{"请至少记录一条沟通要点:客户提出了什么,或销售做了什么、承诺了什么", "needs at least one point: what the customer raised, or what sales did or committed"}
	msgOnlinePlace       = Message{"线上沟通请填写平台或会议号,例如“腾讯会议”或 123-456-789", "is required for an online contact: the platform or the meeting ID, e.g. 腾讯会议 or 123-456-789"}
	msgNotForOffline     = Message{"线下沟通有地址即可,不填平台或会议号", "must be empty for an offline contact: it has a street address, not a platform or a meeting ID"}
	msgNoAddressOnline   = Message{"线上沟通不填地址,请填平台或会议号", "must be empty for an online contact: it has a platform or a meeting ID, not a street address"}
	msgFaceToFaceOffline = Message{"面谈应为线下,请填写见面的地址(通过会议平台的沟通请选视频)", "must be offline (线下) for a face-to-face contact: give the address where it took place (a contact over a meeting platform is a video call)"}
	msgVideoOnline       = Message{"视频沟通应为线上,请填写平台或会议号,例如“腾讯会议”或 123-456-789(当面见面请选面谈)", "must be online (线上) for a video call: give the platform or the meeting ID, e.g. 腾讯会议 or 123-456-789 (a meeting in person is face-to-face)"}
	msgOfflinePlace      = Message{"线下沟通请填写地点", "is required for an offline contact: where it took place"}
	msgParticipantTitle  = Message{"请填写准确职务,例如“供应链负责人”", "is required: the exact title, e.g. 供应链负责人"}
	msgParticipantRole   = Message{"请填写在本次沟通中的角色,例如“主谈”", "is required: the role in this contact, e.g. 主谈"}
	msgFeedbackSubject   = Message{"反馈请注明针对的是方案、报价还是合同条款", "is required for feedback: say whether it is about the proposal, the quote or the contract terms"}
	msgHandling          = Message{"异议请写明处理方式", "is required for an objection: how it was handled"}
	msgResult            = Message{"异议请写明处理结果", "is required for an objection: the result of handling it"}
)

func msgInFuture(at, now string) Message {
	return say("沟通时间在将来(%s,现在是 %s):请在沟通结束后再记录", "is in the future (%s, now is %s): record a contact after it happened", at, now)
}

func msgRecordedTooLate(w time.Duration) Message {
	return say("记录得太晚:沟通结束已超过%s(事后补录);请在%s内记录", "was recorded too late: more than %s after the contact (事后补录); record contacts within %s", window(w), window(w))
}

// Actions.
var (
	labelOverdue      = Message{"已逾期", "overdue"}
	msgActionWhat     = Message{"请写明具体要做什么,例如“发送报价单”", "is required: say what will be done, e.g. 发送报价单"}
	msgActionOwner    = Message{"请填写执行这项行动的团队成员", "is required: the team member who does it"}
	msgActionDeadline = Message{"请填写完成时限,格式 YYYY-MM-DD", "is required: the day it must be done by, YYYY-MM-DD"}
)

// Outcomes and status changes.
var (
	msgOpenOutcome      = Message{"业务待推进时不能填写结果:先标记为已成交或已终止", "must be empty while the engagement is open: close it as won or terminated to record an outcome"}
	msgWonOutcome       = Message{"已成交的业务请填写合同金额和签约日期", "is required for a won engagement: the contract amount and signing date"}
	msgTermOutcome      = Message{"已终止的业务请填写终止原因及其类别", "is required for a terminated engagement: the reason and its category"}
	msgNotForWon        = Message{"已成交的业务不填终止原因(已成交只需金额和签约日期)", "must be empty for a won engagement (a won engagement has an amount and signing date, not a termination reason)"}
	msgNotForTerminated = Message{"已终止的业务不填金额和签约日期(已终止只需终止原因)", "must be empty for a terminated engagement (a terminated engagement has a reason, not an amount or signing date)"}
	msgWonAmountZero    = Message{"成交金额须大于零,请填写合同金额,例如 ¥80,000", "must be greater than zero for a won engagement: the contract amount, e.g. ¥80,000"}
	msgWonAmount        = Message{"请填写合同金额,例如 ¥80,000", "is required for a won engagement: the contract amount, e.g. ¥80,000"}
	msgSignedOn         = Message{"请填写签约日期,格式 YYYY-MM-DD", "is required for a won engagement: the signing date, YYYY-MM-DD"}
	msgReason           = Message{"请客观写明终止原因,例如“预算调整,暂缓采购”", "is required for a terminated engagement: an objective reason, e.g. 预算调整,暂缓采购"}
	msgLessonText       = Message{"请填写经验总结的内容", "is required"}
	msgReopenReason     = Message{"请写明重新推进的原因", "is required: say why the engagement is reopened"}
)

func msgSignedInFuture(d Date) Message {
	return say("签约日期不能晚于今天(%s 在今天之后)", "must not be in the future (%s is after today)", d)
}

// Findings.

func msgLateFinding(when string, w time.Duration) Message {
	return say("%s 的沟通在结束%s后才记录(事后补录)", "the contact of %s was recorded more than %s after it happened (back-filled)", when, window(w))
}

func msgCommitmentFinding(text string) Message {
	return say("销售承诺“%s”没有对应的跟进行动", "the commitment %q has no follow-up action", text)
}

func msgObjectionFinding(text string) Message {
	return say("客户异议“%s”未标注处理结果", "the objection %q does not say the result of handling it", text)
}

func msgOverdueFinding(what string, deadline Date) Message {
	return say("行动“%s”已逾期(完成时限 %s)", "the action %q is overdue (deadline %s)", what, deadline)
}

func msgStaleFinding(days int) Message {
	return say("待推进的业务已%d天没有沟通记录", "the open engagement has had no contact for %d days", days)
}

func msgNoLessonsFinding(s Status) Message {
	return say("业务%s,但还没有经验总结(成功点/改进点)", "the engagement is %s but has no lessons (success or improvement points)", s)
}

// Status changes refused (TransitionError).
var (
	msgWonIsFinal        = Message{"已成交的业务已经结案,不能再改结果状态", "a won engagement is final and cannot change status"}
	msgWonNotReopened    = Message{"已成交的业务已经结案,不能重新推进", "a won engagement is final and cannot be reopened"}
	msgReopenWithReason  = Message{"已终止的业务只能写明原因后重新推进(用 Reopen)", "a terminated engagement is reopened only with a reason (use Reopen)"}
	msgTerminatedIsFinal = Message{"已终止的业务已经结案;如要继续跟进,请先重新推进", "a terminated engagement is final; reopen it first if the pursuit continues"}
)

func msgUnknownFrom(s Status) Message {
	return say("当前结果状态“%s”不是可识别的状态", "the current status %q is not a known status", string(s))
}

func msgUnknownTo(s Status) Message {
	return say("“%s”不是可选的结果状态(请用 已成交 或 已终止)", "%q is not a known status (use won or terminated)", string(s))
}

// msgAlready refuses a change to the status the engagement already has.
// TransitionError shows it alone, without "from … to …".
func msgAlready(s Status) Message {
	switch s {
	case StatusOpen:
		return Message{"业务仍在推进中,无需重新打开", "the engagement is still open; there is nothing to reopen"}
	case StatusWon:
		return Message{"业务已经成交,结果无需再改", "the engagement is already won"}
	case StatusTerminated:
		return Message{"业务已经终止,结果无需再改", "the engagement is already terminated"}
	}
	return say("业务已经是%s", "the engagement is already %s", s)
}

func msgTransition(from, to Status, why Message) Message {
	return say("结果状态不能从“%s”改为“%s”:%s", "invalid status transition from %q to %q: %s", from, to, why)
}

// msgNoAddressRemote refuses an address on a phone or email contact.
func msgNoAddressRemote(m Method) Message {
	return say("%s沟通没有地址,请不填地点,或只写渠道(例如“微信”)", "must be empty for a contact by %s: it has no street address (leave the place out, or name the channel, e.g. 微信)", m)
}

// msgRemoteOnline says a phone or email contact is online or has no place.
func msgRemoteOnline(m Method) Message {
	return say("%s沟通应为线上或不填地点:它没有地址", "must be online (线上) or left out for a contact by %s: it has no street address", m)
}

// Teams, members and the customer directory.
var (
	msgHandToSelf        = Message{"交接人不能是要停用的成员本人", "must be another member than the one being deactivated"}
	msgHandToNotActive   = Message{"不是本团队在职的成员", "is not an active member of the team"}
	msgLastManager       = Message{"团队至少要保留一位在职的经理或管理员", "would leave the team without an active manager or admin"}
	msgDuplicateCustomer = Message{"团队里已有同名(全称相同)的客户,请直接使用该客户", "a customer of the team already has this full name; use that customer"}
)

func msgOpenWork(engagements, actions int) Message {
	return say("该成员还负责 %d 个进行中的业务、%d 项未完成的行动,请指定交接人", "the member still owns %d open engagements and %d open actions: name who takes them over", engagements, actions)
}

// Review headings.
var (
	msgReviewNothing    = Message{"本周没有需要处理的事项", "nothing needs attention this week"}
	msgReviewOverdue    = Message{"已逾期的行动", "overdue actions"}
	msgReviewDueSoon    = Message{"近期到期的行动", "actions due soon"}
	msgReviewLate       = Message{"事后补录的沟通", "contacts recorded late (back-filled)"}
	msgReviewSilent     = Message{"久未联系的业务", "engagements with no recent contact"}
	msgReviewUnfollowed = Message{"没有跟进行动的销售承诺", "commitments with no follow-up action"}
	msgReviewNoLessons  = Message{"已结案但未总结经验的业务", "closed engagements without lessons"}
)

func msgReviewSpan(max int) Message {
	return say("最多 %d 天", "must be at most %d days", max)
}

func msgReviewHeading(today, from Date) Message {
	return say("周复盘(%s,统计期 %s 至 %s)", "Weekly review (%s; period %s to %s)", today, from, today)
}

func msgReviewOwner(name string) Message {
	return say("【%s】", "[%s]", name)
}

func msgReviewAction(customer, what string, deadline Date) Message {
	return say("%s:%s(完成时限 %s)", "%s: %s (deadline %s)", customer, what, deadline)
}

func msgReviewContact(customer, when string) Message {
	return say("%s:%s 的沟通", "%s: the contact of %s", customer, when)
}

func msgReviewSilentItem(customer string, days int) Message {
	return say("%s:已 %d 天没有沟通", "%s: no contact for %d days", customer, days)
}

func msgReviewCommitments(customer, when string, n int) Message {
	return say("%s:%s 沟通中的 %d 项承诺", "%[1]s: %[3]d commitment(s) made in the contact of %[2]s", customer, when, n)
}

func msgReviewClosed(customer string, s Status) Message {
	return say("%s:%s", "%s: %s", customer, s)
}

func msgReviewPipeline(open, won, terminated int) Message {
	return say("业务概况:推进中 %d,已成交 %d,已终止 %d", "Pipeline: %d open, %d won, %d terminated", open, won, terminated)
}

func msgReviewWonMonth(month string, n int, amount string) Message {
	return say("%s 成交 %d 笔,合计 %s", "%s: %d won, %s in total", month, n, amount)
}

func msgReviewReason(c ReasonCategory, n int) Message {
	return say("终止原因“%s”:%d 笔", "terminated for %s: %d", c, n)
}

// Reminders.

func msgReminderDueTomorrow(customer, what string, deadline Date) Message {
	return say("提醒:%s 的行动“%s”明天(%s)到期", "Reminder: the action %[2]q for %[1]s is due tomorrow (%[3]s)", customer, what, deadline)
}

func msgReminderOverdue(customer, what string, deadline Date) Message {
	return say("提醒:%s 的行动“%s”已逾期(完成时限 %s)", "Reminder: the action %[2]q for %[1]s is overdue (deadline %[3]s)", customer, what, deadline)
}

func msgReminderSilent(customer string, days int) Message {
	return say("提醒:与 %s 的业务已 %d 天没有沟通", "Reminder: no contact with %s for %d days", customer, days)
}

func msgReminderUnrecorded(customer, when string, w time.Duration) Message {
	return say("提醒:%[2]s 与 %[1]s 的会面已过%[3]s,还没有记录沟通", "Reminder: the meeting with %s at %s was over %s ago and no contact is recorded", customer, when, window(w))
}
