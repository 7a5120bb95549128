package storagetest

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
)

// relation is how an actor stands to an engagement (and to its customer,
// which in the matrix no other engagement shares).
type relation string

const (
	relOwner     relation = "owner"
	relSales     relation = "sales participant"
	relAction    relation = "action owner"
	relNone      relation = "no part"
	relOtherTeam relation = "other team"
)

var relations = []relation{relOwner, relSales, relAction, relNone, relOtherTeam}

// matrixActor is someone a call is made on behalf of. A known actor is a
// member the store holds; the others (an id that is no member, no id at
// all) are refused with ErrForbidden before any rule is asked.
type matrixActor struct {
	name  string
	m     salesrec.Member
	known bool
}

// cell is the engagement and the customer generated for one actor and one
// relation.
type cell struct {
	actor matrixActor
	rel   relation
	e     salesrec.Engagement
	c     salesrec.Customer
}

// matrix is the generated world: every member role of two teams, for each
// of them one engagement (with its own customer) in every relation, and
// every engagement the store holds, as the model the expected answers are
// computed from.
type matrix struct {
	w      *world
	actors []matrixActor // members first, then the unknown actors
	cells  []cell
	all    []salesrec.Engagement // everything stored, in creation order
	byID   map[string]salesrec.Customer
	// other is, by team id, the rep who owns the team's engagements in
	// which an actor takes a lesser part or none; manager, its manager.
	other, manager map[string]salesrec.Member
	n              int // customers named so far
	// label says, by engagement id, for whom and in which relation the
	// matrix made it.
	label map[string]string
}

// testAccessMatrix generates every role (rep, manager, admin, of either
// team; an id that is no member; no id) × every relation to an engagement
// (owner, sales participant, action owner, no part, another team's) × every
// operation (get, history, list, count, overdue actions, customer names,
// each write, create and bulk insert, customer read, create and update),
// computes the answer from salesrec's rules (CanRead, CanWrite, CanCreate,
// CanReadCustomer, CanSeeContacts, MaskContacts, CanCreateCustomer,
// CanUpdateCustomer) and checks that the store answers exactly that:
// allowed, or ErrNotFound, ErrForbidden or absent from a list as
// docs/security.md states. The store's SQL filters restate the read rule
// and its database answers whether a rep owns an engagement with a
// customer; this is where they are held to the rules. (There is no
// deactivated member to generate: members cannot be removed.)
func testAccessMatrix(t *testing.T, open Opener) {
	mx := newMatrix(t, open)
	// Reads first, while every engagement is open with an overdue action.
	for _, a := range mx.actors {
		mx.checkLists(t, a)
		for _, e := range mx.all {
			mx.checkReads(t, a, e)
		}
		for _, c := range mx.cells {
			mx.checkCustomerRead(t, a, c.c)
		}
	}
	for _, c := range mx.cells {
		mx.checkWrites(t, c.actor, c.rel, c.e)
		mx.checkCustomerUpdate(t, c.actor, c.rel, c.c)
	}
	// The unknown actors try every write on an engagement in each relation
	// the reps have.
	for _, a := range mx.actors {
		if a.known {
			continue
		}
		for _, c := range mx.cells {
			if c.actor.m.ID == mx.w.rep1.ID {
				mx.checkWrites(t, a, c.rel, c.e)
				mx.checkCustomerUpdate(t, a, c.rel, c.c)
			}
		}
	}
	for _, a := range mx.actors {
		for _, rel := range relations {
			mx.checkCreate(t, a, rel)
		}
		mx.checkCustomerCreate(t, a)
	}
}

