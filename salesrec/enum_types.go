package salesrec

// This file declares every closed set of values the template uses. Each enum
// has a stable English code (used in Go and JSON), zh and en labels, a Parse
// function that accepts the code or either label, and Label for display. The
// methods every enum shares are generated into enum_gen.go from the
// //enumgen:table line of each type (see enum.go).

// Role is a team member's role; it decides what the member may read.
//
//enumgen:table roles
type Role string

// Roles.
const (
	RoleRep     Role = "rep"
	RoleManager Role = "manager"
	RoleAdmin   Role = "admin"
)

var roles = enumTable{Message{"角色", "role"}, []label{
	{code: "rep", zh: "销售代表", en: "sales rep", alt: []string{"代表"}},
	{code: "manager", zh: "经理", en: "manager", alt: []string{"销售经理"}},
	{code: "admin", zh: "管理员", en: "admin", alt: []string{"administrator"}},
}}

// CustomerKind says whether a customer is new (新客户) or existing (老客户).
//
//enumgen:table customerKinds
type CustomerKind string

// Customer kinds.
const (
	CustomerNew      CustomerKind = "new"
	CustomerExisting CustomerKind = "existing"
)

var customerKinds = enumTable{Message{"客户类型", "customer type"}, []label{
	{code: "new", zh: "新客户", en: "new customer", alt: []string{"新"}},
	{code: "existing", zh: "老客户", en: "existing customer", alt: []string{"老"}},
}}

// Stage is the business stage a record belongs to.
//
//enumgen:table stages
type Stage string

// Business stages.
const (
	StageNewCustomer      Stage = "new_customer_development"
	StageExistingCustomer Stage = "existing_customer_maintenance"
)

var stages = enumTable{Message{"业务阶段", "business stage"}, []label{
	{code: "new_customer_development", zh: "新客户开发", en: "new-customer development"},
	{code: "existing_customer_maintenance", zh: "老客户维护", en: "existing-customer maintenance"},
}}

// Status is the result status of an engagement.
//
//enumgen:table statuses
type Status string

// Engagement statuses.
const (
	StatusOpen       Status = "open"
	StatusWon        Status = "won"
	StatusTerminated Status = "terminated"
)

var statuses = enumTable{Message{"结果状态", "result status"}, []label{
	{code: "open", zh: "待推进", en: "open"},
	{code: "won", zh: "已成交", en: "won"},
	{code: "terminated", zh: "已终止", en: "terminated"},
}}

// Method is how a contact took place.
//
//enumgen:table methods
type Method string

// Contact methods.
const (
	MethodFaceToFace Method = "face_to_face"
	MethodPhone      Method = "phone"
	MethodVideo      Method = "video"
	MethodEmail      Method = "email"
)

var methods = enumTable{Message{"沟通方式", "contact method"}, []label{
	{code: "face_to_face", zh: "面谈", en: "face-to-face", alt: []string{"拜访", "会议", "meeting", "visit"}},
	{code: "phone", zh: "电话", en: "phone", alt: []string{"call"}},
	{code: "video", zh: "视频", en: "video", alt: []string{"视频会议", "video call"}},
	{code: "email", zh: "邮件", en: "email", alt: []string{"e-mail", "电子邮件"}},
}}

// Speaker says which side made a point.
//
//enumgen:table speakers
type Speaker string

// Speakers.
const (
	SpeakerCustomer Speaker = "customer"
	SpeakerSales    Speaker = "sales"
)

var speakers = enumTable{Message{"发言方", "speaker"}, []label{
	{code: "customer", zh: "客户", en: "customer", alt: []string{"客户方"}},
	{code: "sales", zh: "销售", en: "sales", alt: []string{"销售方"}},
}}

// PointKind is what a point of a contact is.
//
//enumgen:table pointKinds
type PointKind string

// Point kinds.
const (
	PointNeed        PointKind = "need"
	PointFeedback    PointKind = "feedback"
	PointQuestion    PointKind = "question"
	PointObjection   PointKind = "objection"
	PointApproval    PointKind = "approval"
	PointActionTaken PointKind = "action_taken"
	PointCommitment  PointKind = "commitment"
)

var pointKinds = enumTable{Message{"要点类型", "point type"}, []label{
	{code: "need", zh: "需求", en: "need"},
	{code: "feedback", zh: "反馈", en: "feedback"},
	{code: "question", zh: "疑问", en: "question", alt: []string{"问题"}},
	{code: "objection", zh: "异议", en: "objection"},
	{code: "approval", zh: "认可", en: "approval", alt: []string{"认可点"}},
	{code: "action_taken", zh: "销售行动", en: "action taken", alt: []string{"行动"}},
	{code: "commitment", zh: "销售承诺", en: "commitment", alt: []string{"承诺"}},
}}

// Subject is what a piece of customer feedback is about.
//
//enumgen:table subjects
type Subject string

// Feedback subjects.
const (
	SubjectProposal Subject = "proposal"
	SubjectQuote    Subject = "quote"
	SubjectContract Subject = "contract"
	SubjectOther    Subject = "other"
)

var subjects = enumTable{Message{"反馈对象", "feedback subject"}, []label{
	{code: "proposal", zh: "方案", en: "proposal"},
	{code: "quote", zh: "报价", en: "quote", alt: []string{"报价单"}},
	{code: "contract", zh: "合同条款", en: "contract terms", alt: []string{"合同", "contract"}},
	{code: "other", zh: "其他", en: "other"},
}}

// NeedClass classifies a need.
//
//enumgen:table needClasses
type NeedClass string

