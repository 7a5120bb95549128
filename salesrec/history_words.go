package salesrec

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"
)

// HistoryWords describes history entries the way a sales manager reads an
// audit trail: when, who, and what they did, in Chinese or in English.
//
//	2024-03-06 18:10 张伟 记录了一次沟通(电话,下午03:00)
//	2024-03-08 09:30 周经理 添加了备注(法务审核)
//	2024-03-28 16:05 李娜 将结果改为 已成交(¥80,000)
//	2024-03-06 18:10 Zhang Wei logged a contact (phone, 03:00 PM)
//
// The words are read from each entry's field-level changes, which stay
// available underneath (HistoryLine.Entry.Changes). The zero value writes
// Chinese, in Asia/Shanghai, naming actors by their member id.
type HistoryWords struct {
	// Lang is the language of the words; anything but EN is Chinese.
	Lang Lang
	// Loc is the team's time zone, for the entry's time and the time of a
	// logged contact; nil means Asia/Shanghai.
	Loc *time.Location
	// Name returns the name to show for a member id (a member's Name, or
	// an English spelling of it). Nil, or an empty result, shows the id.
	Name func(memberID string) string
}

// HistoryLine is one history entry in words.
type HistoryLine struct {
	// Entry is the entry described, with its field-level Changes.
	Entry HistoryEntry
	// At is the entry's time in the team's zone: "2024-03-06 18:10".
	At string
	// Actor is the name of the member who made the change.
	Actor string
	// Text says what the actor did: "记录了一次沟通(电话,下午03:00)",
	// "将跟进事项「提供报价单」标为已完成", "updated the needs and proposal".
	Text string
}

// String is the whole line: time, actor and what they did.
func (l HistoryLine) String() string { return l.At + " " + l.Actor + " " + l.Text }

// Describe describes an engagement's history, entries oldest first as
// History returns them. Reading the whole history lets a line name what a
// change touched even when the change itself does not hold it: the action
// whose status changed ("将跟进事项「提供报价单」标为已完成"), the amount of a
// deal closed in an entry that only changed the status.
func (w HistoryWords) Describe(entries []HistoryEntry) []HistoryLine {
	state := map[string]string{}
	out := make([]HistoryLine, len(entries))
	for i, h := range entries {
		out[i] = w.describe(h, state)
	}
	return out
}

// DescribeEntry describes one entry on its own. Without the entries before
// it, what the entry did not change is unknown: a status change of an
// action reads "将一项跟进事项标为已完成". Prefer Describe for a whole history.
func (w HistoryWords) DescribeEntry(h HistoryEntry) HistoryLine {
	return w.describe(h, map[string]string{})
}

// describe applies h's changes to state (the engagement's leaves, see
// Replay) and describes h from its changes and the state after it.
func (w HistoryWords) describe(h HistoryEntry, state map[string]string) HistoryLine {
	for _, c := range h.Changes {
		if c.After == "null" || c.After == "" {
			delete(state, c.Field)
		} else {
			state[c.Field] = c.After
		}
	}
	loc := w.Loc
	if loc == nil {
		loc = shanghai
	}
	lang := w.Lang
	if lang != EN {
		lang = ZH
	}
	actor := ""
	if w.Name != nil {
		actor = w.Name(h.ActorID)
	}
	if actor == "" {
		actor = h.ActorID
	}
	at := h.At.In(loc)
	n := narration{lang: lang, loc: loc, at: at, state: state}
	return HistoryLine{Entry: h, At: at.Format("2006-01-02 15:04"), Actor: actor, Text: n.text(h)}
}

// narration builds the words of one entry.
type narration struct {
	lang  Lang
	loc   *time.Location
	at    time.Time
	state map[string]string // leaves after the entry
}

func (n narration) text(h HistoryEntry) string {
	switch h.Op {
	case OpCreate:
		return n.word("create")
	case OpCustomerUpdate:
		return n.word("customer")
	}
	groups := groupByField(h.Changes)
	var clauses []string
	if c, ok := groups["status"]; ok {
		clauses = append(clauses, n.statusClause(c))
		delete(groups, "status")
		delete(groups, "outcome")
		delete(groups, "reopen_reason")
	}
	clauses = append(clauses, n.itemClauses(groups)...)
	var sections []string
	for _, s := range historySections {
		for _, key := range s.keys {
			if _, ok := groups[key]; ok {
				sections = append(sections, n.pick(s.zh, s.en))
				break
			}
		}
		for _, key := range s.keys {
			delete(groups, key)
		}
	}
	if len(groups) > 0 {
		sections = append(sections, n.word("other"))
	}
	if len(sections) > 0 {
		clauses = append(clauses, n.word("updated")+n.list(sections))
	}
	if len(clauses) == 0 {
		return n.word("nothing")
	}
	return strings.Join(clauses, n.pick(",", ", "))
}

