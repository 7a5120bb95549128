package workbook

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
)

// Add writes an engagement's rows to every sheet, and its customer's to
// 客户 the first time the customer comes. c is the customer as the
// exporting member may see it (contacts masked by the store when they may
// not).
func (w *Writer) Add(e salesrec.Engagement, c salesrec.Customer) error {
	if w.form != nil {
		w.collect = map[*sheet][][]string{}
		if err := w.addRows(e, c, true); err != nil {
			return err
		}
		return w.form.add(w.collect)
	}
	if c.ID == "" || c.ID != w.lastID {
		if err := w.queueCustomer(c); err != nil {
			return err
		}
	}
	w.lastID = c.ID
	return w.addRows(e, c, false)
}

// queueCustomer queues c's rows of the 客户 sheet under its id and the
// order it came in; a customer without an id is never taken for another.
func (w *Writer) queueCustomer(c salesrec.Customer) error {
	w.queue = w.queueBuf[:0] // not nil: newWriter gives it room
	err := w.addCustomer(c)
	w.queueBuf, w.queue = w.queue, nil
	if err != nil {
		return err
	}
	w.queued++
	return w.customers.add(appendNum(appendText(nil, c.ID), w.queued), w.queueBuf)
}

// writeCustomers writes the 客户 sheet: each customer queued, the first
// time it came, in the order the customers came. The queue, sorted by id,
// gives each id's first time; sorted again by that order, the rows.
func (w *Writer) writeCustomers() error {
	if w.form != nil {
		return nil
	}
	byID, err := w.customers.merged()
	if err != nil {
		return err
	}
	inOrder := newSorter(w.customers.limit)
	defer inOrder.close()
	var last []byte
	noID := appendText(nil, "")
	for byID.next() {
		k := byID.key()
		id, order := k[:len(k)-8], k[len(k)-8:]
		if bytes.Equal(id, last) && !bytes.Equal(id, noID) {
			continue // this customer came before
		}
		last = append(last[:0], id...)
		if err := inOrder.add(order, byID.val()); err != nil {
			return err
		}
	}
	if byID.err != nil {
		return byID.err
	}
	rows, err := inOrder.merged()
	if err != nil {
		return err
	}
	for rows.next() {
		for rec := rows.val(); len(rec) > 0; {
			var row []string
			if _, row, rec, err = nextRow(rec); err != nil {
				return err
			}
			if err := w.sheets[0].row(row); err != nil { // registerSheets[0] is 客户
				return err
			}
		}
	}
	return rows.err
}

// addRows writes the rows of e, and of its customer when withCustomer.
func (w *Writer) addRows(e salesrec.Engagement, c salesrec.Customer, withCustomer bool) error {
	if withCustomer {
		if err := w.addCustomer(c); err != nil {
			return err
		}
	}
	for _, f := range []func(salesrec.Engagement, string) error{w.addEngagement, w.addInteractions, w.addChildren} {
		if err := f(e, c.Name); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) addCustomer(c salesrec.Customer) error {
	first := []string{c.Name, strings.Join(c.ShortNames, "、"), label(c.Kind), c.SubKind, c.Industry, c.Size, "", "", "", ""}
	if len(c.Contacts) == 0 {
		return w.write(sheetCustomers, first...)
	}
	for i, ct := range c.Contacts {
		row := []string{c.Name, "", "", "", "", "", ct.Name, ct.Title, ct.Phone, ct.Email}
		if i == 0 {
			copy(row, first[:6])
		}
		if err := w.write(sheetCustomers, row...); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) addEngagement(e salesrec.Engagement, customer string) error {
	var summary, collab, resources string
	if p := e.Proposal; p != nil {
		summary, collab, resources = p.Summary, labels(p.Collaboration), p.Resources
	}
	var amount, signed, reason, category string
	if o := e.Outcome; o != nil {
		if !o.Amount.IsZero() {
			amount = o.Amount.String()
		}
		if !o.SignedOn.IsZero() {
			signed = o.SignedOn.String()
		}
		reason, category = o.Reason, label(o.ReasonCategory)
	}
	return w.write(sheetEngagements, e.ID, customer, w.name(e.OwnerID), label(e.Stage), e.Goal, label(e.Status),
		summary, collab, resources, amount, signed, reason, category, e.ReopenReason, version(e.Version))
}

func (w *Writer) addInteractions(e salesrec.Engagement, _ string) error {
	for _, in := range e.Interactions {
		cust := make([]string, len(in.CustomerParticipants))
		for i, p := range in.CustomerParticipants {
			cust[i] = person(p.Name, p.Title)
		}
		sales := make([]string, len(in.SalesParticipants))
		for i, p := range in.SalesParticipants {
			sales[i] = person(p.Name, p.Role)
		}
		at := in.OccurredAt
		if err := w.write(sheetInteractions, e.ID, in.ID, at.Format("2006-01-02"),
			salesrec.FormatClock(at)+writeOffset(at, w.team.Location), label(in.Method), label(in.Place.Mode),
			in.Place.Platform, in.Place.MeetingID, in.Place.Address, in.Topic,
			strings.Join(cust, "、"), strings.Join(sales, "、"), formatInstant(in.RecordedAt, w.team.Location)); err != nil {
			return err
		}
	}
	for _, in := range e.Interactions {
		for _, p := range in.Points {
			notes, err := salesrec.FormatNotes([]salesrec.Point{p}, salesrec.ZH)
			if err != nil {
				return err
			}
			notes = strings.TrimSuffix(strings.TrimPrefix(notes, "1. "), "\n")
			if err := w.write(sheetPoints, e.ID, in.ID, notes); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *Writer) addChildren(e salesrec.Engagement, _ string) error {
	for _, n := range e.Needs {
		if err := w.write(sheetNeeds, e.ID, label(n.Class), label(n.Priority), n.Content); err != nil {
			return err
		}
	}
	for _, a := range e.Actions {
		deadline := ""
		if !a.Deadline.IsZero() {
			deadline = a.Deadline.String()
		}
		if err := w.write(sheetActions, e.ID, a.ID, a.What, w.name(a.OwnerID), deadline, label(a.Status)); err != nil {
			return err
		}
	}
	for _, r := range e.Remarks {
		if err := w.write(sheetRemarks, e.ID, r.ID, formatInstant(r.At, w.team.Location), w.name(r.AuthorID),
			label(r.Collaboration), r.Text); err != nil {
			return err
		}
	}
	for _, l := range e.Lessons {
		if err := w.write(sheetLessons, e.ID, label(l.Kind), l.Text); err != nil {
			return err
		}
	}
	return nil
}

// version is the 版本 cell: blank for an engagement never stored.
func version(v int64) string {
	if v <= 0 {
		return ""
	}
	return strconv.FormatInt(v, 10)
}
