package salesrec

import "time"

// The words of the team review and of reminders, in Chinese as a sales
// manager would say them and in English beside them (see words.go for the
// messages of validation and findings).

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
