package demo

import (
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// The demo's records come from the template's own examples: the budget
// within 50万, the customised proposal before March 5, the contract draft
// before April 10, a ¥80,000 deal, a purchase postponed after a budget change.

// demoNow is the demo clock: a Friday morning in Shanghai, two days after
// the contract-draft deadline of the template's example.
var demoNow = time.Date(2024, 4, 12, 10, 0, 0, 0, shanghai)

var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// A Go installation without zoneinfo: fall back to the fixed offset
		// Shanghai has used since 1991.
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}

func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, shanghai)
}

func day(y int, m time.Month, d int) salesrec.Date { return salesrec.Date{Year: y, Month: m, Day: d} }

// team members, filled in by the demo once they are stored.
type people struct {
	manager, zhang, li salesrec.Member
}

func customers(teamID string) []salesrec.Customer {
	return []salesrec.Customer{
		{
			TeamID: teamID, Name: "华东精工制造股份有限公司", ShortNames: []string{"华东精工"},
			Kind: salesrec.CustomerNew, Industry: "制造业", Size: "500-1000人",
			Contacts: []salesrec.Contact{
				{Name: "王建国", Title: "采购总监", Phone: "13812345678", Email: "wangjg@hdjg.example.com"},
				{Name: "陈静", Title: "供应链负责人", Phone: "13987654321", Email: "chenjing@hdjg.example.com"},
			},
		},
		{
			TeamID: teamID, Name: "上海明远零售连锁有限公司", ShortNames: []string{"明远零售", "明远"},
			Kind: salesrec.CustomerExisting, SubKind: "复购", Industry: "零售", Size: "2000人以上",
			Contacts: []salesrec.Contact{
				{Name: "刘芳", Title: "信息部经理", Phone: "13600001111", Email: "liufang@mingyuan.example.com"},
			},
		},
		{
			TeamID: teamID, Name: "杭州云桥物流有限公司", ShortNames: []string{"云桥物流"},
			Kind: salesrec.CustomerNew, Industry: "物流", Size: "200-500人",
			Contacts: []salesrec.Contact{
				{Name: "赵磊", Title: "运营副总", Phone: "13700002222", Email: "zhaolei@yunqiao.example.com"},
			},
		},
	}
}

// firstContact is the template's own example of a concrete need and of
// sales commitments.
func firstContact(p people) salesrec.Interaction {
	return salesrec.Interaction{
		OccurredAt: at(2024, 2, 27, 14, 30),
		Method:     salesrec.MethodFaceToFace,
		Place:      salesrec.Place{Mode: salesrec.PlaceOffline, Address: "苏州工业园区星湖街328号 客户总部3楼会议室"},
		Topic:      "数据平台选型:需求摸底与产品演示",
		CustomerParticipants: []salesrec.CustomerParticipant{
			{Name: "王建国", Title: "采购总监"},
			{Name: "陈静", Title: "供应链负责人"},
		},
		SalesParticipants: []salesrec.SalesParticipant{
			{MemberID: p.zhang.ID, Name: p.zhang.Name, Role: "主谈"},
			{Name: "孙工", Role: "售前技术支持"},
		},
		Points: []salesrec.Point{
			{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointNeed, Text: "客户提出需支持多数据源实时对接,预算控制在50万以内"},
			{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: "担心系统在高峰期的稳定性",
				Handling: "现场演示压测报告并提供同行业案例", Result: "客户认可稳定性,同意进入方案阶段"},
			{Speaker: salesrec.SpeakerSales, Kind: salesrec.PointActionTaken, Text: "演示实时看板与ERP对接功能"},
			{Speaker: salesrec.SpeakerSales, Kind: salesrec.PointCommitment, Text: "3月5日前提供定制化方案"},
			{Speaker: salesrec.SpeakerSales, Kind: salesrec.PointCommitment, Text: "协调技术团队支持测试"},
		},
	}
}