func newMatrix(t *testing.T, open Opener) *matrix {
	w := newWorld(t, open)
	adminB := w.member(t, w.teamB, "Carol White", salesrec.RoleAdmin)
	repB2 := w.member(t, w.teamB, "Dan Brown", salesrec.RoleRep)
	mx := &matrix{w: w, byID: map[string]salesrec.Customer{}, label: map[string]string{},
		other:   map[string]salesrec.Member{w.teamA.ID: w.rep2, w.teamB.ID: repB2},
		manager: map[string]salesrec.Member{w.teamA.ID: w.managerA, w.teamB.ID: w.managerB},
	}
	for _, m := range []salesrec.Member{w.rep1, w.managerA, w.adminA, w.repB, w.managerB, adminB} {
		team := "A"
		if m.TeamID == w.teamB.ID {
			team = "B"
		}
		mx.actors = append(mx.actors, matrixActor{name: fmt.Sprintf("%s of team %s", m.Role, team), m: m, known: true})
	}
	mx.actors = append(mx.actors,
		matrixActor{name: "an id that is no member", m: salesrec.Member{ID: "no-such-member"}},
		matrixActor{name: "no actor id"})
	for _, a := range mx.actors {
		if !a.known {
			continue
		}
		for _, rel := range relations {
			e, creator := mx.build(t, a.m, rel)
			e = w.create(t, creator, e)
			mx.all = append(mx.all, e)
			mx.label[e.ID] = fmt.Sprintf("%s's %q engagement", a.name, rel)
			mx.cells = append(mx.cells, cell{actor: a, rel: rel, e: e, c: mx.byID[e.CustomerID]})
		}
	}
	return mx
}

// build returns a new engagement, of a new customer, that stands to m in
// relation rel, and the member who may create it: the other rep of the
// team it belongs to, or m as its owner.
func (mx *matrix) build(t *testing.T, m salesrec.Member, rel relation) (salesrec.Engagement, salesrec.Member) {
	t.Helper()
	w := mx.w
	team := m.TeamID
	if rel == relOtherTeam {
		team = w.teamA.ID
		if m.TeamID == w.teamA.ID {
			team = w.teamB.ID
		}
	}
	other := mx.other[team]
	c := w.customer(t, mx.manager[team], mx.name(), "制造业")
	mx.byID[c.ID] = c
	overdue := w.today(-1)
	var e salesrec.Engagement
	switch rel {
	case relOwner:
		e, other = w.engagement(m, c, overdue), m
	case relSales:
		e = w.engagement(other, c, overdue, m)
	case relAction:
		e = w.engagement(other, c, overdue)
		e.Actions = append(e.Actions, salesrec.Action{What: "协助准备技术方案", OwnerID: m.ID, Deadline: overdue, Status: salesrec.ActionPending})
	default:
		e = w.engagement(other, c, overdue)
	}
	e.TeamID = team
	return e, other
}

// name is a customer name not used before.
func (mx *matrix) name() string {
	mx.n++
	return fmt.Sprintf("矩阵客户%03d有限公司", mx.n)
}

// relationOf is how m stands to e, for messages.
func relationOf(m salesrec.Member, e salesrec.Engagement) relation {
	switch {
	case m.TeamID != e.TeamID:
		return relOtherTeam
	case e.OwnerID == m.ID:
		return relOwner
	case slices.ContainsFunc(e.Interactions, func(in salesrec.Interaction) bool {
		return slices.ContainsFunc(in.SalesParticipants, func(p salesrec.SalesParticipant) bool { return p.MemberID == m.ID })
	}):
		return relSales
	case slices.ContainsFunc(e.Actions, func(a salesrec.Action) bool { return a.OwnerID == m.ID }):
		return relAction
	}
	return relNone
}

// want is the answer the rules give: nil when allowed, refusal when the
// rule says no, ErrForbidden for an actor the store does not know.
func want(a matrixActor, allowed bool, refusal error) error {
	switch {
	case !a.known:
		return salesrec.ErrForbidden
	case allowed:
		return nil
	}
	return refusal
}

// same reports whether err is the answer want: no error, or one wrapping it.
func same(err, want error) bool {
	if want == nil {
		return err == nil
	}
	return errors.Is(err, want)
}

// answered reports whether err is the answer exp; when it is not, it fails
// t naming the call (what, formatted with args) and both answers.
func answered(t *testing.T, err, exp error, what string, args ...any) bool {
	t.Helper()
	if same(err, exp) {
		return true
	}
	t.Errorf("%s: %s, want %s", fmt.Sprintf(what, args...), answer(err), answer(exp))
	return false
}

