package workbook

import (
	"bytes"
	"context"
	"encoding/binary"
)

// The key sorter files every row of the register under a key of the form
// namespace, text, kind, row number (8 bytes):
//
//   - nsKey, the 业务编号: the 业务 row (kind 0), then the rows of each
//     child sheet (kind 1 + its index in childSheets);
//   - nsCustomer, the customer's name: the 客户 rows (kindCustomerRow),
//     then the 业务 rows naming it (kindCustomerEngagement).
//
// So each key's rows come together, in row order, its engagement first.
// The join files the rows again in the output sorter under the 业务 row
// they belong to: its number, a kind (outEngagement, outCustomer, then
// outChildren + the child sheet's index), and the row's own number.
const (
	nsKey      = 0
	nsCustomer = 1

	kindCustomerRow        = 0
	kindCustomerEngagement = 1

	outEngagement = 0
	outCustomer   = 1
	outChildren   = 2
)

// keyOfRow is a key of the key sorter.
func keyOfRow(ns byte, text string, kind byte, num int) []byte {
	b := make([]byte, 0, 1+len(text)+2+1+8)
	return appendNum(append(appendText(append(b, ns), text), kind), num)
}

// outKey is a key of the output sorter.
func outKey(eng int, kind byte, num int) []byte {
	return appendNum(append(appendNum(make([]byte, 0, 17), eng), kind), num)
}

// join reads the key sorter in order, one key at a time. Under a 业务编号
// the first 业务 row is the engagement and a later one repeats its key;
// rows of child sheets go with the engagement, or are problems when there
// is none. Under a customer's name the rows of the 客户 sheet are checked
// and moved to the customers' spill, and each 业务 row naming the customer
// is told where they are.
func (r *reader) join(ctx context.Context) error {
	m, err := r.keys.merged()
	if err != nil {
		return err
	}
	var (
		group    []byte // namespace and text of the key being read
		eng      = -1   // the key's engagement (its 业务 row), or -1
		cust     span   // the customer's rows in the spill
		custRows int
	)
	for n := 0; m.next(); n++ {
		if err := stopped(ctx, n); err != nil {
			return err
		}
		k := m.key()
		prefix, kind, num := k[:len(k)-9], k[len(k)-9], int(binary.BigEndian.Uint64(k[len(k)-8:]))
		if !bytes.Equal(prefix, group) {
			group = append(group[:0], prefix...)
			eng, custRows = -1, 0
			cust = span{off: r.customers.spill.size}
		}
		text := func() string {
			t, _, ok := cutText(prefix[1:])
			if !ok {
				return ""
			}
			return t
		}
		switch {
		case prefix[0] == nsKey && kind == 0 && eng < 0:
			eng = num
			r.total++
			err = r.out.add(outKey(num, outEngagement, 0), m.val())
		case prefix[0] == nsKey && kind == 0:
			s := r.sheets[phaseEngagements]
			err = r.note(phaseEngagements, num, Problem{Sheet: s.name, Cell: s.h.cellName(0, num), Msg: msgKeyRepeated(text())})
		case prefix[0] == nsKey && eng < 0:
			phase := phaseChildren + int(kind-1)
			s := r.sheets[phase]
			err = r.note(phase, num, Problem{Sheet: s.name, Cell: s.h.cellName(0, num), Msg: msgUnknownKey(text())})
		case prefix[0] == nsKey:
			err = r.out.add(outKey(eng, outChildren+kind-1, num), m.val())
		case kind == kindCustomerRow:
			if err = r.customerProblems(custRows == 0, text(), m.val()); err == nil {
				var at span
				at, err = r.customers.spill.add(m.val())
				cust.n += at.n
				custRows++
			}
		case custRows > 0:
			err = r.out.add(outKey(num, outCustomer, 0), appendSpan(nil, cust))
		}
		if err != nil {
			return err
		}
	}
	return m.err
}
