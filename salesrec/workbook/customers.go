package workbook

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/dealtrail/dealtrail/salesrec"
)

// The 客户 sheet is read whole in the first pass (an engagement may name a
// customer whose rows come anywhere in the sheet), but what it holds is not
// kept in memory: its rows are filed in the key sorter under the
// customer's name, next to the 业务 rows naming that customer (join.go).
// The join reports the rows' problems, moves each customer's rows, as
// cells, to a spill (a temporary file once they pass spillInMemory bytes)
// and hands each engagement where its customer's rows are; the customer is
// read back and parsed again when the engagement is read.

// customers holds the 客户 sheet's rows by customer, in a spill.
type customers struct {
	spill spill
	table string // the sheet's name as the file has it
	h     header
}

// span is where a record is in a spill.
type span struct {
	off int64
	n   int
}

func (cs *customers) close() error { return cs.spill.close() }

// fileCustomers files the rows of the 客户 sheet under their customer's
// name.
func (r *reader) fileCustomers(ctx context.Context) error {
	t, h, ok, err := r.openSheet(phaseCustomers, sheetCustomers)
	defer closeTable(t)
	if err != nil || !ok {
		return err
	}
	r.customers.table, r.customers.h = t.name, h
	return r.rows(ctx, phaseCustomers, t, h, func(row []string, num int, name string) error {
		return r.keys.add(keyOfRow(nsCustomer, name, kindCustomerRow, num), appendRow(nil, num, row))
	})
}

// customerProblems parses one row of a customer in the join, and files its
// problems: a customer's own columns on its first row, a contact's on
// every row.
func (r *reader) customerProblems(first bool, name string, rec []byte) error {
	num, row, _, err := nextRow(rec)
	if err != nil {
		return err
	}
	var scratch Entry
	var seen *customerRows
	if !first {
		seen = &customerRows{}
	}
	r.customerRow(seen, &scratch, r.customers.ref(num), row, name)
	for _, p := range scratch.Problems {
		if err := r.note(phaseCustomers, num, p); err != nil {
			return err
		}
	}
	return nil
}

// customerRow adds a row of the 客户 sheet to cr, the customer's rows so
// far (nil before its first row), and returns it; problems go to e.
func (r *reader) customerRow(cr *customerRows, e *Entry, ref rowRef, row []string, name string) *customerRows {
	if cr == nil {
		c := salesrec.Customer{Name: name}
		c.ShortNames = splitList(r.text(e, ref, row, 1))
		c.Kind = enumCell(e, ref, r.text(e, ref, row, 2), 2, salesrec.Parse[salesrec.CustomerKind])
		c.SubKind = r.text(e, ref, row, 3)
		c.Industry = r.text(e, ref, row, 4)
		c.Size = r.text(e, ref, row, 5)
		cr = &customerRows{c: c, refs: []rowRef{ref}}
	}
	if contact := r.text(e, ref, row, 6); contact != "" {
		cr.c.Contacts = append(cr.c.Contacts, salesrec.Contact{Name: contact,
			Title: r.text(e, ref, row, 7), Phone: r.text(e, ref, row, 8), Email: r.text(e, ref, row, 9)})
		cr.refs = append(cr.refs, ref)
	}
	return cr
}

// customer reads back the rows of the customer named name from where the
// join put them (at, as appendSpan wrote it).
func (r *reader) customer(name string, at []byte) (*customerRows, error) {
	cs := &r.customers
	off, n1 := binary.Uvarint(at)
	n, n2 := binary.Uvarint(at[max(n1, 0):])
	if n1 <= 0 || n2 <= 0 {
		return nil, errBadSpill
	}
	rec, err := cs.spill.read(span{off: int64(off), n: int(n)})
	if err != nil {
		return nil, err
	}
	var cr *customerRows
	var scratch Entry // reported in the first pass
	for len(rec) > 0 {
		var num int
		var row []string
		if num, row, rec, err = nextRow(rec); err != nil {
			return nil, err
		}
		cr = r.customerRow(cr, &scratch, cs.ref(num), row, name)
	}
	return cr, nil
}

// appendSpan encodes where a record is in a spill.
func appendSpan(b []byte, at span) []byte {
	return binary.AppendUvarint(binary.AppendUvarint(b, uint64(at.off)), uint64(at.n))
}

func (cs *customers) ref(num int) rowRef {
	return rowRef{sheet: sheetCustomers, table: cs.table, h: cs.h, row: num, base: "customer."}
}

// appendRow encodes a row: its number, its cell count, each cell's length
// and bytes.
func appendRow(b []byte, num int, row []string) []byte {
	b = binary.AppendUvarint(b, uint64(num))
	b = binary.AppendUvarint(b, uint64(len(row)))
	for _, c := range row {
		b = binary.AppendUvarint(b, uint64(len(c)))
		b = append(b, c...)
	}
	return b
}

var errBadSpill = errors.New("workbook: spilled rows cannot be read back")

// nextRow decodes the row at the start of b and returns the rest.
func nextRow(b []byte) (num int, row []string, rest []byte, err error) {
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	n, ok1 := next()
	cells, ok2 := next()
	if !ok1 || !ok2 || cells > uint64(len(b)) {
		return 0, nil, nil, errBadSpill
	}
	row = make([]string, cells)
	for i := range row {
		l, ok := next()
		if !ok || l > uint64(len(b)) {
			return 0, nil, nil, errBadSpill
		}
		row[i], b = string(b[:l]), b[l:]
	}
	return int(n), row, b, nil
}

// spillInMemory is how many bytes a spill holds in memory before it moves
// to a temporary file.
const spillInMemory = 1 << 20

// spill is an append-only store of records, in memory while it is small
// and in a temporary file after.
type spill struct {
	mem  []byte
	file *os.File
	size int64
}

func (s *spill) add(rec []byte) (span, error) {
	at := span{off: s.size, n: len(rec)}
	if s.file == nil && len(s.mem)+len(rec) > spillInMemory {
		f, err := os.CreateTemp("", "dealtrail-customers-*")
		if err != nil {
			return at, fmt.Errorf("workbook: spilling the customers' rows: %w", err)
		}
		s.file = f
		if _, err := f.Write(s.mem); err != nil {
			return at, fmt.Errorf("workbook: spilling the customers' rows: %w", err)
		}
		s.mem = nil
	}
	s.size += int64(len(rec))
	if s.file == nil {
		s.mem = append(s.mem, rec...)
		return at, nil
	}
	if _, err := s.file.Write(rec); err != nil {
		return at, fmt.Errorf("workbook: spilling the customers' rows: %w", err)
	}
	return at, nil
}

func (s *spill) read(at span) ([]byte, error) {
	if s.file == nil {
		return s.mem[at.off : at.off+int64(at.n) : at.off+int64(at.n)], nil
	}
	b := make([]byte, at.n)
	if _, err := s.file.ReadAt(b, at.off); err != nil && !(errors.Is(err, io.EOF) && at.n == 0) {
		return nil, fmt.Errorf("workbook: reading the spilled customers' rows: %w", err)
	}
	return b, nil
}

// close removes the temporary file, if any.
func (s *spill) close() error {
	err := removeTemp(s.file)
	s.file = nil
	return err
}
