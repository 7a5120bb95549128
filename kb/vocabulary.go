package kb

// The default vocabulary: the words sales teams use for the same thing,
// Chinese and English in one group, so a Chinese query finds English
// lessons and the reverse. A group holds only words a sales manager would
// take to mean the same thing in a lesson (价格 and 成本 are not joined:
// what the customer pays is not what it costs them to run).
//
// How members are written (TestDefaultSynonymsAreWellFormed checks it):
//
//   - simplified characters and half-width forms, as the analysis folds
//     them, so 預算 and ＰＯＣ find their groups;
//   - the words of a phrase separated by a space (数据 迁移, data
//     migration): such a member is found in a query whatever separates its
//     words (数据迁移, data-migration) and matches a text holding each of
//     its words. A Chinese member written without spaces (预算冻结) is one
//     word and matches only a text holding it as one run;
//   - no word a text uses for something else (试用期 is probation, not a
//     trial; 安全 alone is also safety; 周期 alone is every cycle), and no
//     English word that would match half the corpus as part of a phrase
//     (it, no, over, down).
//
// docs/kb.md lists the groups by topic (TestSynonymsDocListsDefaults).

// synonymTopic is a subject lessons are about and its groups.
type synonymTopic struct {
	// name is the topic as docs/kb.md heads it, in English and Chinese.
	name   string
	groups [][]string
}

// DefaultSynonyms returns the synonym groups kb ships with: some 160
// groups of everyday sales wording, in Chinese and English, on
// price, budgets, decision makers, implementation, reliability,
// schedules, trials, service, contracts, competitors, relationships,
// integration, security, training, payment terms and industries
// (docs/kb.md lists them). A host replaces them with Options.Synonyms, or
// extends them: each call returns a fresh copy, to append groups to or
// add members to a group.
func DefaultSynonyms() [][]string {
	var out [][]string
	for _, t := range defaultVocabulary() {
		out = append(out, t.groups...)
	}
	return out
}

