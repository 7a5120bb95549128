package sqlite

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
)

// DefaultSynchronous is the PRAGMA synchronous level Open uses. In WAL mode
// FULL syncs the WAL at every commit, so a commit survives an OS crash or a
// power loss; NORMAL does not, and a feed reader that already applied the
// lost commits would find their positions reused by new ones.
const DefaultSynchronous = "FULL"

// synchronousLevel checks a Options.Synchronous level and
// returns it in upper case ("" stays "": no level chosen).
func synchronousLevel(level string) (string, error) {
	switch l := strings.ToUpper(strings.TrimSpace(level)); l {
	case "", "NORMAL", "FULL", "EXTRA":
		return l, nil
	default:
		return "", fmt.Errorf("sqlite: synchronous level %q (use FULL, EXTRA or NORMAL): %w", level, salesrec.ErrInvalid)
	}
}

// withPragmas adds the connection settings every connection of the pool
// needs: a busy timeout, WAL, foreign keys and the synchronous level —
// level when given, else the DSN's own synchronous pragma if it has one,
// else DefaultSynchronous.
func withPragmas(dsn, level string) (string, error) {
	if dsn == "" || dsn == ":memory:" || strings.Contains(dsn, "mode=memory") {
		return "", fmt.Errorf("sqlite: an in-memory database is one per connection; use a file (e.g. in t.TempDir()): %w", salesrec.ErrInvalid)
	}
	path, query, _ := strings.Cut(dsn, "?")
	q, err := url.ParseQuery(query)
	if err != nil {
		return "", fmt.Errorf("sqlite: parsing dsn options: %w", err)
	}
	var kept []string
	ownSync := false
	for _, p := range q["_pragma"] {
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(p)), "synchronous") {
			ownSync = true
			if level != "" {
				continue // the option wins over the DSN
			}
		}
		kept = append(kept, p)
	}
	q["_pragma"] = kept
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeoutMillis))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	switch {
	case level != "":
		q.Add("_pragma", "synchronous("+level+")")
	case !ownSync:
		q.Add("_pragma", "synchronous("+DefaultSynchronous+")")
	}
	if !strings.HasPrefix(path, "file:") {
		path = "file:" + path
	}
	return path + "?" + q.Encode(), nil
}
