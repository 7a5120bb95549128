package salesrec

import (
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// Shorthands for the expected points.
func need(s string) Point { return Point{Speaker: SpeakerCustomer, Kind: PointNeed, Text: s} }
func feedback(sub Subject, s string) Point {
	return Point{Speaker: SpeakerCustomer, Kind: PointFeedback, Subject: sub, Text: s}
}
func approval(s string) Point { return Point{Speaker: SpeakerCustomer, Kind: PointApproval, Text: s} }
func question(s string) Point { return Point{Speaker: SpeakerCustomer, Kind: PointQuestion, Text: s} }
func did(s string) Point      { return Point{Speaker: SpeakerSales, Kind: PointActionTaken, Text: s} }
func promised(s string) Point { return Point{Speaker: SpeakerSales, Kind: PointCommitment, Text: s} }
func objection(s, h, r string) Point {
	return Point{Speaker: SpeakerCustomer, Kind: PointObjection, Text: s, Handling: h, Result: r}
}

// TestParseNotesPasted reads notes as reps paste them: from WeChat, from a
// Word table, typed on a phone, half in English. want is the points; when
// errs is set, ParseNotes must fail with exactly those keys, each message
// containing the given text.
func TestParseNotesPasted(t *testing.T) {
	tests := []struct {
		name  string
		notes string
		want  []Point
		errs  map[string]string
	}{
		{
			name: "the template's own example, full-width colons, numbered",
			notes: "1. 客户提出：需支持多数据源实时对接，预算控制在50万以内\n" +
				"2. 销售承诺：3月5日前提供定制化方案\n" +
				"3. 异议：担心系统稳定性 处理：安排技术演示 结果：客户认可稳定性\n",
			want: []Point{need("需支持多数据源实时对接，预算控制在50万以内"), promised("3月5日前提供定制化方案"),
				objection("担心系统稳定性", "安排技术演示", "客户认可稳定性")},
		},
		{
			name:  "half-width colons and 1、 numbering",
			notes: "1、客户提出:希望下个月上线\n2、销售动作:演示了报表模块",
			want:  []Point{need("希望下个月上线"), did("演示了报表模块")},
		},
		{
			name:  "bulleted with dots and dashes, blank lines between",
			notes: "• 客户认可:数据同步方案\n\n- 销售承诺:周五前发报价单\n\n\n· 客户疑问:能否私有化部署",
			want:  []Point{approval("数据同步方案"), promised("周五前发报价单"), question("能否私有化部署")},
		},
		{
			name:  "circled numbers and (1) numbering",
			notes: "① 客户提出：要支持SAP对接\n(2) 客户反馈(方案)：二期的范围太大\n（3）销售承诺：下周二前拆分成两期",
			want:  []Point{need("要支持SAP对接"), feedback(SubjectProposal, "二期的范围太大"), promised("下周二前拆分成两期")},
		},
		{
			name:  "handling and result on the next lines, indented",
			notes: "异议：报价比竞品高15%\n    处理：说明含三年运维，折算后持平\n    结果：客户同意提交内部比价",
			want:  []Point{objection("报价比竞品高15%", "说明含三年运维，折算后持平", "客户同意提交内部比价")},
		},
		{
			name:  "handling on the same line, result on the next",
			notes: "3. 异议:实施周期太长 处理:提出分阶段上线\n   结果:客户接受先上线采购模块",
			want:  []Point{objection("实施周期太长", "提出分阶段上线", "客户接受先上线采购模块")},
		},
		{
			name:  "handling and result separated by semicolons and commas",
			notes: "异议:担心数据安全;处理:出示等保三级证书，结果:客户法务认可",
			want:  []Point{objection("担心数据安全", "出示等保三级证书", "客户法务认可")},
		},
		{
			name:  "traditional characters pasted from a Hong Kong colleague",
			notes: "客戶反饋（報價）：價格偏高\n異議：付款週期太短 處理：申請60天賬期 結果：待財務確認",
			want: []Point{feedback(SubjectQuote, "價格偏高"),
				objection("付款週期太短", "申請60天賬期", "待財務確認")},
		},
		{
			name:  "a space typed inside the marker",
			notes: "客户 提出：需要移动端审批\n销售 承诺 ：4月10日前给出移动端演示",
			want:  []Point{need("需要移动端审批"), promised("4月10日前给出移动端演示")},
		},
		{
			name:  "stray spaces, tabs and full-width spaces everywhere",
			notes: "   \t1.   客户提出 ：  预算今年只有30万   \n\u3000\u30002.\t销售动作：\t发了两个同行案例\t\n   ",
			want:  []Point{need("预算今年只有30万"), did("发了两个同行案例")},
		},
		{
			name:  "Windows line endings from an Excel cell",
			notes: "客户提出：要开发票\r\n销售承诺：合同签后3个工作日内开票\r\n",
			want:  []Point{need("要开发票"), promised("合同签后3个工作日内开票")},
		},
		{
			name: "all English",
			notes: "1. Customer raised: needs SSO with Azure AD\n" +
				"2. Customer feedback (quote): 20% above budget\n" +
				"3. Sales promised: revised quote by Friday\n" +
				"4. Objection: worried about data residency. Handling: showed the Shanghai region. Result: accepted",
			want: []Point{need("needs SSO with Azure AD"), feedback(SubjectQuote, "20% above budget"),
				promised("revised quote by Friday"),
				objection("worried about data residency.", "showed the Shanghai region.", "accepted")},
		},
		{
			name:  "English markers in any case, with zh content",
			notes: "CUSTOMER RAISED: 要对接金蝶\ncustomer approved: 演示效果\nSales Did: 现场演示了审批流",
			want:  []Point{need("要对接金蝶"), approval("演示效果"), did("现场演示了审批流")},
		},
		{
			name:  "mixed languages line by line",
			notes: "- 客户提出：need an API for the WMS\n- Sales promised: 下周三前给API文档\n- 异议: price too high 处理: 申请九折 Result: 客户接受",
			want: []Point{need("need an API for the WMS"), promised("下周三前给API文档"),
				objection("price too high", "申请九折", "客户接受")},
		},
		{
			name:  "English handling and result on the next lines",
			notes: "* Objection: contract length of 3 years\n  Handling: offered a 1-year pilot\n  Result: they will sign the pilot",
			want:  []Point{objection("contract length of 3 years", "offered a 1-year pilot", "they will sign the pilot")},
		},
		{
			name:  "colons and times inside the content stay content",
			notes: "客户提出：上线时间:6月1日，切换窗口 22:00-02:00\n销售承诺：明早9:30前发切换方案",
			want:  []Point{need("上线时间:6月1日，切换窗口 22:00-02:00"), promised("明早9:30前发切换方案")},
		},
		{
			name:  "a label word inside the content without a space before it stays content",
			notes: "客户提出：希望看到压测结果:至少500并发\n销售动作：讲解了异常处理:自动重试三次",
			want:  []Point{need("希望看到压测结果:至少500并发"), did("讲解了异常处理:自动重试三次")},
		},
		{
			name:  "other spellings: 客户需求, 销售行动, 客户方认可, 我方承诺",
			notes: "客户需求：年底前完成全国20个仓的上线\n销售行动：安排了售前驻场两天\n客户方认可：实施方法论\n我方承诺：每周一发进度周报",
			want: []Point{need("年底前完成全国20个仓的上线"), did("安排了售前驻场两天"), approval("实施方法论"),
				promised("每周一发进度周报")},
		},
		{
			name:  "the customer's own commitment and a sales question are kept as written",
			notes: "客户承诺：下周内部评审后给答复\n销售疑问：采购是否走招标流程",
			want: []Point{{Speaker: SpeakerCustomer, Kind: PointCommitment, Text: "下周内部评审后给答复"},
				{Speaker: SpeakerSales, Kind: PointQuestion, Text: "采购是否走招标流程"}},
		},
		{
			name:  "the template's heading line is skipped",
			notes: "沟通核心内容：\n1. 客户提出：要支持电子签章\n2. 销售承诺：3月20日前演示电子签章",
			want:  []Point{need("要支持电子签章"), promised("3月20日前演示电子签章")},
		},
		{
			name:  "subject in square brackets and in English",
			notes: "客户反馈【合同】：违约金比例太高\nCustomer feedback (contract terms): wants net-60 payment",
			want:  []Point{feedback(SubjectContract, "违约金比例太高"), feedback(SubjectContract, "wants net-60 payment")},
		},
		{
			name:  "处理方式 and 处理结果 spelled out",
			notes: "异议：担心实施团队经验不足 处理方式：介绍了同行业三个项目经理 处理结果：客户要求面试项目经理",
			want:  []Point{objection("担心实施团队经验不足", "介绍了同行业三个项目经理", "客户要求面试项目经理")},
		},
		{
			name:  "customer objection with an explicit speaker",
			notes: "客户异议：不想预付50% 应对：改为30%预付 结果：客户同意",
			want:  []Point{objection("不想预付50%", "改为30%预付", "客户同意")},
		},

		// Failures: each line that cannot be placed is named.
		{
			name:  "a vague commitment is refused like everywhere else",
			notes: "1. 客户提出：要支持多仓库调拨\n2. 销售承诺：跟进",
			errs:  map[string]string{"notes.line[2].text": "第2行「销售承诺：跟进」"},
		},
		{
			name:  "a vague need is refused",
			notes: "客户提出:有需求\n销售动作:演示了调拨流程",
			errs:  map[string]string{"notes.line[1].text": "line 1"},
		},
		{
			name:  "a vague English action is refused",
			notes: "Sales did: follow up\nCustomer raised: wants a POC in May",
			errs:  map[string]string{"notes.line[1].text": "Sales did: follow up"},
		},
		{
			name:  "a line without a marker is not dropped",
			notes: "客户提出：要对接用友\n客户觉得价格还可以\n销售承诺：下周一给报价",
			errs:  map[string]string{"notes.line[2]": "看不出是谁说的"},
		},
		{
			name:  "a marker without a colon is named with the fix",
			notes: "客户提出 要一个试用账号\n销售承诺：今天下班前开通试用账号",
			errs:  map[string]string{"notes.line[1]": "请写成「客户提出:…」"},
		},
		{
			name:  "an English marker without a colon",
			notes: "Sales promised to send the quote by Friday",
			errs:  map[string]string{"notes.line[1]": "has no colon"},
		},
		{
			name:  "an objection without handling or result",
			notes: "客户提出：要支持多语言\n异议：担心上线后没人维护",
			errs: map[string]string{
				"notes.line[2].handling": "异议需写明处理方式",
				"notes.line[2].result":   "异议需标注处理结果",
			},
		},
		{
			name:  "feedback without its subject",
			notes: "客户反馈：太贵了，超出预算两成",
			errs:  map[string]string{"notes.line[1].subject": "客户反馈(报价)"},
		},
		{
			name:  "feedback with an unknown subject in brackets",
			notes: "客户反馈（价格）：太贵了",
			errs:  map[string]string{"notes.line[1]": "「价格」不是反馈对象"},
		},
		{
			name:  "a handling before any point",
			notes: "处理：申请了特价\n客户认可：特价方案",
			errs:  map[string]string{"notes.line[1]": "前面没有要点"},
		},
		{
			name:  "a result given twice",
			notes: "异议：交付太慢 处理：加派两名实施 结果：客户接受\n结果：客户不接受",
			errs:  map[string]string{"notes.line[2]": "又写了一次结果"},
		},
		{
			name:  "nothing but a heading",
			notes: "沟通核心内容：\n\n",
			errs:  map[string]string{"notes": "没有找到要点"},
		},
		{
			name:  "empty paste",
			notes: "  ",
			errs:  map[string]string{"notes": "no points found"},
		},
		{
			name: "several problems at once, each on its line",
			notes: "1. 客户提出：要支持多币种\n" +
				"2. 跟客户吃了饭\n" +
				"3. 销售承诺：保持联系\n" +
				"4. 异议：不想签三年 处理：给出一年期报价",
			errs: map[string]string{
				"notes.line[2]":        "第2行「跟客户吃了饭」",
				"notes.line[3].text":   "第3行",
				"notes.line[4].result": "line 4",
			},
		},
		{
			name:  "a point with an empty content",
			notes: "客户提出：\n销售承诺：周三前发演示环境账号",
			errs:  map[string]string{"notes.line[1].text": "is required"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNotes(tt.notes)
			if tt.errs == nil {
				if err != nil {
					t.Fatalf("ParseNotes: %v", err)
				}
				if !reflect.DeepEqual(got, tt.want) {
					t.Fatalf("points\ngot  %+v\nwant %+v", got, tt.want)
				}
				return
			}
			if got != nil {
				t.Errorf("points = %+v, want none with an error", got)
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want a *ValidationError wrapping ErrInvalid", err)
			}
			if gk, wk := keys(ve.Fields), keys(tt.errs); !reflect.DeepEqual(gk, wk) {
				t.Fatalf("error keys = %v, want %v (%v)", gk, wk, err)
			}
			for k, want := range tt.errs {
				if got := ve.Fields[k].Zh + " / " + ve.Fields[k].En; !strings.Contains(got, want) {
					t.Errorf("%s = %q, want it to contain %q", k, got, want)
				}
			}
		})
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestParseNotesUsesTheRulesGiven: the vague lists are the caller's; with
// them off, 跟进 is read as a point.
func TestParseNotesUsesTheRulesGiven(t *testing.T) {
	r := DefaultRules()
	r.VagueActions = nil
	got, err := r.ParseNotes("销售承诺：跟进")
	if err != nil {
		t.Fatal(err)
	}
	if want := []Point{promised("跟进")}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	r.VagueActions = []string{"周报"}
	if _, err := r.ParseNotes("销售承诺：周报"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("a phrase of the caller's list: err = %v, want ErrInvalid", err)
	}
}
