package dialect

// EngagementRow is an engagement as dealtrail_engagements stores it: the
// columns lists, filters and the version check use, and the whole
// engagement as a JSON document. The store scans into it, and so do the
// bare database/sql benchmarks it is measured against.
type EngagementRow struct {
	ID         string `db:"id"`
	TeamID     string `db:"team_id"`
	OwnerID    string `db:"owner_id"`
	CustomerID string `db:"customer_id"`
	Stage      string `db:"stage"`
	Status     string `db:"status"`
	Version    int64  `db:"version"`
	CreatedAt  int64  `db:"created_at"`
	UpdatedAt  int64  `db:"updated_at"`
	Doc        string `db:"doc"`
}

// ActionRow is an action as dealtrail_actions stores it, for the lists of
// actions (storage.Store.Actions and its benchmark).
type ActionRow struct {
	EngagementID string `db:"engagement_id"`
	CustomerID   string `db:"customer_id"`
	ID           string `db:"id"`
	OwnerID      string `db:"owner_id"`
	Deadline     string `db:"deadline"`
	What         string `db:"what"`
	Status       string `db:"status"`
}
