package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// ImportItem is one engagement read from a file, for Import.
type ImportItem struct {
	// Engagement is the engagement as the file has it. Its ID is
	// required: an importer derives it from the file's own key, so that
	// the same file imported again finds the engagement it created.
	// CustomerID is ignored (Customer names the customer). Version is the
	// version the file was exported at, or 0 when the file has none; a
	// stored engagement that the file changes is updated only from its
	// current version. An interaction with RecordedAt set keeps it (its
	// own 记录时间) and is judged late against it; one without is recorded
	// now and is not late: it was imported, not entered after the fact.
	Engagement salesrec.Engagement
	// Customer is the engagement's customer, matched by its full name in
	// the actor's team. When the team has no customer of that name, it is
	// created from Customer with the engagement, if Customer is complete
	// (a kind and an industry); otherwise the item is refused.
	Customer salesrec.Customer
	// Source says where the engagement came from ("团队台账.xlsx 业务!A5").
	// The history entry of a created or updated engagement keeps it.
	Source string
}

// ImportOutcome says what Import did with one item.
type ImportOutcome string

// Import outcomes.
const (
	ImportCreated   ImportOutcome = "created"
	ImportUpdated   ImportOutcome = "updated"
	ImportUnchanged ImportOutcome = "unchanged"
	// ImportRefused: the item was not written; ImportResult.Err says why.
	ImportRefused ImportOutcome = "refused"
)

// ImportResult is what happened to one ImportItem.
type ImportResult struct {
	// Engagement is the engagement as stored (or as it would be, in a dry
	// run); zero when refused.
	Engagement salesrec.Engagement
	Outcome    ImportOutcome
	// Err says why the item was refused; it wraps the salesrec sentinels
	// and, for broken rules, is a *salesrec.ValidationError keyed by the
	// engagement's JSON paths, or "customer_name".
	Err error
}

// ImportOptions are the modes of Import.
type ImportOptions struct {
	// DryRun checks everything a real import checks, in the same
	// transaction, and then rolls it back: nothing is written.
	DryRun bool
	// Atomic makes the call all-or-nothing: when any item is refused,
	// nothing is written and Import returns ErrImportRefused. Without it
	// each item is all-or-nothing on its own.
	Atomic bool
}

