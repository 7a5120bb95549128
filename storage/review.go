package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage/internal/dialect"
)

// ReviewQuery asks for the team review (周复盘).
type ReviewQuery struct {
	// TeamID is the team reviewed; empty means the actor's team.
	TeamID string
	// OwnerID narrows the review to one owner; empty is the whole team
	// (a rep's review is always their own).
	OwnerID string
	// At is the review's instant; zero means the store's clock.
	At time.Time
	// Settings are the spans judged by; zero fields take the defaults.
	Settings salesrec.ReviewSettings
}

// Review returns the team review at q.At in the team's time zone: per owner
// the lists salesrec.Rules.ReviewEngagement defines (overdue actions,
// actions due soon, contacts of the period recorded late, silent open
// engagements, commitments without a follow-up action, closed engagements
// without lessons) and the pipeline summary of the engagements reviewed.
//
// A manager or admin reviews their team or any owner in it; a rep reviews
// themselves (an empty OwnerID is theirs; another owner or another team is
// ErrForbidden, salesrec.CanReview). An OwnerID that is no member of the
// team is a *ValidationError on "owner_id". The lists are computed in SQL
// over the projections the store writes with each engagement; only the
// follow-up rule of commitments, which needs the contact's day in the
// team's zone, is finished in Go on the contacts holding commitments.
// Everything is read in one snapshot.
func (s *Store) Review(ctx context.Context, actorID string, q ReviewQuery) (salesrec.Review, error) {
	if err := q.Settings.Validate(); err != nil {
		return salesrec.Review{}, err
	}
	var rv salesrec.Review
	err := s.readAsActor(ctx, actorID, func(tx dialect.Queryer, a actor) error {
		if q.TeamID == "" {
			q.TeamID = a.TeamID
		}
		if q.OwnerID == "" && !a.seesTeam() {
			q.OwnerID = a.ID
		}
		if !salesrec.CanReview(a.member(), q.TeamID, q.OwnerID) {
			return forbidden("a rep reviews only their own work, a manager only their own team")
		}
		team, err := s.team(ctx, tx, q.TeamID, "")
		if err != nil {
			return err
		}
		loc, err := team.Location()
		if err != nil {
			return err
		}
		names, err := s.memberNames(ctx, tx, q.TeamID)
		if err != nil {
			return err
		}
		if _, ok := names[q.OwnerID]; q.OwnerID != "" && !ok {
			return invalid("owner_id", msgNotTeamMember)
		}
		at := q.At
		if at.IsZero() {
			at = s.now()
		}
		w := salesrec.NewReviewWindow(at, loc, q.Settings)
		rv = salesrec.Review{TeamID: q.TeamID, OwnerID: q.OwnerID, At: at, TimeZone: loc.String(),
			Settings: w.Settings, Today: w.Today, DueBy: w.DueBy, PeriodFrom: w.PeriodFrom}
		b := reviewBuilder{s: s, ctx: ctx, tx: tx, q: q, w: w, names: names, owners: map[string]*salesrec.OwnerReview{}}
		for _, step := range []func() error{b.actions, b.lateContacts, b.unfollowed, b.silent, b.noLessons, b.pipeline} {
			if err := step(); err != nil {
				return err
			}
		}
		rv.Owners, rv.Pipeline = b.list(), b.p
		return nil
	})
	if err != nil {
		return salesrec.Review{}, fmt.Errorf("reviewing: %w", err)
	}
	salesrec.SortReview(&rv)
	return rv, nil
}

// reviewBuilder runs the review's queries in one transaction and files
// their rows under their owners.
type reviewBuilder struct {
	s      *Store
	ctx    context.Context
	tx     dialect.Queryer
	q      ReviewQuery
	w      salesrec.ReviewWindow
	names  map[string]string
	owners map[string]*salesrec.OwnerReview
	p      salesrec.Pipeline
}

// owner returns the entry of an owner, creating it.
func (b *reviewBuilder) owner(id string) *salesrec.OwnerReview {
	o, ok := b.owners[id]
	if !ok {
		o = &salesrec.OwnerReview{OwnerID: id, OwnerName: b.names[id]}
		b.owners[id] = o
	}
	return o
}

// list returns the owners' entries; the reviewed owner has one even when
// their lists are empty.
func (b *reviewBuilder) list() []salesrec.OwnerReview {
	if b.q.OwnerID != "" {
		b.owner(b.q.OwnerID)
	}
	out := make([]salesrec.OwnerReview, 0, len(b.owners))
	for _, o := range b.owners {
		out = append(out, *o)
	}
	return out
}

// where returns the team condition on alias's team_id, narrowed to the
// reviewed owner on ownerCol.
func (b *reviewBuilder) where(teamCol, ownerCol string) (string, []any) {
	if b.q.OwnerID == "" {
		return teamCol + " = ?", []any{b.q.TeamID}
	}
	return teamCol + " = ? AND " + ownerCol + " = ?", []any{b.q.TeamID, b.q.OwnerID}
}

// sel is Store.selectAll in the builder's transaction.
func (b *reviewBuilder) sel(dst any, query string, args ...any) error {
	return b.s.selectAll(b.ctx, b.tx, dst, query, args...)
}