// Need classes.
const (
	NeedCore      NeedClass = "core"
	NeedExpected  NeedClass = "expected"
	NeedPotential NeedClass = "potential"
)

var needClasses = enumTable{Message{"需求类别", "need class"}, []label{
	{code: "core", zh: "核心需求", en: "core need", alt: []string{"核心", "core"}},
	{code: "expected", zh: "期望需求", en: "expected need", alt: []string{"期望"}},
	{code: "potential", zh: "潜在需求", en: "potential need", alt: []string{"潜在"}},
}}

// Priority of a need.
//
//enumgen:table priorities
type Priority string

// Priorities.
const (
	PriorityHigh   Priority = "high"
	PriorityMedium Priority = "medium"
	PriorityLow    Priority = "low"
)

var priorities = enumTable{Message{"优先级", "priority"}, []label{
	{code: "high", zh: "高", en: "high"},
	{code: "medium", zh: "中", en: "medium"},
	{code: "low", zh: "低", en: "low"},
}}

// ActionStatus is the stored status of a follow-up action. Overdue (已逾期)
// is not a stored status: see Action.Overdue.
//
//enumgen:table actionStatuses
type ActionStatus string

// Action statuses.
const (
	ActionPending    ActionStatus = "pending"
	ActionInProgress ActionStatus = "in_progress"
	ActionDone       ActionStatus = "done"
)

var actionStatuses = enumTable{Message{"行动状态", "action status"}, []label{
	{code: "pending", zh: "待执行", en: "pending"},
	{code: "in_progress", zh: "进行中", en: "in progress"},
	{code: "done", zh: "已完成", en: "done"},
}}

// ReasonCategory classifies why an engagement was terminated.
//
//enumgen:table reasonCategories
type ReasonCategory string

// Termination reason categories.
const (
	ReasonBudget       ReasonCategory = "budget"
	ReasonCompetitor   ReasonCategory = "competitor"
	ReasonTiming       ReasonCategory = "timing"
	ReasonRequirements ReasonCategory = "requirements"
	ReasonRelationship ReasonCategory = "relationship"
	ReasonOther        ReasonCategory = "other"
)

var reasonCategories = enumTable{Message{"终止原因类别", "reason category"}, []label{
	{code: "budget", zh: "预算", en: "budget", alt: []string{"预算不符"}},
	{code: "competitor", zh: "竞品", en: "competitor", alt: []string{"选择竞品"}},
	{code: "timing", zh: "时机", en: "timing"},
	{code: "requirements", zh: "需求不符", en: "requirements"},
	{code: "relationship", zh: "客户关系", en: "relationship"},
	{code: "other", zh: "其他", en: "other"},
}}

// LessonKind says whether a lesson is a success point or an improvement point.
//
//enumgen:table lessonKinds
type LessonKind string

// Lesson kinds.
const (
	LessonSuccess     LessonKind = "success"
	LessonImprovement LessonKind = "improvement"
)

var lessonKinds = enumTable{Message{"经验类型", "lesson type"}, []label{
	{code: "success", zh: "成功点", en: "success point"},
	{code: "improvement", zh: "改进点", en: "improvement point"},
}}

// Collaboration is the kind of internal collaboration a remark or a proposal
// concerns.
//
//enumgen:table collaborations
type Collaboration string

// Collaboration kinds.
const (
	CollabTechnicalSupport Collaboration = "technical_support"
	CollabLegalReview      Collaboration = "legal_review"
	CollabContractReview   Collaboration = "contract_review"
	CollabPricing          Collaboration = "pricing"
	CollabDelivery         Collaboration = "delivery"
	CollabOther            Collaboration = "other"
)

var collaborations = enumTable{Message{"协作类型", "collaboration type"}, []label{
	{code: "technical_support", zh: "技术支持", en: "technical support"},
	{code: "legal_review", zh: "法务审核", en: "legal review"},
	{code: "contract_review", zh: "合同审核", en: "contract review"},
	{code: "pricing", zh: "价格审批", en: "pricing approval"},
	{code: "delivery", zh: "交付", en: "delivery"},
	{code: "other", zh: "其他", en: "other"},
}}

// PlaceMode says whether a contact happened online or offline.
//
//enumgen:table placeModes
type PlaceMode string

// Place modes.
const (
	PlaceOnline  PlaceMode = "online"
	PlaceOffline PlaceMode = "offline"
)

var placeModes = enumTable{Message{"沟通场所类型", "place type"}, []label{
	{code: "online", zh: "线上", en: "online"},
	{code: "offline", zh: "线下", en: "offline"},
}}

// ops labels the history operations. The type Op and its codes are declared
// with the history in history.go.
var ops = enumTable{Message{"操作", "history operation"}, []label{
	{code: "create", zh: "创建记录", en: "created the record"},
	{code: "update", zh: "修改记录", en: "edited the record"},
	{code: "log_interaction", zh: "记录沟通", en: "logged a contact"},
	{code: "action_status", zh: "更新行动状态", en: "changed an action's status"},
	{code: "close", zh: "结案", en: "closed the engagement"},
	{code: "reopen", zh: "重新推进", en: "reopened the engagement"},
	{code: "remark", zh: "添加备注", en: "added a remark"},
	{code: "customer_update", zh: "修改客户信息", en: "edited the customer"},
	{code: "reassign", zh: "交接给其他成员", en: "handed over to another member"},
	{code: "team_update", zh: "修改团队信息", en: "edited the team"},
	{code: "member_add", zh: "加入成员", en: "added a member"},
	{code: "member_role", zh: "调整成员角色", en: "changed a member's role"},
	{code: "member_deactivate", zh: "停用成员", en: "deactivated a member"},
}}
