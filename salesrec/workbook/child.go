package workbook

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
)

// child reads one row of a child sheet into e.
func (r *reader) child(e *Entry, c sheetRead, hr heldRow) {
	ref := rowRef{sheet: c.s, table: c.name, h: c.h, row: hr.num}
	g := &e.Engagement
	row := hr.row
	switch c.s {
	case sheetInteractions:
		i := len(g.Interactions)
		e.cells[fmt.Sprintf("interactions[%d]", i)] = ref
		key := r.text(e, ref, row, 1)
		e.contactKeys = append(e.contactKeys, key)
		if key == "" {
			key = "#" + strconv.Itoa(i+1)
		}
		g.Interactions = append(g.Interactions, r.interaction(e, ref, row, deriveID(r.team.ID, "contact", g.ID, key)))
	case sheetPoints:
		r.points(e, ref, row)
	case sheetNeeds:
		e.cells[fmt.Sprintf("needs[%d]", len(g.Needs))] = ref
		g.Needs = append(g.Needs, salesrec.Need{
			Class:    enumCell(e, ref, r.text(e, ref, row, 1), 1, salesrec.Parse[salesrec.NeedClass]),
			Priority: enumCell(e, ref, r.text(e, ref, row, 2), 2, salesrec.Parse[salesrec.Priority]),
			Content:  r.text(e, ref, row, 3),
		})
	case sheetActions:
		i := len(g.Actions)
		e.cells[fmt.Sprintf("actions[%d]", i)] = ref
		a := salesrec.Action{ID: deriveID(r.team.ID, "action", g.ID, keyOr(r.text(e, ref, row, 1), i)),
			What: r.text(e, ref, row, 2), OwnerID: r.member(e, ref, row, 3),
			Status: enumCell(e, ref, r.text(e, ref, row, 5), 5, salesrec.Parse[salesrec.ActionStatus])}
		if v := r.text(e, ref, row, 4); v != "" {
			d, err := parseDate(v)
			if parsed(e, ref, 4, err) {
				a.Deadline = d
			}
		}
		g.Actions = append(g.Actions, a)
	case sheetRemarks:
		i := len(g.Remarks)
		e.cells[fmt.Sprintf("remarks[%d]", i)] = ref
		rm := salesrec.Remark{ID: deriveID(r.team.ID, "remark", g.ID, keyOr(r.text(e, ref, row, 1), i)),
			AuthorID:      r.member(e, ref, row, 3),
			Collaboration: enumCell(e, ref, r.text(e, ref, row, 4), 4, salesrec.Parse[salesrec.Collaboration]),
			Text:          r.text(e, ref, row, 5)}
		if v := r.text(e, ref, row, 2); v != "" {
			t, err := parseInstant(v, r.team.Location)
			if parsed(e, ref, 2, err) {
				rm.At = t
			}
		}
		g.Remarks = append(g.Remarks, rm)
	case sheetLessons:
		e.cells[fmt.Sprintf("lessons[%d]", len(g.Lessons))] = ref
		g.Lessons = append(g.Lessons, salesrec.Lesson{
			Kind: enumCell(e, ref, r.text(e, ref, row, 1), 1, salesrec.Parse[salesrec.LessonKind]),
			Text: r.text(e, ref, row, 2),
		})
	}
}

func keyOr(key string, i int) string {
	if key == "" {
		return "#" + strconv.Itoa(i+1)
	}
	return key
}

func (r *reader) interaction(e *Entry, ref rowRef, row []string, id string) salesrec.Interaction {
	in := salesrec.Interaction{ID: id,
		Method: enumCell(e, ref, r.text(e, ref, row, 4), 4, salesrec.Parse[salesrec.Method]),
		Place: salesrec.Place{
			Mode:      enumCell(e, ref, r.text(e, ref, row, 5), 5, salesrec.Parse[salesrec.PlaceMode]),
			Platform:  r.text(e, ref, row, 6),
			MeetingID: r.text(e, ref, row, 7),
			Address:   r.text(e, ref, row, 8),
		},
		Topic: r.text(e, ref, row, 9),
	}
	in.OccurredAt = r.occurred(e, ref, row)
	for _, p := range splitList(r.text(e, ref, row, 10)) {
		name, title := splitPerson(p)
		in.CustomerParticipants = append(in.CustomerParticipants, salesrec.CustomerParticipant{Name: name, Title: title})
	}
	for _, p := range splitList(r.text(e, ref, row, 11)) {
		name, role := splitPerson(p)
		sp := salesrec.SalesParticipant{Name: name, Role: role}
		if ids := r.members[name]; len(ids) == 1 {
			sp.MemberID = ids[0]
		}
		in.SalesParticipants = append(in.SalesParticipants, sp)
	}
	if v := r.text(e, ref, row, 12); v != "" {
		t, err := parseInstant(v, r.team.Location)
		if parsed(e, ref, 12, err) {
			in.RecordedAt = t
		}
	}
	return in
}

// occurred reads 沟通日期 and 沟通时间 as one instant in the team's zone (or
// the offset the time cell names).
func (r *reader) occurred(e *Entry, ref rowRef, row []string) time.Time {
	dv, tv := r.text(e, ref, row, 2), r.text(e, ref, row, 3)
	if dv == "" {
		return time.Time{} // the rules say it is required
	}
	d, err := parseDate(dv)
	if !parsed(e, ref, 2, err) {
		return time.Time{}
	}
	loc := r.team.Location
	tv, zone := cutOffset(tv)
	if zone != nil {
		loc = zone
	}
	h, m, err := parseClock(tv)
	if !parsed(e, ref, 3, err) {
		return time.Time{}
	}
	return time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, loc)
}

// points reads a 沟通要点 row: the points written in the template's notes
// style (one or several lines), added to the contact its 沟通编号 names.
func (r *reader) points(e *Entry, ref rowRef, row []string) {
	g := &e.Engagement
	key := r.text(e, ref, row, 1)
	at := -1
	for i, k := range e.contactKeys {
		if k == key || key != "" && g.Interactions[i].ID == key {
			at = i
			break
		}
	}
	if key == "" && len(g.Interactions) == 1 {
		at = 0
	}
	switch {
	case at < 0 && key == "":
		e.Problems = append(e.Problems, cellProblem(ref, 1, msgContactIDRequired))
		return
	case at < 0:
		e.Problems = append(e.Problems, cellProblem(ref, 1, msgUnknownContact(key)))
		return
	}
	pts, err := r.rules.ParseNotes(r.text(e, ref, row, 2))
	var ve *salesrec.ValidationError
	if errors.As(err, &ve) {
		fields := make([]string, 0, len(ve.Fields))
		for f := range ve.Fields {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		for _, f := range fields {
			e.Problems = append(e.Problems, cellProblem(ref, 2, ve.Fields[f]))
		}
		return
	}
	if !parsed(e, ref, 2, err) {
		return
	}
	in := &g.Interactions[at]
	for _, p := range pts {
		e.cells[fmt.Sprintf("interactions[%d].points[%d]", at, len(in.Points))] = ref
		in.Points = append(in.Points, p)
	}
}

// finish drops what only reading needed.
func (r *reader) finish(e *Entry) { e.contactKeys = nil }