// ErrImportRefused is returned by an Atomic Import in which at least one
// item was refused; the results say which and why. errors.Is(err,
// salesrec.ErrInvalid) holds too.
var ErrImportRefused = fmt.Errorf("import refused: %w", salesrec.ErrInvalid)

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// Import writes engagements read from a file, in one transaction: each new
// one is created, each stored one the file changes is updated (with a
// version check), and each stored one the file repeats unchanged is left
// alone, so importing the same file twice changes nothing the second time.
// Each item is checked by the same rules as CreateEngagement and
// UpdateEngagement, with the actor's rights (a rep imports only
// engagements they take part in); an item whose id belongs to an
// engagement the actor may not see is refused as not found. Without
// Atomic, a refused item leaves no trace (its customer is not created
// either) and the others are written. The error is for the call as a
// whole (the actor, the database); item refusals are in the results.
func (s *Store) Import(ctx context.Context, actorID string, items []ImportItem, o ImportOptions) ([]ImportResult, error) {
	a, err := s.loadActor(ctx, s.db, actorID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	results := make([]ImportResult, len(items))
	err = s.inEngagementTx(ctx, func(tx dialect.Queryer) (string, error) {
		if err := s.sameActor(ctx, tx, a); err != nil {
			return "", err
		}
		if err := s.importBatch(ctx, tx, a, items, now, results); err != nil {
			return "", err
		}
		refused := false
		for _, r := range results {
			refused = refused || r.Outcome == ImportRefused
		}
		switch {
		case refused && o.Atomic:
			return "", ErrImportRefused
		case o.DryRun:
			return "", errDryRun
		}
		return "", nil
	})
	if errors.Is(err, errDryRun) {
		return results, nil
	}
	if errors.Is(err, ErrImportRefused) {
		return results, ErrImportRefused
	}
	if err != nil {
		return nil, fmt.Errorf("importing: %w", err)
	}
	return results, nil
}

// importOne writes one item inside a savepoint, so that a refusal after a
// partial write (the customer created, then the engagement refused) rolls
// back just that item.
func (s *Store) importOne(ctx context.Context, tx dialect.Queryer, a actor, it ImportItem, now time.Time) ImportResult {
	if _, err := tx.ExecContext(ctx, "SAVEPOINT dealtrail_import"); err != nil {
		return ImportResult{Outcome: ImportRefused, Err: s.mapErr(err)}
	}
	res := s.importItem(ctx, tx, a, it, now)
	end := "RELEASE SAVEPOINT dealtrail_import"
	if res.Outcome == ImportRefused {
		end = "ROLLBACK TO SAVEPOINT dealtrail_import"
	}
	if _, err := tx.ExecContext(ctx, end); err != nil {
		return ImportResult{Outcome: ImportRefused, Err: s.mapErr(err)}
	}
	return res
}

func (s *Store) importItem(ctx context.Context, tx dialect.Queryer, a actor, it ImportItem, now time.Time) ImportResult {
	refuse := func(err error) ImportResult { return ImportResult{Outcome: ImportRefused, Err: s.mapErr(err)} }
	e := it.Engagement
	if err := checkStrings(e); err != nil {
		return refuse(err)
	}
	if err := salesrec.CheckID("id", e.ID); err != nil {
		return refuse(err)
	}
	customerID, err := s.importCustomer(ctx, tx, a, it.Customer)
	if err != nil {
		return refuse(err)
	}
	e.CustomerID = customerID
	cur, err := s.loadEngagement(ctx, tx, e.ID, s.d.ForUpdateOf("e"))
	if errors.Is(err, salesrec.ErrNotFound) {
		next, err := s.importCreate(ctx, tx, a, e, it.Source, now)
		if err != nil {
			return refuse(err)
		}
		return ImportResult{Engagement: next, Outcome: ImportCreated}
	}
	if err != nil {
		return refuse(err)
	}
	if cur.TeamID != a.TeamID || !salesrec.CanWrite(a.member(), cur) {
		return refuse(notFound("engagement"))
	}
	next, err := s.importMerge(cur, e, a.ID, now)
	if err != nil {
		return refuse(err)
	}
	changes, err := salesrec.Diff(cur, next)
	if err != nil {
		return refuse(err)
	}
	if len(changes) == 0 {
		return ImportResult{Engagement: cur, Outcome: ImportUnchanged}
	}
	if e.Version != cur.Version {
		return refuse(conflict(fmt.Sprintf("the engagement is at version %d, the file was made from version %d", cur.Version, e.Version)))
	}
	next.Version, next.UpdatedAt = cur.Version+1, now
	if next.Status != cur.Status {
		if err := salesrec.CheckTransition(cur.Status, next.Status); err != nil {
			return refuse(err)
		}
	}
	if err := s.validate(next); err != nil {
		return refuse(err)
	}
	if err := s.checkRefs(ctx, tx, next, cur.Participants()); err != nil {
		return refuse(err)
	}
	if err := s.updateEngagementFrom(ctx, tx, a.ID, cur, next, salesrec.OpUpdate, it.Source); err != nil {
		return refuse(err)
	}
	return ImportResult{Engagement: next, Outcome: ImportUpdated}
}

// importCustomer finds the customer of the actor's team with c's full name,
// or creates it from c when the team has none and c is complete.
func (s *Store) importCustomer(ctx context.Context, tx dialect.Queryer, a actor, c salesrec.Customer) (string, error) {
	var id string
	err := s.getOne(ctx, tx, &id, `SELECT id FROM dealtrail_customers WHERE team_id = ? AND name = ?`, a.TeamID, c.Name)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	if c, err = s.newImportCustomer(a, c); err != nil {
		return "", err
	}
	return c.ID, s.insertCustomer(ctx, tx, a.ID, c)
}

// newImportCustomer checks a customer the team does not have yet, to be
// created from the file: it must be complete (the file's 客户 rows give
// its kind), valid and of the actor's team.
func (s *Store) newImportCustomer(a actor, c salesrec.Customer) (salesrec.Customer, error) {
	if c.Name == "" || c.Kind == "" {
		return c, invalid("customer_name", msgNoSuchCustomer)
	}
	if c.ID == "" {
		c.ID = newID()
	}
	c.TeamID = a.TeamID
	if err := validateCustomer(c); err != nil {
		return c, prefixErr("customer", err)
	}
	if !salesrec.CanCreateCustomer(a.member(), c) {
		return c, forbidden("a member may only create customers of their own team")
	}
	return c, nil
}

// importCreate stores a new engagement from a file, as CreateEngagement
// would, except for the recorded-at times (importStamps) and the history
// entry's source.
func (s *Store) importCreate(ctx context.Context, tx dialect.Queryer, a actor, e salesrec.Engagement, source string, now time.Time) (salesrec.Engagement, error) {
	e, err := s.importPrepare(a, e, now)
	if err != nil {
		return e, err
	}
	if err := s.checkRefs(ctx, tx, e, nil); err != nil {
		return e, err
	}
	rows, err := buildNewFrom(e, a.ID, source)
	if err != nil {
		return e, err
	}
	return e, s.insertEngagements(ctx, tx, []salesrec.Engagement{e}, []newRows{rows})
}

// importPrepare fills and checks a new engagement from a file: what
// CreateEngagement's preparation does, with importStamps and the file's
// remark authors and times; everything but the references to customers
// and members, which need the database.
func (s *Store) importPrepare(a actor, e salesrec.Engagement, now time.Time) (salesrec.Engagement, error) {
	if e.TeamID == "" {
		e.TeamID = a.TeamID
	}
	if e.TeamID != a.TeamID {
		return e, forbidden("a member may only create engagements of their own team")
	}
	if e.Status == "" {
		e.Status = salesrec.StatusOpen
	}
	e.Version = 1
	e.CreatedAt, e.UpdatedAt = now, now
	var err error
	if e.Interactions, err = s.importStamps(e.Interactions, nil, now); err != nil {
		return e, err
	}
	e.Actions = fillActions(e.Actions)
	e.Remarks = importRemarks(e.Remarks, nil, a.ID, now)
	if !salesrec.CanCreate(a.member(), e) {
		return e, forbidden("a rep may only create an engagement they take part in")
	}
	return e, s.validateChecked(e)
}

// importMerge is the engagement the file describes, over the stored one:
// what the store owns (team, creation and update times, version, the
// recorded-at stamps of stored interactions, the author and time of
// stored remarks) is kept, so a file that repeats the stored engagement
// merges to an equal one.
func (s *Store) importMerge(cur, e salesrec.Engagement, actorID string, now time.Time) (salesrec.Engagement, error) {
	next := e
	next.TeamID, next.CreatedAt, next.UpdatedAt, next.Version = cur.TeamID, cur.CreatedAt, cur.UpdatedAt, cur.Version
	if next.Status == "" {
		next.Status = cur.Status
	}
	var err error
	if next.Interactions, err = s.importStamps(e.Interactions, cur.Interactions, now); err != nil {
		return next, err
	}
	next.Actions = fillActions(e.Actions)
	next.Remarks = importRemarks(e.Remarks, cur.Remarks, actorID, now)
	return next, nil
}

// importStamps stamps imported interactions: one already stored keeps its
// stamps; one with its own recorded-at time is judged against that time
// (it may not be later than now); one without is recorded now and is not
// late.
func (s *Store) importStamps(ins, stored []salesrec.Interaction, now time.Time) ([]salesrec.Interaction, error) {
	old := make(map[string]salesrec.Interaction, len(stored))
	for _, in := range stored {
		old[in.ID] = in
	}
	out := cloneSlice(ins)
	for i, in := range out {
		field := "interactions[" + strconv.Itoa(i) + "]"
		if o, ok := old[in.ID]; ok && in.ID != "" {
			in.RecordedAt, in.Late = o.RecordedAt, o.Late
			out[i] = in
			continue
		}
		at := in.RecordedAt
		if at.IsZero() {
			at = now
		}
		if at.After(now) {
			return out, invalid(field+".recorded_at", msgRecordedLater)
		}
		stamped, err := s.stampInWhole(in, at)
		if err != nil {
			return out, prefixErr(field, err)
		}
		if in.RecordedAt.IsZero() {
			stamped.Late = false
		}
		out[i] = stamped
	}
	return out, nil
}

// importRemarks keeps stored remarks' author and time; a new remark keeps
// the author and time the file gives, else it is the actor's, now.
func importRemarks(in, stored []salesrec.Remark, actorID string, now time.Time) []salesrec.Remark {
	out := fillRemarks(in, stored, actorID, now)
	for i, r := range in {
		if i < len(out) && r.ID == out[i].ID && !storedRemark(stored, r.ID) {
			if r.AuthorID != "" {
				out[i].AuthorID = r.AuthorID
			}
			if !r.At.IsZero() {
				out[i].At = r.At
			}
		}
	}
	return out
}

func storedRemark(stored []salesrec.Remark, id string) bool {
	for _, r := range stored {
		if r.ID == id && id != "" {
			return true
		}
	}
	return false
}