// reviewRow is a row of any list: the engagement, its customer and owner,
// and the item's own columns where the list has them.
type reviewRow struct {
	EngagementID string `db:"engagement_id"`
	CustomerID   string `db:"customer_id"`
	CustomerName string `db:"customer_name"`
	OwnerID      string `db:"owner_id"`
	ItemID       string `db:"item_id"`
	At           int64  `db:"at"`
	Count        int    `db:"n"`
	What         string `db:"what"`
	Deadline     string `db:"deadline"`
	Status       string `db:"status"`
}

// action is a row of dealtrail_actions as a salesrec.Action.
func (r reviewRow) action() (salesrec.Action, error) {
	var d salesrec.Date
	if err := d.UnmarshalText([]byte(r.Deadline)); err != nil {
		return salesrec.Action{}, fmt.Errorf("decoding deadline of action %s: %w", r.ItemID, err)
	}
	return salesrec.Action{ID: r.ItemID, What: r.What, OwnerID: r.OwnerID, Deadline: d, Status: salesrec.ActionStatus(r.Status)}, nil
}

func (r reviewRow) contact() salesrec.ReviewContact {
	return salesrec.ReviewContact{EngagementID: r.EngagementID, CustomerID: r.CustomerID, CustomerName: r.CustomerName,
		InteractionID: r.ItemID, OccurredAt: dialect.FromMicros(r.At), Commitments: r.Count}
}

func (r reviewRow) engagement() salesrec.ReviewEngagement {
	e := salesrec.ReviewEngagement{EngagementID: r.EngagementID, CustomerID: r.CustomerID, CustomerName: r.CustomerName,
		Status: salesrec.Status(r.Status)}
	if r.At != 0 {
		e.LastContact = dialect.FromMicros(r.At)
	}
	return e
}

// actions lists the not-done actions of open engagements due by DueBy
// (the partial index of the overdue list) and files each as overdue or due
// soon by the rule.
func (b *reviewBuilder) actions() error {
	cond, args := b.where("a.team_id", "a.owner_id")
	var rows []reviewRow
	err := b.sel(&rows, `SELECT a.engagement_id, a.customer_id, c.name AS customer_name, a.owner_id, a.id AS item_id,
			a.what, a.deadline, a.status
		FROM dealtrail_actions a JOIN dealtrail_customers c ON c.id = a.customer_id
		WHERE `+cond+` AND a.status <> 'done' AND a.engagement_status = 'open' AND a.deadline <= ?`,
		append(args, b.w.DueBy.String())...)
	if err != nil {
		return err
	}
	for _, r := range rows {
		act, err := r.action()
		if err != nil {
			return err
		}
		item := salesrec.ReviewAction{EngagementID: r.EngagementID, CustomerID: r.CustomerID, CustomerName: r.CustomerName, Action: act}
		switch o := b.owner(r.OwnerID); {
		case act.IsOverdue(salesrec.StatusOpen, b.w.At, b.w.Loc):
			o.Overdue = append(o.Overdue, item)
		case b.w.DueSoon(act, salesrec.StatusOpen):
			o.DueSoon = append(o.DueSoon, item)
		}
	}
	return nil
}

// lateContacts lists the contacts of the period marked late (the partial
// index on occurred_at WHERE late = 1).
func (b *reviewBuilder) lateContacts() error {
	cond, args := b.where("e.team_id", "e.owner_id")
	from, until := b.w.PeriodBounds()
	return b.file(func(o *salesrec.OwnerReview, r reviewRow) { o.LateContacts = append(o.LateContacts, r.contact()) },
		`SELECT e.id AS engagement_id, e.customer_id, c.name AS customer_name, e.owner_id,
			i.id AS item_id, i.occurred_at AS at
		FROM dealtrail_interactions i
		JOIN dealtrail_engagements e ON e.id = i.engagement_id
		JOIN dealtrail_customers c ON c.id = e.customer_id
		WHERE i.late = 1 AND i.occurred_at >= ? AND i.occurred_at < ? AND `+cond,
		append([]any{micros(from), micros(until)}, args...)...)
}

// file runs query and files each row under its owner with add.
func (b *reviewBuilder) file(add func(o *salesrec.OwnerReview, r reviewRow), query string, args ...any) error {
	var rows []reviewRow
	if err := b.sel(&rows, query, args...); err != nil {
		return err
	}
	for _, r := range rows {
		add(b.owner(r.OwnerID), r)
	}
	return nil
}