// manufacturing is the new-customer pursuit that is still open.
func manufacturing(p people) salesrec.Engagement {
	return salesrec.Engagement{
		Stage: salesrec.StageNewCustomer,
		Goal:  "挖掘客户的采购预算并推进方案确认",
		Needs: []salesrec.Need{
			{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh, Content: "多数据源实时对接(ERP、MES、WMS)"},
			{Class: salesrec.NeedExpected, Priority: salesrec.PriorityMedium, Content: "上线后三个月驻场培训"},
			{Class: salesrec.NeedPotential, Priority: salesrec.PriorityLow, Content: "供应商协同门户,减少邮件对账"},
		},
		Proposal: &salesrec.Proposal{
			Summary:       "数据中台标准版 + ERP/MES 对接包 + 三个月驻场服务",
			Collaboration: []salesrec.Collaboration{salesrec.CollabTechnicalSupport, salesrec.CollabLegalReview},
			Resources:     "售前工程师2人,测试环境1套",
		},
		Actions: []salesrec.Action{
			{What: "3月5日前提供定制化方案", OwnerID: p.zhang.ID, Deadline: day(2024, 3, 5), Status: salesrec.ActionDone},
			{What: "发送合同初稿", OwnerID: p.manager.ID, Deadline: day(2024, 4, 10), Status: salesrec.ActionInProgress},
			{What: "安排技术团队到客户现场支持测试", OwnerID: p.zhang.ID, Deadline: day(2024, 4, 15), Status: salesrec.ActionPending},
		},
	}
}

// retail is the existing customer's repeat purchase that was won.
func retail(p people) salesrec.Engagement {
	return salesrec.Engagement{
		Stage: salesrec.StageExistingCustomer,
		Goal:  "推进门店数据看板扩容的方案确认与签约",
		Needs: []salesrec.Need{
			{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh, Content: "新增200家门店的数据看板账号"},
		},
		Proposal: &salesrec.Proposal{Summary: "扩容包 + 续约三年优惠", Collaboration: []salesrec.Collaboration{salesrec.CollabContractReview}},
		Actions: []salesrec.Action{
			{What: "发送报价单", OwnerID: p.li.ID, Deadline: day(2024, 3, 20), Status: salesrec.ActionDone},
		},
		Interactions: []salesrec.Interaction{{
			OccurredAt:           at(2024, 3, 18, 10, 0),
			Method:               salesrec.MethodVideo,
			Place:                salesrec.Place{Mode: salesrec.PlaceOnline, Platform: "腾讯会议", MeetingID: "482 193 556"},
			Topic:                "扩容报价沟通",
			CustomerParticipants: []salesrec.CustomerParticipant{{Name: "刘芳", Title: "信息部经理"}},
			SalesParticipants:    []salesrec.SalesParticipant{{MemberID: p.li.ID, Name: p.li.Name, Role: "主谈"}},
			Points: []salesrec.Point{
				{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: "报价太高,超出今年IT预算",
					Handling: "拆分为两期交付,首期只开通120家门店", Result: "客户接受分期方案"},
				{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointFeedback, Subject: salesrec.SubjectQuote, Text: "分期后的报价在审批范围内"},
			},
		}},
	}
}

// logistics is the pursuit that ended when the customer's budget changed.
func logistics(p people) salesrec.Engagement {
	return salesrec.Engagement{
		Stage: salesrec.StageNewCustomer,
		Goal:  "确认运输管理系统的采购预算",
		Needs: []salesrec.Need{
			{Class: salesrec.NeedCore, Priority: salesrec.PriorityHigh, Content: "车辆调度与在途跟踪, Q3预算内上线"},
		},
		Interactions: []salesrec.Interaction{{
			OccurredAt:           at(2024, 3, 1, 9, 30),
			Method:               salesrec.MethodPhone,
			Place:                salesrec.Place{Mode: salesrec.PlaceOnline, Platform: "电话"},
			Topic:                "预算与上线时间确认",
			CustomerParticipants: []salesrec.CustomerParticipant{{Name: "赵磊", Title: "运营副总"}},
			SalesParticipants:    []salesrec.SalesParticipant{{MemberID: p.zhang.ID, Name: p.zhang.Name, Role: "主谈"}},
			Points: []salesrec.Point{
				{Speaker: salesrec.SpeakerCustomer, Kind: salesrec.PointObjection, Text: "竞品报价低30%",
					Handling: "说明我方实施周期更短、含三年运维", Result: "客户仍倾向低价方案,答应再评估"},
			},
		}},
	}
}
