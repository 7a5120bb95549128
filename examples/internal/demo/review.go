package demo

import (
	"context"
	"errors"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// review reads the records back the way a manager and a rep see them:
// the team's list, overdue actions, findings, and what a rep may not see.
func (d *demo) review(ctx context.Context) error {
	d.clock.Set(demoNow)
	now := d.clock.Now()
	d.section("复盘", "review at "+salesrec.DateOf(now).String()+" "+salesrec.FormatClock(now))

	page, err := d.store.ListEngagements(ctx, d.st.ManagerID, storage.Filter{TeamID: d.st.TeamID}, storage.PageRequest{Limit: 50})
	if err != nil {
		return err
	}
	d.printf("经理看到的团队记录 the manager's list (%d):\n", len(page.Items))
	for _, e := range page.Items {
		c, err := d.store.Customer(ctx, d.st.ManagerID, e.CustomerID)
		if err != nil {
			return err
		}
		d.printf("  %-6s %s — %s(最近更新 last updated %s)\n", e.Status.Label(salesrec.ZH), c.Name, e.Goal, e.UpdatedAt.In(shanghai).Format("2006-01-02 15:04"))
	}

	items, err := d.store.Actions(ctx, d.st.ManagerID, storage.ActionQuery{TeamID: d.st.TeamID, At: now, Overdue: true})
	if err != nil {
		return err
	}
	d.printf("\n已逾期的行动项 overdue actions (%d):\n", len(items))
	for _, it := range items {
		owner, err := d.store.Member(ctx, it.Action.OwnerID)
		if err != nil {
			return err
		}
		d.printf("  %s — 负责人 owner %s,完成时限 deadline %s,状态 %s\n",
			it.Action.What, owner.Name, it.Action.Deadline, it.Action.DisplayLabel(now, shanghai, salesrec.ZH))
	}

	e, err := d.store.Engagement(ctx, d.st.ManagerID, d.st.Manufacturing)
	if err != nil {
		return err
	}
	findings := salesrec.DefaultRules().Findings(e, now, shanghai)
	d.printf("\n待改进之处 findings for the manufacturing pursuit (%d):\n", len(findings))
	for _, f := range findings {
		d.printf("  · %s\n      %s\n", f.Zh, f.En)
	}

	// Confidentiality: the rep on another pursuit cannot read this one, and
	// sees contact details masked on a customer they do not own.
	_, err = d.store.Engagement(ctx, d.st.LiID, d.st.Manufacturing)
	switch {
	case errors.Is(err, salesrec.ErrNotFound):
		d.printf("\n保密 confidentiality: 李娜读取张伟的客户记录 → 查无此记录 (not found)\n")
	case err != nil:
		return err
	default:
		return errors.New("a rep could read another rep's engagement")
	}
	c, err := d.store.Customer(ctx, d.st.ZhangID, e.CustomerID)
	if err != nil {
		return err
	}
	for _, ct := range c.Contacts {
		d.printf("张伟(负责人 owner)看到的联系人 contact: %s %s %s %s\n", ct.Name, ct.Title, ct.Phone, ct.Email)
	}
	masked, err := d.store.Customer(ctx, d.st.LiID, e.CustomerID)
	if err != nil {
		return err
	}
	for _, ct := range masked.Contacts {
		d.printf("李娜(非负责人 not the owner)看到的联系人 contact: %s %s %s %s\n", ct.Name, ct.Title, ct.Phone, ct.Email)
	}
	return d.history(ctx)
}

// history prints two pursuits' history as a manager reads an audit trail:
// who did what when, in Chinese with the English beside it.
func (d *demo) history(ctx context.Context) error {
	name := func(id string) string { return d.memberName(ctx, id) }
	zh := salesrec.HistoryWords{Lang: salesrec.ZH, Loc: shanghai, Name: name}
	en := salesrec.HistoryWords{Lang: salesrec.EN, Loc: shanghai, Name: name}
	for _, p := range []struct{ id, zh, en string }{
		{d.st.Manufacturing, "制造业客户", "the manufacturing pursuit"},
		{d.st.Retail, "零售客户", "the retail pursuit"},
	} {
		hist, err := d.store.History(ctx, d.st.ManagerID, p.id)
		if err != nil {
			return err
		}
		d.printf("\n可追溯的操作记录 history — %s %s(%d 条 entries):\n", p.zh, p.en, len(hist))
		enLines := en.Describe(hist)
		for i, l := range zh.Describe(hist) {
			d.printf("  %s\n      %s %s\n", l, enLines[i].Actor, enLines[i].Text)
		}
	}
	return nil
}

func (d *demo) memberName(ctx context.Context, id string) string {
	m, err := d.store.Member(ctx, id)
	if err != nil {
		return id
	}
	return m.Name
}
