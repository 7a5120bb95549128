package kb

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
)

// benchTexts are lesson, reason and objection texts as sales teams write
// them, some naming customers, contacts, phones and emails.
var benchTexts = func() []string {
	out := append([]string{}, storeLessons...)
	for _, o := range storeObjections {
		out = append(out, joinNonEmpty(o[0], o[1], o[2]))
	}
	for _, r := range storeReasons {
		out = append(out, r.text)
	}
	return append(out,
		"客户7号精密的王建国说预算要等Q3，电话021-6888 7777，先发方案到wang.jg@kh7.example.com",
		"Called Acme Lee on +86 138 0013 8000; the buyer wants a 10% discount before 2024-04-10",
		"华东12号精密制造有限公司的老周拍板很快，技术演示打消了顾虑",
	)
}()

// benchIdentities returns the identities of a team of n customers, each
// with a name, a short name and two contacts with phone and email.
func benchIdentities(n int) []salesrec.Identity {
	var ids []salesrec.Identity
	for i := range n {
		c := salesrec.Customer{
			ID: fmt.Sprint(i), Name: fmt.Sprintf("华东%d号精密制造有限公司", i), ShortNames: []string{fmt.Sprintf("客户%d号精密", i)},
			Contacts: []salesrec.Contact{
				{Name: []string{"王建国", "李娜", "张伟", "Acme Lee"}[i%4] + fmt.Sprint(i%7), Phone: fmt.Sprintf("1380013%04d", i), Email: fmt.Sprintf("c%d@kh%d.example.com", i, i)},
				{Name: fmt.Sprintf("赵%d", i), Phone: fmt.Sprintf("021-6888 %04d", i)},
			},
		}
		ids = append(ids, c.Identities()...)
	}
	return ids
}

// BenchmarkMask measures masking one text against leaving it unmasked:
// with one customer's identities (what kb masked before it knew the whole
// team) and with a team of 300 customers (2,100 identities).
func BenchmarkMask(b *testing.B) {
	b.Run("unmasked", func(b *testing.B) {
		n := 0
		for i := 0; b.Loop(); i++ {
			n += len(strings.TrimSpace(benchTexts[i%len(benchTexts)]))
		}
		_ = n
	})
	for _, customers := range []int{1, 300} {
		m := newMasker(benchIdentities(customers))
		b.Run(fmt.Sprintf("customers=%d", customers), func(b *testing.B) {
			n := 0
			for i := 0; b.Loop(); i++ {
				n += len(m.mask(benchTexts[i%len(benchTexts)]))
			}
			_ = n
		})
	}
}
