package dealtrailhttp

import (
	"strconv"

	"github.com/dealtrail/dealtrail/salesrec"
)

// The words the handlers say to a client, in Chinese and in English side by
// side; writeError picks one by the request's Accept-Language. The
// library's own messages (validation, findings) come with both languages.
var (
	msgIDMismatch      = salesrec.Message{Zh: "请求体里的编号与路径里的编号不一致", En: "the id in the body differs from the id in the path"}
	msgTrailingData    = salesrec.Message{Zh: "请求体在 JSON 之后还有多余内容", En: "request body has data after the JSON value"}
	msgEmptyBody       = salesrec.Message{Zh: "请求体为空,请发送一个 JSON 对象", En: "request body is empty; send a JSON object"}
	msgBadJSON         = salesrec.Message{Zh: "请求体不是有效的 JSON", En: "request body is not valid JSON"}
	msgWrongType       = salesrec.Message{Zh: "请求体里有值的类型不对", En: "request body has a value of the wrong type"}
	msgBadShape        = salesrec.Message{Zh: "请求体的字段或格式与要求不符", En: "request body does not match the expected fields and formats"}
	msgNeedVersion     = salesrec.Message{Zh: "请带上读取时的版本:请求体里的 \"version\" 或 If-Match 头", En: "send the version you read, as \"version\" in the body or in an If-Match header"}
	msgBadIfMatch      = salesrec.Message{Zh: "If-Match 须是本接口返回的 ETag", En: "If-Match must hold an ETag returned by this API"}
	msgVersionMismatch = salesrec.Message{Zh: "请求体里的版本与 If-Match 不一致", En: "the version in the body and in If-Match differ"}
	msgStatusParam     = salesrec.Message{Zh: "须为 待推进、已成交 或 已终止(open、won、terminated)", En: "must be open, won or terminated (or 待推进, 已成交, 已终止)"}
	msgStageParam      = salesrec.Message{Zh: "须为 新客户开发 或 老客户维护(new_customer_development、existing_customer_maintenance)", En: "must be new_customer_development or existing_customer_maintenance (or 新客户开发, 老客户维护)"}
	msgTimeParam       = salesrec.Message{Zh: "须为 RFC 3339 格式的时间,例如 2024-03-01T09:30:00+08:00", En: "must be an RFC 3339 time such as 2024-03-01T09:30:00+08:00"}
	msgNoSearch        = salesrec.Message{Zh: "未配置知识库搜索", En: "knowledge-base search is not configured"}
	msgKindParam       = salesrec.Message{Zh: "须为 成功点、改进点、终止原因 或 异议处理(success、improvement、termination_reason、objection)", En: "must be success, improvement, termination_reason or objection"}
	msgDateParam       = salesrec.Message{Zh: "须为日期,格式 YYYY-MM-DD", En: "must be a date YYYY-MM-DD"}
	msgAmountParam     = salesrec.Message{Zh: "须为金额,例如 80000、¥80,000 或 8万", En: "must be an amount such as 80000, ¥80,000 or 8万"}
	msgBoolParam       = salesrec.Message{Zh: "须为 true 或 false", En: "must be true or false"}
	msgUnknownValue    = salesrec.Message{Zh: "不是可选的值:请用代码或它的中文/英文名称", En: "is not a known value: use a code or its zh/en label"}
	msgCloseStatus     = salesrec.Message{Zh: "须为 已成交 或 已终止(won、terminated)", En: "must be won (已成交) or terminated (已终止)"}
	msgMustBeString    = salesrec.Message{Zh: "须为文本", En: "must be a string"}
	msgMustBeNumber    = salesrec.Message{Zh: "须为数字", En: "must be a number"}
	msgMustBeArray     = salesrec.Message{Zh: "须为列表", En: "must be an array"}
	msgMustBeObject    = salesrec.Message{Zh: "须为对象", En: "must be an object"}
	msgMustBeOther     = salesrec.Message{Zh: "类型不对", En: "must be another type"}
	msgInvalidInput    = salesrec.Message{Zh: "填写有误", En: "invalid input"}
	msgInvalidParam    = salesrec.Message{Zh: "查询参数有误", En: "invalid query parameter"}
	msgTooLarge        = salesrec.Message{Zh: "请求体太大", En: "request body too large"}
	msgTransition      = salesrec.Message{Zh: "业务的结果状态不能这样改", En: "the engagement's status cannot change that way"}
	msgConflict        = salesrec.Message{Zh: "记录在读取后已被修改,或某个唯一值已被占用;请重新读取后再试", En: "the record changed since it was read, or a unique value is taken; read it again and retry"}
	msgNotFound        = salesrec.Message{Zh: "查无此记录", En: "not found"}
	msgForbidden       = salesrec.Message{Zh: "没有权限", En: "forbidden"}
	msgDeactivated     = salesrec.Message{Zh: "该成员已停用,不能再操作", En: "this member has been deactivated and can no longer act"}
	msgInternal        = salesrec.Message{Zh: "服务器内部错误", En: "internal error"}
	msgUnauthenticated = salesrec.Message{Zh: "请先登录", En: "authentication required"}
	msgBadQuery        = salesrec.Message{Zh: "查询字符串格式有误", En: "the query string is malformed"}
	msgUnknownParam    = salesrec.Message{Zh: "本接口没有这个参数,请检查拼写", En: "is not a parameter of this route; check the spelling"}
	msgUnknownField    = salesrec.Message{Zh: "没有这个字段,请检查拼写", En: "is not a known field; check the spelling"}
	msgWholeNumber     = salesrec.Message{Zh: "须为范围内的整数", En: "must be a whole number in range"}
	msgInstantField    = salesrec.Message{Zh: "须为时间,例如 2024-03-06 下午03:00 或 2024-03-06T15:00:00+08:00", En: "must be a moment such as 2024-03-06 下午03:00 or 2024-03-06T15:00:00+08:00"}
	msgAmountField     = salesrec.Message{Zh: "须为金额,例如 \"¥80,000\"、\"8万\" 或 {\"minor\": 8000000, \"currency\": \"CNY\"}", En: "must be an amount such as \"¥80,000\", \"8万\" or {\"minor\": 8000000, \"currency\": \"CNY\"}"}
	msgStale           = salesrec.Message{Zh: "记录在读取后已被修改;ETag 是现在的版本,请重新读取后再改", En: "the record changed since it was read; the ETag is its current version: read it again and retry"}
	msgCursor          = salesrec.Message{Zh: "须为上一页返回的 next,且每页条数不变", En: "must be the next of the previous page, asked with the same limit"}
	msgDaysParam       = salesrec.Message{Zh: "须为 1 到 90 之间的天数", En: "must be a number of days from 1 to 90"}
)

// msgLimit says the page sizes a list takes.
func msgLimit(most int) salesrec.Message {
	n := strconv.Itoa(most)
	return salesrec.Message{Zh: "须为 1 到 " + n + " 之间的整数", En: "must be a whole number from 1 to " + n}
}