// unfollowed lists the contacts of open engagements holding commitments,
// with the engagement's latest deadline; salesrec.FollowedUp judges them
// on the contact's day in the team's zone.
func (b *reviewBuilder) unfollowed() error {
	cond, args := b.where("e.team_id", "e.owner_id")
	var rows []reviewRow
	err := b.sel(&rows, `SELECT e.id AS engagement_id, e.customer_id, c.name AS customer_name, e.owner_id,
			i.id AS item_id, i.occurred_at AS at, i.commitments AS n,
			COALESCE((SELECT MAX(a.deadline) FROM dealtrail_actions a WHERE a.engagement_id = e.id), '') AS deadline
		FROM dealtrail_engagements e
		JOIN dealtrail_interactions i ON i.engagement_id = e.id AND i.commitments > 0
		JOIN dealtrail_customers c ON c.id = e.customer_id
		WHERE `+cond+` AND e.status = 'open'`, args...)
	if err != nil {
		return err
	}
	for _, r := range rows {
		var last salesrec.Date
		if r.Deadline != "" {
			if err := last.UnmarshalText([]byte(r.Deadline)); err != nil {
				return fmt.Errorf("decoding deadline of engagement %s: %w", r.EngagementID, err)
			}
		}
		if salesrec.FollowedUp(last, dialect.FromMicros(r.At), b.w.Loc) {
			continue
		}
		o := b.owner(r.OwnerID)
		o.UnfollowedCommitments = append(o.UnfollowedCommitments, r.contact())
	}
	return nil
}

// lastContactSQL is an engagement's last contact, or its creation with
// none (Findings' stale rule), from the interactions' index.
const lastContactSQL = `COALESCE((SELECT MAX(i.occurred_at) FROM dealtrail_interactions i WHERE i.engagement_id = e.id), e.created_at)`

// silent lists the open engagements whose last contact is before
// SilentSince.
func (b *reviewBuilder) silent() error {
	cond, args := b.where("e.team_id", "e.owner_id")
	return b.file(func(o *salesrec.OwnerReview, r reviewRow) { o.Silent = append(o.Silent, r.engagement()) },
		`SELECT e.id AS engagement_id, e.customer_id, c.name AS customer_name, e.owner_id, e.status,
			`+lastContactSQL+` AS at
		FROM dealtrail_engagements e JOIN dealtrail_customers c ON c.id = e.customer_id
		WHERE `+cond+` AND e.status = 'open' AND `+lastContactSQL+` < ?`,
		append(args, micros(b.w.SilentSince()))...)
}

// noLessons lists the closed engagements whose outcome row counts no
// lessons.
func (b *reviewBuilder) noLessons() error {
	cond, args := b.where("o.team_id", "o.owner_id")
	return b.file(func(o *salesrec.OwnerReview, r reviewRow) { o.NoLessons = append(o.NoLessons, r.engagement()) },
		`SELECT o.engagement_id, o.customer_id, c.name AS customer_name, o.owner_id, o.status
		FROM dealtrail_outcomes o JOIN dealtrail_customers c ON c.id = o.customer_id
		WHERE `+cond+` AND o.lessons = 0`, args...)
}

// pipeline counts the engagements by status and sums and counts the
// outcomes.
func (b *reviewBuilder) pipeline() error {
	cond, args := b.where("e.team_id", "e.owner_id")
	var counts []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	if err := b.sel(&counts, `SELECT e.status, COUNT(*) AS n FROM dealtrail_engagements e WHERE `+cond+` GROUP BY e.status`, args...); err != nil {
		return err
	}
	for _, c := range counts {
		switch salesrec.Status(c.Status) {
		case salesrec.StatusOpen:
			b.p.Open = c.N
		case salesrec.StatusWon:
			b.p.Won = c.N
		case salesrec.StatusTerminated:
			b.p.Terminated = c.N
		}
	}
	ocond, oargs := b.where("o.team_id", "o.owner_id")
	var won []struct {
		Month    string `db:"signed_month"`
		Currency string `db:"currency"`
		Minor    int64  `db:"minor"`
		N        int    `db:"n"`
	}
	if err := b.sel(&won, `SELECT o.signed_month, o.currency, SUM(o.amount_minor) AS minor, COUNT(*) AS n
		FROM dealtrail_outcomes o WHERE `+ocond+` AND o.status = 'won' GROUP BY o.signed_month, o.currency`, oargs...); err != nil {
		return err
	}
	b.p.WonByMonth = make([]salesrec.MonthAmount, 0, len(won))
	for _, m := range won {
		b.p.WonByMonth = append(b.p.WonByMonth, salesrec.MonthAmount{Month: m.Month, Amount: salesrec.Money{Minor: m.Minor, Currency: m.Currency}, Count: m.N})
	}
	var reasons []struct {
		Category string `db:"reason_category"`
		N        int    `db:"n"`
	}
	if err := b.sel(&reasons, `SELECT o.reason_category, COUNT(*) AS n
		FROM dealtrail_outcomes o WHERE `+ocond+` AND o.status = 'terminated' GROUP BY o.reason_category`, oargs...); err != nil {
		return err
	}
	b.p.Reasons = make([]salesrec.ReasonCount, 0, len(reasons))
	for _, r := range reasons {
		b.p.Reasons = append(b.p.Reasons, salesrec.ReasonCount{Category: salesrec.ReasonCategory(r.Category), Count: r.N})
	}
	return nil
}

// memberNames returns the names of the team's members by id.
func (s *Store) memberNames(ctx context.Context, q dialect.Queryer, teamID string) (map[string]string, error) {
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	if err := s.selectAll(ctx, q, &rows, `SELECT id, name FROM dealtrail_members WHERE team_id = ?`, teamID); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