func answer(err error) string {
	if err == nil {
		return "allowed"
	}
	return err.Error()
}

// visible is what the rules let a read: the engagements of the model a
// member may read, in creation order.
func (mx *matrix) visible(a matrixActor) []string {
	var out []string
	for _, e := range mx.all {
		if a.known && salesrec.CanRead(a.m, e) {
			out = append(out, e.ID)
		}
	}
	return out
}

// owns answers CanSeeContacts's question from the model.
func (mx *matrix) owns(m salesrec.Member, c salesrec.Customer) func() (bool, error) {
	return func() (bool, error) {
		return slices.ContainsFunc(mx.all, func(e salesrec.Engagement) bool {
			return e.CustomerID == c.ID && e.OwnerID == m.ID
		}), nil
	}
}

// checkLists checks the list, the count, the overdue action list and the
// customer names an actor gets against the engagements the rules let them
// read. Every engagement of the matrix is open with an overdue action.
func (mx *matrix) checkLists(t *testing.T, a matrixActor) {
	t.Helper()
	w := mx.w
	wantIDs := mx.visible(a)
	slices.Sort(wantIDs)
	refusal := want(a, true, nil)

	page, err := w.s.ListEngagements(w.ctx, a.m.ID, storage.Filter{}, storage.PageRequest{Limit: 500})
	answered(t, err, refusal, "%s: list", a.name)
	mx.sameSet(t, a, "list", ids(page.Items), wantIDs)
	// A filter naming a team lists what the actor reads of it: nothing of
	// another team.
	for _, team := range []salesrec.Team{w.teamA, w.teamB} {
		page, err := w.s.ListEngagements(w.ctx, a.m.ID, storage.Filter{TeamID: team.ID}, storage.PageRequest{Limit: 500})
		answered(t, err, refusal, "%s: list of team %s", a.name, team.Name)
		inTeam := slices.DeleteFunc(slices.Clone(wantIDs), func(id string) bool {
			return !slices.ContainsFunc(mx.all, func(e salesrec.Engagement) bool { return e.ID == id && e.TeamID == team.ID })
		})
		mx.sameSet(t, a, "the list of team "+team.Name, ids(page.Items), inTeam)
	}

	n, err := w.s.CountEngagements(w.ctx, a.m.ID, storage.Filter{})
	answered(t, err, refusal, "%s: count", a.name)
	if err == nil && n != len(wantIDs) {
		t.Errorf("%s: count %d, want %d", a.name, n, len(wantIDs))
	}

	items, err := w.s.Actions(w.ctx, a.m.ID, storage.ActionQuery{At: w.clock.Now(), Overdue: true})
	answered(t, err, refusal, "%s: overdue actions", a.name)
	var withActions []string
	for _, it := range items {
		if !slices.Contains(withActions, it.EngagementID) {
			withActions = append(withActions, it.EngagementID)
		}
	}
	mx.sameSet(t, a, "overdue actions", withActions, wantIDs)

	// CustomerNames leaves out what may not be read, an unknown actor
	// included, without an error.
	pairs := map[string]string{"no-such-engagement": "no-such-customer"}
	for _, e := range mx.all {
		pairs[e.ID] = e.CustomerID
	}
	names, err := w.s.CustomerNames(w.ctx, a.m.ID, pairs)
	if err != nil {
		t.Errorf("%s: customer names: %v", a.name, err)
	}
	mx.sameSet(t, a, "customer names", slices.Collect(maps.Keys(names)), wantIDs)
	for _, e := range mx.all {
		if got, ok := names[e.ID]; ok && got != mx.byID[e.CustomerID].Name {
			t.Errorf("%s: customer name of %s is %q, want %q", a.name, e.ID, got, mx.byID[e.CustomerID].Name)
		}
	}
}