// defaultVocabulary returns the default groups by topic, freshly built.
func defaultVocabulary() []synonymTopic {
	return []synonymTopic{
		{"Pricing and cost / 价格与成本", [][]string{
			{"价格", "报价", "价钱", "售价", "price", "pricing", "quote", "quotation"},
			{"太贵", "价格偏高", "报价太高", "价格太高", "价格高", "too expensive", "price too high", "overpriced", "pricey"},
			{"降价", "打折", "折扣", "让利", "优惠", "让价", "discount", "price cut", "price reduction"},
			{"成本", "费用", "开支", "cost", "expense"},
			{"总拥有成本", "总成本", "全生命周期成本", "TCO", "total cost of ownership", "total cost", "lifetime cost"},
			{"隐性成本", "隐藏费用", "额外费用", "hidden cost", "hidden fee", "extra fee"},
			{"维保费", "维护费", "年费", "maintenance fee", "annual fee", "support fee"},
			{"许可费", "授权费", "软件许可", "license fee", "licence fee", "software license"},
			{"订阅制", "订阅模式", "按年订阅", "subscription", "subscription model"},
			{"比价", "价格对比", "货比三家", "price comparison", "shopping around"},
			{"投资回报", "投资回报率", "回本", "回本周期", "ROI", "return on investment", "payback", "payback period"},
			{"性价比", "物有所值", "value for money", "cost effective"},
			{"谈判", "商务谈判", "议价", "negotiation", "negotiate", "bargaining"},
		}},
		{"Budgets / 预算", [][]string{
			{"预算", "经费", "budget", "funding"},
			{"预算冻结", "冻结预算", "预算削减", "削减预算", "砍预算", "预算被砍", "budget freeze", "budget frozen", "budget cut", "spending freeze"},
			{"预算不足", "预算不够", "预算有限", "预算紧张", "没有预算", "超出预算", "budget shortfall", "tight budget", "limited budget", "insufficient budget"},
			{"年度预算", "预算周期", "预算年度", "annual budget", "budget cycle"},
			{"财年", "财政年度", "会计年度", "fiscal year", "financial year"},
			{"预算审批", "预算申请", "申请预算", "budget approval", "budget request"},
			{"立项", "项目立项", "project approval", "project initiation"},
		}},
		{"Decision makers and supporters / 决策与内部支持", [][]string{
			{"决策人", "决策者", "拍板人", "关键人", "一把手", "decision maker", "economic buyer", "final say"},
			{"内线", "内部支持者", "内部教练", "内部推动者", "champion", "internal champion", "inside coach", "internal supporter"},
			{"高层", "高管", "管理层", "领导层", "executive", "senior management", "top management", "leadership"},
			{"高层支持", "领导支持", "高层背书", "executive sponsor", "executive sponsorship", "executive support"},
			{"采购部", "采购部门", "procurement team", "procurement department", "purchasing department"},
			{"采购总监", "采购经理", "采购负责人", "purchasing director", "procurement manager", "procurement lead", "head of purchasing"},
			{"采购", "购买", "采买", "procurement", "purchasing", "buying"},
			{"财务部", "财务部门", "财务团队", "finance department", "finance team"},
			{"财务总监", "首席财务官", "CFO", "finance director", "chief financial officer"},
			{"技术负责人", "技术总监", "首席技术官", "CTO", "tech lead", "technical lead", "technical director"},
			{"信息部主任", "首席信息官", "信息化负责人", "CIO", "chief information officer"},
			{"业务部门", "使用部门", "用户部门", "business unit", "user department"},
			{"反对者", "内部阻力", "内部反对", "blocker", "detractor", "internal resistance"},
			{"利益相关方", "干系人", "stakeholder"},
		}},
		{"Implementation and data work / 实施与数据", [][]string{
			{"交付", "实施", "上线", "部署", "delivery", "implementation", "rollout", "deployment", "go live"},
			{"上线 周期", "实施 周期", "交付 周期", "上线 时间", "implementation timeline", "implementation period", "rollout timeline"},
			{"数据 迁移", "迁移 数据", "data migration", "migrate data"},
			{"数据 清洗", "清洗 数据", "data cleansing", "data cleaning", "data cleanup"},
			{"数据 质量", "脏数据", "data quality", "dirty data"},
			{"定制", "定制化", "定制开发", "二次开发", "customization", "customisation", "custom development", "bespoke"},
			{"需求 调研", "需求 分析", "需求梳理", "requirement gathering", "requirement analysis", "discovery workshop"},
			{"需求变更", "需求变化", "范围蔓延", "scope creep", "scope change", "change request"},
			{"验收", "验收测试", "acceptance", "acceptance test", "UAT", "user acceptance"},
			{"切换", "割接", "cutover", "switchover"},
			{"项目经理", "项目负责人", "project manager", "project lead"},
			{"项目", "专案", "project"},
			{"方案", "解决方案", "方案书", "proposal", "solution"},
		}},
		{"Reliability and incidents / 稳定与故障", [][]string{
			{"稳定性", "可靠性", "stability", "reliability"},
			{"宕机", "停机", "系统崩溃", "崩溃", "outage", "downtime", "crash"},
			{"故障", "事故", "生产事故", "incident", "fault", "malfunction"},
			{"缺陷", "软件缺陷", "bug", "defect"},
			{"卡顿", "运行慢", "系统慢", "性能差", "lag", "laggy", "sluggish", "slow performance", "performance issue"},
			{"数据 丢失", "丢失 数据", "data loss"},
			{"SLA", "服务等级协议", "service level agreement", "service level"},
			{"可用性", "在线率", "uptime", "availability"},
			{"容灾", "灾备", "灾难恢复", "disaster recovery"},
			{"备份", "数据备份", "backup", "data backup"},
		}},
		{"Schedules and delays / 进度与延期", [][]string{
			{"延期", "延迟", "推迟", "拖期", "延误", "拖延", "delay", "delayed", "postpone", "postponed", "slipped", "behind schedule"},
			{"排期", "时间表", "时间线", "进度计划", "timeline", "schedule"},
			{"截止日期", "最后期限", "截止时间", "deadline", "due date"},
			{"工期紧", "时间紧", "时间紧张", "赶工期", "tight timeline", "tight schedule", "rushed"},
			{"销售周期", "成交周期", "决策周期", "sales cycle", "decision cycle"},
			{"决策慢", "迟迟不决策", "犹豫不决", "indecisive", "slow decision", "stalled decision"},
		}},
		{"Trials and pilots / 试用与试点", [][]string{
			{"演示", "产品演示", "demo", "demonstration", "product demo"},
			{"POC", "概念验证", "技术验证", "proof of concept"},
			{"试点", "小范围试点", "pilot", "pilot project"},
			{"试用", "免费试用", "试用版", "trial", "free trial"},
			{"压力测试", "压测", "性能测试", "load test", "stress test", "performance test"},
			{"成功案例", "客户案例", "标杆案例", "案例", "case study", "success story", "customer story"},
			{"标杆客户", "样板客户", "参考客户", "reference customer", "reference account", "lighthouse customer"},
			{"参观", "考察", "实地考察", "site visit", "on-site visit", "plant tour"},
		}},
		{"Service and responsiveness / 服务与响应", [][]string{
			{"响应慢", "响应速度", "反应慢", "响应不及时", "回复慢", "response time", "slow response", "slow to respond", "late reply"},
			{"售后", "售后服务", "服务支持", "after-sales", "after-sales service", "customer support", "support service"},
			{"驻场", "驻场服务", "现场支持", "on-site support", "onsite support", "resident engineer"},
			{"满意度", "客户满意度", "satisfaction", "customer satisfaction", "CSAT"},
			{"投诉", "客诉", "complaint", "complained"},
			{"工单", "服务工单", "ticket", "support ticket"},
			{"客户成功", "客户成功经理", "customer success", "CSM"},
			{"拜访", "上门拜访", "登门拜访", "visit", "customer visit", "sales visit"},
			{"跟进", "持续跟进", "follow up", "followed up"},
		}},
		{"Contracts and legal review / 合同与法务", [][]string{
			{"合同", "协议", "contract", "agreement"},
			{"法务", "法务部", "法务部门", "律师", "legal team", "legal department", "legal counsel", "lawyer"},
			{"法务审核", "法务审查", "合同审核", "合同审查", "合同评审", "legal review", "contract review"},
			{"条款", "合同条款", "clause", "contract clause", "contract term"},
			{"违约金", "违约条款", "penalty", "penalty clause"},
			{"责任上限", "赔偿上限", "liability cap", "limitation of liability"},
			{"签约", "签合同", "签署合同", "contract signing", "signing", "sign the contract"},
			{"续约", "续签", "续费", "续订", "renewal", "contract renewal", "subscription renewal"},
			{"保密协议", "NDA", "non-disclosure agreement", "confidentiality agreement"},
			{"招标", "投标", "招投标", "标书", "竞标", "tender", "bid", "bidding", "RFP", "request for proposal"},
		}},
		{"Competitors / 竞争", [][]string{
			{"竞品", "竞争对手", "友商", "对手", "competitor", "competition", "rival"},
			{"价格战", "低价竞争", "恶意低价", "price war", "undercut", "undercutting", "lowball"},
			{"现有供应商", "原供应商", "原厂商", "incumbent", "incumbent vendor", "existing vendor", "current vendor"},
			{"供应商", "厂商", "乙方", "vendor", "supplier", "provider"},
			{"国产化", "国产替代", "信创", "domestic substitution", "domestic alternative"},
			{"自研", "自建", "自主研发", "homegrown", "in-house development", "in-house build"},
			{"渠道", "渠道商", "代理商", "经销商", "channel partner", "reseller", "distributor"},
		}},
		{"Relationships and people leaving / 关系与人事变动", [][]string{
			{"客户关系", "关系维护", "维护关系", "relationship", "customer relationship", "rapport"},
			{"信任", "信赖", "trust", "credibility"},
			{"离职", "人员变动", "人事变动", "跳槽", "调岗", "left the company", "resigned", "resignation", "personnel change", "staff turnover"},
			{"管理层变动", "领导换届", "换帅", "高层变动", "leadership change", "new management", "management change"},
			{"组织调整", "组织架构调整", "架构调整", "重组", "reorganization", "reorganisation", "reorg", "restructuring"},
			{"并购", "收购", "被收购", "兼并", "merger", "acquisition", "acquired", "taken over"},
			{"客户流失", "流失", "churn", "churned", "customer churn", "attrition"},
			{"丢单", "输单", "lost deal", "lost the deal", "deal lost"},
			{"转介绍", "引荐", "老客户推荐", "referral", "referred", "warm introduction"},
		}},
		{"Integration / 集成", [][]string{
			{"对接", "集成", "打通", "系统集成", "integration", "integrate", "integrated"},
			{"接口", "开放接口", "API", "open API", "interface"},
			{"单点登录", "SSO", "single sign-on"},
			{"数据 同步", "实时同步", "data sync", "data synchronization", "real-time sync"},
			{"兼容性", "兼容", "compatibility", "compatible"},
			{"老系统", "旧系统", "遗留系统", "legacy system", "old system", "legacy"},
		}},
		{"Security and compliance / 安全与合规", [][]string{
			{"数据 安全", "信息 安全", "data security", "information security", "infosec", "cybersecurity", "cyber security"},
			{"等保", "等级保护", "等保测评", "MLPS", "classified protection"},
			{"隐私", "隐私保护", "个人信息保护", "privacy", "personal data protection", "PIPL", "GDPR"},
			{"合规", "合规性", "合规要求", "监管要求", "compliance", "regulatory requirement", "compliance requirement"},
			{"本地部署", "私有化部署", "私有部署", "私有云", "on-premise", "on-prem", "private deployment", "private cloud"},
			{"公有云", "云部署", "云端部署", "上云", "public cloud", "cloud deployment", "cloud hosted"},
			{"审计", "审计日志", "操作日志", "audit", "audit log", "audit trail"},
			{"权限", "权限管理", "访问控制", "permission", "access control", "role-based access"},
			{"加密", "数据加密", "encryption", "encrypted"},
			{"安全评估", "安全审查", "安全测评", "security review", "security assessment", "security audit"},
			{"漏洞", "安全漏洞", "vulnerability", "security hole"},
			{"渗透测试", "pen test", "penetration test", "pentest"},
		}},
		{"Training and adoption / 培训与使用", [][]string{
			{"培训", "用户培训", "上手培训", "training", "user training", "onboarding"},
			{"易用性", "易用", "好用", "usability", "ease of use", "user-friendly"},
			{"学习成本", "上手难", "难上手", "操作复杂", "learning curve", "hard to use", "difficult to use"},
			{"使用率", "采用率", "活跃度", "adoption", "adoption rate", "user adoption"},
			{"操作手册", "用户手册", "使用手册", "user manual", "user guide", "documentation"},
		}},
		{"Payment terms / 付款条件", [][]string{
			{"账期", "帐期", "付款 周期", "付款条件", "付款条款", "结算周期", "payment term", "credit term"},
			{"分期", "分期付款", "分阶段付款", "分批付款", "里程碑付款", "按节点付款", "installment", "instalment", "payment plan", "staged payment", "milestone payment", "payment milestone"},
			{"预付款", "首付款", "定金", "订金", "预付", "prepayment", "upfront payment", "deposit", "down payment"},
			{"保证金", "履约保证金", "投标保证金", "performance bond", "bid bond", "security deposit"},
			{"回款慢", "回款难", "拖欠", "欠款", "付款拖延", "延迟付款", "付款延迟", "late payment", "overdue payment", "payment delay", "unpaid invoice"},
			{"回款", "收款", "payment collection", "cash collection"},
			{"发票", "开票", "invoice", "invoicing"},
			{"现金流", "资金链", "资金紧张", "cash flow", "cash crunch", "tight cash"},
			{"尾款", "质保金", "final payment", "retention money", "holdback"},
		}},
		{"Growth and repeat business / 增购与复购", [][]string{
			{"增购", "加购", "追加采购", "upsell", "up-sell", "add-on purchase"},
			{"扩容", "扩大规模", "expansion", "scale up"},
			{"复购", "回购", "再次采购", "repeat purchase", "repeat order", "reorder"},
			{"痛点", "核心痛点", "pain point"},
		}},
		{"Industries / 行业", [][]string{
			{"制造业", "制造企业", "manufacturing", "manufacturer"},
			{"工厂", "厂区", "factory", "plant"},
			{"零售", "零售业", "零售商", "商超", "retail", "retailer", "retail chain"},
			{"门店", "店铺", "retail store", "shop"},
			{"金融", "金融业", "金融行业", "金融机构", "financial service", "financial institution", "finance industry"},
			{"银行", "bank", "banking"},
			{"保险", "保险公司", "insurance", "insurer"},
			{"证券", "券商", "brokerage", "stockbroker"},
			{"医疗", "医疗行业", "医疗机构", "healthcare", "health care", "medical"},
			{"医院", "院方", "hospital"},
			{"教育", "教育行业", "教育机构", "education"},
			{"学校", "院校", "高校", "大学", "school", "university", "college"},
			{"能源", "能源行业", "能源企业", "energy", "energy sector"},
			{"电力", "电网", "电力公司", "power grid", "power company", "electricity"},
			{"物流", "物流行业", "货运", "logistics", "freight", "shipping"},
			{"仓储", "仓库", "warehouse", "warehousing"},
			{"政府", "政务", "政府部门", "政府机关", "government", "public sector"},
			{"房地产", "地产", "房企", "real estate", "property developer", "realty"},
			{"物业", "物业管理", "property management", "facility management"},
			{"互联网", "互联网公司", "互联网企业", "internet", "internet company"},
			{"SaaS", "软件即服务", "software as a service"},
			{"汽车", "汽车行业", "车企", "主机厂", "automotive", "carmaker", "automaker"},
			{"4S店", "汽车经销店", "car dealership", "dealership"},
			{"餐饮", "餐饮业", "餐厅", "连锁餐饮", "food service", "restaurant", "catering"},
		}},
	}
}
