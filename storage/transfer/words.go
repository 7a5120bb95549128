package transfer

import "github.com/dealtrail/dealtrail/salesrec"

// What the report says when the store refuses an engagement for a reason
// that is no rule of the record; the rules speak for themselves.
var (
	msgOtherTeam    = salesrec.Message{Zh: "本团队没有这个业务编号(或你无权查看)", En: "names no engagement of your team that you may see"}
	msgVersionStale = salesrec.Message{Zh: "系统中的记录与文件不同:请导出最新版本,在其上修改后再导入", En: "the record in the system differs from the file: export the latest version, edit that and import it"}
	msgMayNotAssign = salesrec.Message{Zh: "你无权导入或指派这条业务(销售代表只能导入自己参与的业务)", En: "you may not import or assign this engagement (a rep imports only engagements they take part in)"}
	msgStoreRefused = salesrec.Message{Zh: "系统未能写入这条业务", En: "the store refused this engagement"}
)