// sameSet reports, by relation, every engagement a list has that the rules
// leave out or lacks that they let the actor read.
func (mx *matrix) sameSet(t *testing.T, a matrixActor, what string, got, want []string) {
	t.Helper()
	for _, e := range mx.all {
		has, should := slices.Contains(got, e.ID), slices.Contains(want, e.ID)
		if has != should {
			t.Errorf("%s: %s has %s, to which they are %q: %v, want %v",
				a.name, what, mx.label[e.ID], relationOf(a.m, e), has, should)
		}
	}
}

// checkReads checks get and history of one engagement.
func (mx *matrix) checkReads(t *testing.T, a matrixActor, e salesrec.Engagement) {
	t.Helper()
	w := mx.w
	exp := want(a, salesrec.CanRead(a.m, e), salesrec.ErrNotFound)
	got, err := w.s.Engagement(w.ctx, a.m.ID, e.ID)
	if answered(t, err, exp, "%s: get %s as %q", a.name, mx.label[e.ID], relationOf(a.m, e)) && err == nil && got.ID != e.ID {
		t.Errorf("%s: get %s returned %s", a.name, e.ID, got.ID)
	}
	hist, err := w.s.History(w.ctx, a.m.ID, e.ID)
	if answered(t, err, exp, "%s: history of %s as %q", a.name, mx.label[e.ID], relationOf(a.m, e)) && err == nil && len(hist) == 0 {
		t.Errorf("%s: history of %s is empty", a.name, e.ID)
	}
}

// checkCustomerRead checks a customer read: refused, masked or whole.
func (mx *matrix) checkCustomerRead(t *testing.T, a matrixActor, c salesrec.Customer) {
	t.Helper()
	w := mx.w
	exp := want(a, salesrec.CanReadCustomer(a.m, c), salesrec.ErrNotFound)
	got, err := w.s.Customer(w.ctx, a.m.ID, c.ID)
	if !answered(t, err, exp, "%s: customer %s read", a.name, c.Name) {
		return
	}
	if err != nil {
		return
	}
	sees, err := salesrec.CanSeeContacts(a.m, c, mx.owns(a.m, c))
	noErr(t, err, "the contact rule")
	wantContacts := c.Contacts
	if !sees {
		wantContacts = salesrec.MaskContacts(c).Contacts
	}
	if !slices.Equal(got.Contacts, wantContacts) {
		t.Errorf("%s: customer %s contacts %+v, want %+v (sees them as written: %v)", a.name, c.Name, got.Contacts, wantContacts, sees)
	}
}

// writeOp is one of the writes to a stored engagement, made from its
// current version.
type writeOp struct {
	name string
	do   func(mx *matrix, actor string, cur salesrec.Engagement) error
}

var writeOps = []writeOp{
	{"update", func(mx *matrix, actor string, cur salesrec.Engagement) error {
		cur.Goal = "确认客户的预算审批流程"
		return second(mx.w.s.UpdateEngagement(mx.w.ctx, actor, cur))
	}},
	{"log interaction", func(mx *matrix, actor string, cur salesrec.Engagement) error {
		owner := salesrec.Member{ID: cur.OwnerID, Name: "负责人"}
		in := interaction(mx.w.clock.Now().Add(-time.Hour), owner, "客户询问实施周期")
		return second(mx.w.s.LogInteraction(mx.w.ctx, actor, cur.ID, cur.Version, in))
	}},
	{"set action status", func(mx *matrix, actor string, cur salesrec.Engagement) error {
		return second(mx.w.s.SetActionStatus(mx.w.ctx, actor, cur.ID, cur.Version, cur.Actions[0].ID, salesrec.ActionInProgress))
	}},
	{"add remark", func(mx *matrix, actor string, cur salesrec.Engagement) error {
		return second(mx.w.s.AddRemark(mx.w.ctx, actor, cur.ID, cur.Version, salesrec.Remark{Text: "请跟进报价"}))
	}},
	{"close", func(mx *matrix, actor string, cur salesrec.Engagement) error {
		return second(mx.w.s.CloseEngagement(mx.w.ctx, actor, cur.ID, cur.Version, salesrec.StatusTerminated,
			salesrec.Outcome{Reason: "预算调整,暂缓采购", ReasonCategory: salesrec.ReasonBudget}))
	}},
	{"reopen", func(mx *matrix, actor string, cur salesrec.Engagement) error {
		return second(mx.w.s.ReopenEngagement(mx.w.ctx, actor, cur.ID, cur.Version, "客户重新获批预算"))
	}},
}

