package salesrec

import "fmt"

// notesMsg is a message about pasted notes in Chinese and English. text is
// the one place that turns it into the Message a *ValidationError carries.
type notesMsg struct{ zh, en string }

func (m notesMsg) text() Message { return Message{Zh: m.zh, En: m.en} }

var msgNoPoints = notesMsg{
	zh: "没有找到要点:请分点记录,每行以 客户提出: / 客户反馈(报价): / 销售承诺: / 异议: 等开头",
	en: "no points found: write one point per line, each starting with Customer raised:, Customer feedback (quote):, Sales promised:, Objection: …",
}

func msgUnknownLine(n int, ex string) notesMsg {
	return notesMsg{
		zh: fmt.Sprintf("第%d行「%s」看不出是谁说的、是什么:请以 客户提出: / 客户反馈(报价): / 客户认可: / 销售动作: / 销售承诺: / 异议: 开头", n, ex),
		en: fmt.Sprintf("line %d %q does not say who speaks or what it is: start it with Customer raised:, Customer feedback (quote):, Customer approved:, Sales did:, Sales promised: or Objection:", n, ex),
	}
}

func msgNoColon(n int, ex, marker string) notesMsg {
	return notesMsg{
		zh: fmt.Sprintf("第%d行「%s」以「%s」开头,但后面缺少冒号:请写成「%s:…」", n, ex, marker, marker),
		en: fmt.Sprintf("line %d %q starts with %q but has no colon after it: write %q", n, ex, marker, marker+": …"),
	}
}

func msgBadSubject(n int, ex, subject string) notesMsg {
	return notesMsg{
		zh: fmt.Sprintf("第%d行「%s」括号里的「%s」不是反馈对象:请写 方案、报价、合同条款 或 其他", n, ex, subject),
		en: fmt.Sprintf("line %d %q: %q in brackets is not what feedback can be about: write proposal, quote, contract terms or other", n, ex, subject),
	}
}

func msgOrphanPart(n int, ex string, part partKind) notesMsg {
	zh, en := partNames(part)
	return notesMsg{
		zh: fmt.Sprintf("第%d行「%s」的%s前面没有要点:请把它写在对应的「异议:」同一行或下一行", n, ex, zh),
		en: fmt.Sprintf("line %d %q: the %s follows no point: put it on the Objection: line or the line after it", n, ex, en),
	}
}

func msgDuplicatePart(n int, ex string, part partKind) notesMsg {
	zh, en := partNames(part)
	return notesMsg{
		zh: fmt.Sprintf("第%d行「%s」又写了一次%s:一个要点只能有一个%s", n, ex, zh, zh),
		en: fmt.Sprintf("line %d %q gives the %s a second time: a point has one %s", n, ex, en, en),
	}
}

func partNames(part partKind) (zh, en string) {
	if part == partResult {
		return "结果", "result"
	}
	return "处理", "handling"
}

// ruleMessage places a rule's message (from Point's validation) on the line
// the point starts on, and says how to supply a missing part in notes.
func ruleMessage(n int, ex, field string, msg Message) Message {
	m := notesMsg{zh: fmt.Sprintf("第%d行「%s」", n, ex), en: fmt.Sprintf("line %d %q", n, ex)}
	switch field {
	case "subject":
		m.zh += ":请在标记后的括号里写明反馈对象,如 客户反馈(报价):…"
		m.en += ": name what the feedback is about in brackets after the marker, e.g. Customer feedback (quote): …"
	case "handling":
		m.zh += ":异议需写明处理方式,如 异议:… 处理:… 结果:…"
		m.en += ": an objection needs its handling, e.g. Objection: … Handling: … Result: …"
	case "result":
		m.zh += ":异议需标注处理结果,如 异议:… 处理:… 结果:…"
		m.en += ": an objection needs the result of handling it, e.g. Objection: … Handling: … Result: …"
	}
	return Message{Zh: m.zh + " — " + msg.Zh, En: m.en + " — " + field + " " + msg.En}
}