// statusClause describes a change of the result status: closed as won (with
// the amount), terminated (with the reason) or reopened (with the reason).
func (n narration) statusClause(changes []FieldChange) string {
	to := Status(n.str("status"))
	switch to {
	case StatusWon:
		detail := ""
		if minor, err := strconv.ParseInt(n.state["outcome.amount.minor"], 10, 64); err == nil {
			detail = Money{Minor: minor, Currency: n.str("outcome.amount.currency")}.String()
		}
		return n.word("result") + to.Label(n.lang) + n.paren(detail)
	case StatusTerminated:
		var parts []string
		if cat := ReasonCategory(n.str("outcome.reason_category")); cat != "" {
			parts = append(parts, cat.Label(n.lang))
		}
		if r := n.str("outcome.reason"); r != "" {
			parts = append(parts, r)
		}
		return n.word("result") + to.Label(n.lang) + n.paren(strings.Join(parts, n.pick(":", ": ")))
	case StatusOpen:
		if before := statusBeforeChange(changes); before == StatusWon || before == StatusTerminated {
			detail := ""
			if r := n.str("reopen_reason"); r != "" {
				detail = n.word("reason") + r
			}
			return n.word("reopen") + n.paren(detail)
		}
	}
	return n.word("result") + to.Label(n.lang)
}

func statusBeforeChange(changes []FieldChange) Status {
	for _, c := range changes {
		if c.Field == "status" {
			var s string
			if json.Unmarshal([]byte(c.Before), &s) == nil {
				return Status(s)
			}
		}
	}
	return ""
}

// itemClauses describes the notable changes to list items: a contact
// logged, a follow-up action added or its status changed, a remark added.
// The items it describes leave groups; the rest is left for the sections.
func (n narration) itemClauses(groups map[string][]FieldChange) []string {
	var out []string
	for _, key := range []string{"interactions", "actions", "remarks"} {
		items, rest := changesByItem(groups[key])
		for _, it := range items {
			var clause string
			switch {
			case key == "interactions" && it.added:
				clause = n.contactClause(it.prefix)
			case key == "actions" && it.added:
				clause = n.word("action added")
				if what := n.str(it.prefix + ".what"); what != "" {
					clause += n.pick("", " ") + n.quote(what)
				}
			case key == "actions" && it.status:
				// The status is news of its own; anything else changed
				// with it is a change to the plan.
				clause = n.actionStatusClause(it.prefix)
				for _, c := range it.changes {
					if c.Field != it.prefix+".status" {
						rest = append(rest, c)
					}
				}
			case key == "remarks" && it.added:
				clause = n.word("remark") + n.paren(remarkCollabLabel(n.str(it.prefix+".collaboration"), n.lang))
			default:
				rest = append(rest, it.changes...)
				continue
			}
			out = append(out, clause)
		}
		if len(rest) > 0 {
			groups[key] = rest
		} else {
			delete(groups, key)
		}
	}
	return out
}

func remarkCollabLabel(code string, lang Lang) string {
	if code == "" {
		return ""
	}
	return Collaboration(code).Label(lang)
}

// contactClause describes a logged contact: its method and time, the date
// too when it is not the day of the entry, and whether it was late.
func (n narration) contactClause(prefix string) string {
	var parts []string
	if m := n.str(prefix + ".method"); m != "" {
		parts = append(parts, Method(m).Label(n.lang))
	}
	if t, err := time.Parse(time.RFC3339Nano, n.str(prefix+".occurred_at")); err == nil {
		t = t.In(n.loc)
		clock := FormatClock(t)
		if n.lang == EN {
			clock = FormatClockEN(t)
		}
		if DateOf(t) != DateOf(n.at) {
			clock = DateOf(t).String() + " " + clock
		}
		parts = append(parts, clock)
	}
	if n.state[prefix+".late"] == "true" {
		parts = append(parts, n.word("late"))
	}
	return n.word("contact") + n.paren(strings.Join(parts, n.pick(",", ", ")))
}

// actionStatusClause describes a follow-up action whose status changed.
func (n narration) actionStatusClause(prefix string) string {
	st := ActionStatus(n.str(prefix + ".status")).Label(n.lang)
	what := n.str(prefix + ".what")
	if n.lang == EN {
		if what == "" {
			return "marked a follow-up action as " + st
		}
		return "marked the follow-up action " + n.quote(what) + " as " + st
	}
	if what == "" {
		return "将一项跟进事项标为" + st
	}
	return "将跟进事项" + n.quote(what) + "标为" + st
}

// itemChanges is the changes to one element of a list, e.g. actions[2].
type itemChanges struct {
	prefix  string // "actions[2]"
	changes []FieldChange
	added   bool // every leaf is new: the element was added
	status  bool // its status changed (from one status to another)
}

