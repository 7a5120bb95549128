package salesrec_test

import (
	"errors"
	"fmt"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Notes pasted as the template asks become the points of a contact, and are
// written back in the same style, in Chinese or English.
func ExampleParseNotes() {
	notes := `沟通核心内容:
1. 客户提出：需支持多数据源实时对接，预算控制在50万以内
2、客户反馈(报价):报价偏高，希望有折扣
- 销售承诺：3月5日前提供定制化方案
④ 异议：担心系统稳定性
   处理：安排技术演示
   结果：客户认可稳定性`
	points, err := salesrec.ParseNotes(notes)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range points {
		fmt.Printf("%s/%s: %s\n", p.Speaker, p.Kind, p.Text)
	}
	zh, _ := salesrec.FormatNotes(points, salesrec.ZH)
	fmt.Print(zh)
	en, _ := salesrec.FormatNotes(points, salesrec.EN)
	fmt.Print(en)
	// Output:
	// customer/need: 需支持多数据源实时对接，预算控制在50万以内
	// customer/feedback: 报价偏高，希望有折扣
	// sales/commitment: 3月5日前提供定制化方案
	// customer/objection: 担心系统稳定性
	// 1. 客户提出：需支持多数据源实时对接，预算控制在50万以内
	// 2. 客户反馈（报价）：报价偏高，希望有折扣
	// 3. 销售承诺：3月5日前提供定制化方案
	// 4. 异议：担心系统稳定性 处理：安排技术演示 结果：客户认可稳定性
	// 1. Customer raised: 需支持多数据源实时对接，预算控制在50万以内
	// 2. Customer feedback (quote): 报价偏高，希望有折扣
	// 3. Sales promised: 3月5日前提供定制化方案
	// 4. Objection: 担心系统稳定性 Handling: 安排技术演示 Result: 客户认可稳定性
}

// A line that names no speaker and a commitment that only says 跟进 are
// refused, each under its line number, in Chinese and English.
func ExampleParseNotes_errors() {
	_, err := salesrec.ParseNotes("客户提出：要对接用友\n客户觉得价格还可以\n销售承诺：跟进")
	var ve *salesrec.ValidationError
	if errors.As(err, &ve) {
		for _, field := range []string{"notes.line[2]", "notes.line[3].text"} {
			fmt.Println(ve.Fields[field].Text(salesrec.ZH))
			fmt.Println(ve.Fields[field].Text(salesrec.EN))
		}
	}
	// Output:
	// 第2行「客户觉得价格还可以」看不出是谁说的、是什么:请以 客户提出: / 客户反馈(报价): / 客户认可: / 销售动作: / 销售承诺: / 异议: 开头
	// line 2 "客户觉得价格还可以" does not say who speaks or what it is: start it with Customer raised:, Customer feedback (quote):, Customer approved:, Sales did:, Sales promised: or Objection:
	// 第3行「销售承诺：跟进」 — 太笼统:请写明具体要做什么,例如“发送报价单”,而不是“跟进”
	// line 3 "销售承诺：跟进" — text is too vague: say what will be done, e.g. 发送报价单 rather than 跟进
}
