package main

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// recordPage is the host's own page of one engagement, which the lessons
// page links each hit to: a plain-text summary read as actor, under the
// store's access rules.
func recordPage(store *storage.Store, actor string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		e, err := store.Engagement(r.Context(), actor, r.PathValue("id"))
		if errors.Is(err, salesrec.ErrNotFound) || errors.Is(err, salesrec.ErrForbidden) {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintln(w, "没有找到这条业务记录,或您无权查看 — no such pursuit, or you may not read it")
			return
		}
		if err != nil {
			http.Error(w, "读取失败 the record could not be read", http.StatusInternalServerError)
			return
		}
		var b strings.Builder
		fmt.Fprintf(&b, "业务记录 pursuit %s\n", e.ID)
		if c, err := store.Customer(r.Context(), actor, e.CustomerID); err == nil {
			fmt.Fprintf(&b, "客户 customer: %s\n", c.Name)
		}
		fmt.Fprintf(&b, "目标 goal: %s\n", e.Goal)
		fmt.Fprintf(&b, "状态 status: %s %s\n", e.Status.Label(salesrec.ZH), e.Status.Label(salesrec.EN))
		for _, l := range e.Lessons {
			fmt.Fprintf(&b, "经验 lesson [%s]: %s\n", l.Kind.Label(salesrec.ZH), l.Text)
		}
		_, _ = w.Write([]byte(b.String()))
	})
}