// changesByItem splits a list's changes by element, in index order. Changes to
// the list itself ("actions" becoming [] or leaving it) come back as rest.
func changesByItem(changes []FieldChange) (items []itemChanges, rest []FieldChange) {
	at := map[int]int{} // index → position in items
	for _, c := range changes {
		segs := splitPath(c.Field)
		if len(segs) < 2 || !segs[1].isIndex || segs[1].n < 0 {
			rest = append(rest, c)
			continue
		}
		i, ok := at[segs[1].n]
		if !ok {
			i = len(items)
			at[segs[1].n] = i
			items = append(items, itemChanges{prefix: segs[0].key + "[" + segs[1].index + "]", added: true})
		}
		it := &items[i]
		it.changes = append(it.changes, c)
		it.added = it.added && (c.Before == "null" || c.Before == "") && c.After != "null"
		if c.Field == it.prefix+".status" && c.Before != "null" && c.Before != "" && c.After != "null" {
			it.status = true
		}
	}
	sort.SliceStable(items, func(a, b int) bool { return pathLess(items[a].prefix, items[b].prefix) })
	return items, rest
}

// groupByField groups changes by their top-level field, leaving out what
// every write changes and nobody reads as news (version, updated_at).
func groupByField(changes []FieldChange) map[string][]FieldChange {
	g := map[string][]FieldChange{}
	for _, c := range changes {
		key := c.Field
		if i := strings.IndexAny(key, ".["); i >= 0 {
			key = key[:i]
		}
		switch key {
		case "id", "team_id", "version", "created_at", "updated_at":
			continue
		}
		g[key] = append(g[key], c)
	}
	return g
}

// historySections names the parts of a record in the template's order, for
// "更新了需求与方案": the template's own names for its sections and fields.
var historySections = []struct {
	keys   []string
	zh, en string
}{
	{[]string{"customer_id"}, "客户", "customer"},
	{[]string{"owner_id"}, "负责人", "owner"},
	{[]string{"stage"}, "业务阶段", "business stage"},
	{[]string{"goal"}, "记录目标", "goal"},
	{[]string{"interactions"}, "沟通记录", "contact records"},
	{[]string{"needs", "proposal"}, "需求与方案", "needs and proposal"},
	{[]string{"actions"}, "跟进计划", "follow-up plan"},
	{[]string{"outcome"}, "结果", "result"},
	{[]string{"lessons"}, "经验总结", "lessons"},
	{[]string{"remarks"}, "备注", "remarks"},
	{[]string{"reopen_reason"}, "重新打开的原因", "reason for reopening"},
}

// historyWords holds the fixed words of history lines, zh and en side by
// side.
var historyWords = map[string][2]string{
	"create":       {"新建了业务", "created the engagement"},
	"customer":     {"更新了客户资料", "updated the customer's details"},
	"contact":      {"记录了一次沟通", "logged a contact"},
	"late":         {"事后补录", "recorded late"},
	"remark":       {"添加了备注", "added a remark"},
	"action added": {"新增了跟进事项", "added a follow-up action"},
	"result":       {"将结果改为 ", "changed the result to "},
	"reopen":       {"重新打开了业务", "reopened the engagement"},
	"reason":       {"原因:", "reason: "},
	"updated":      {"更新了", "updated the "},
	"other":        {"其他内容", "other details"},
	"nothing":      {"保存了业务,内容没有变化", "saved the engagement without changes"},
}

func (n narration) word(key string) string { w := historyWords[key]; return n.pick(w[0], w[1]) }

func (n narration) pick(zh, en string) string {
	if n.lang == EN {
		return en
	}
	return zh
}

// paren wraps a detail in brackets: "(电话,下午03:00)", " (phone, 03:00 PM)";
// an empty detail gives nothing.
func (n narration) paren(detail string) string {
	if detail == "" {
		return ""
	}
	return n.pick("(", " (") + detail + ")"
}

// quote quotes a piece of record text: 「提供报价单」, "send the quote".
func (n narration) quote(s string) string { return n.pick("「", `"`) + s + n.pick("」", `"`) }

// list joins section names: "记录目标、需求与方案、经验总结", "goal, needs and
// proposal, and lessons".
func (n narration) list(parts []string) string {
	switch {
	case n.lang != EN || len(parts) == 1:
		return strings.Join(parts, "、")
	case len(parts) == 2:
		return parts[0] + " and " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + ", and " + parts[len(parts)-1]
}

// str reads a string leaf of the state ("" when absent or not a string).
func (n narration) str(path string) string {
	var s string
	if json.Unmarshal([]byte(n.state[path]), &s) != nil {
		return ""
	}
	return s
}