// checkWrites makes every write to e as a, each from the version stored
// then, and checks each is allowed exactly when CanWrite says so. The
// writes run in an order in which each is valid when allowed (close before
// reopen).
func (mx *matrix) checkWrites(t *testing.T, a matrixActor, rel relation, e salesrec.Engagement) {
	t.Helper()
	w := mx.w
	for _, op := range writeOps {
		cur, _, err := w.s.Snapshot(w.ctx, e.ID)
		noErr(t, err, "reading the stored engagement")
		exp := want(a, salesrec.CanWrite(a.m, cur), salesrec.ErrNotFound)
		err = op.do(mx, a.m.ID, cur)
		answered(t, err, exp, "%s: %s as %s", a.name, op.name, rel)
		after, _, err := w.s.Snapshot(w.ctx, e.ID)
		noErr(t, err, "reading the stored engagement")
		if changed := after.Version != cur.Version; changed != (exp == nil) {
			t.Errorf("%s: %s as %s changed the engagement: %v", a.name, op.name, rel, changed)
		}
	}
}

// checkCustomerUpdate updates the customer as a, from its stored value.
func (mx *matrix) checkCustomerUpdate(t *testing.T, a matrixActor, rel relation, c salesrec.Customer) {
	t.Helper()
	w := mx.w
	var cur salesrec.Customer
	for _, e := range mx.all {
		if e.CustomerID == c.ID {
			_, stored, err := w.s.Snapshot(w.ctx, e.ID)
			noErr(t, err, "reading the stored customer")
			cur = stored
			break
		}
	}
	may, err := salesrec.CanUpdateCustomer(a.m, cur, mx.owns(a.m, cur))
	noErr(t, err, "the customer rule")
	refusal := salesrec.ErrForbidden
	if !salesrec.CanReadCustomer(a.m, cur) {
		refusal = salesrec.ErrNotFound
	}
	exp := want(a, may, refusal)
	cur.Size = "100-500人"
	_, err = w.s.UpdateCustomer(w.ctx, a.m.ID, cur)
	answered(t, err, exp, "%s: customer update as %s", a.name, rel)
}

// checkCreate creates an engagement standing to a in relation rel.
func (mx *matrix) checkCreate(t *testing.T, a matrixActor, rel relation) {
	t.Helper()
	m := a.m
	if !a.known {
		m = mx.w.rep1 // the engagement is one rep1 could create
	}
	e, _ := mx.build(t, m, rel)
	exp := want(a, salesrec.CanCreate(a.m, e), salesrec.ErrForbidden)
	got, err := mx.w.s.CreateEngagement(mx.w.ctx, a.m.ID, e)
	answered(t, err, exp, "%s: create as %s", a.name, rel)
	if err == nil {
		mx.all = append(mx.all, got)
	}
	// A bulk insert creates under the same rule.
	bulk, err := mx.w.s.BulkInsert(mx.w.ctx, a.m.ID, []salesrec.Engagement{e})
	answered(t, err, exp, "%s: bulk insert as %s", a.name, rel)
	mx.all = append(mx.all, bulk...)
}

// checkCustomerCreate creates a customer of the actor's team and one of the
// other team.
func (mx *matrix) checkCustomerCreate(t *testing.T, a matrixActor) {
	t.Helper()
	w := mx.w
	for _, team := range []salesrec.Team{w.teamA, w.teamB} {
		c := newCustomer(mx.name(), "零售")
		c.TeamID = team.ID
		exp := want(a, salesrec.CanCreateCustomer(a.m, c), salesrec.ErrForbidden)
		got, err := w.s.CreateCustomer(w.ctx, a.m.ID, c)
		answered(t, err, exp, "%s: create a customer of team %s", a.name, team.ID)
		if err == nil {
			mx.byID[got.ID] = got
		}
	}
}
