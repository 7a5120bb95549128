package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
)

// synchronous reads PRAGMA synchronous (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA).
func synchronous(t *testing.T, db *sql.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), "PRAGMA synchronous").Scan(&n); err != nil {
		t.Fatalf("PRAGMA synchronous: %v", err)
	}
	return n
}

func TestSynchronousLevel(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		dsn  string // appended to the file's path
		sync string // Options.Synchronous
		want int
	}{
		{"FULL by default", "", "", 2},
		{"NORMAL when the host accepts it", "", "normal", 1},
		{"EXTRA", "", "EXTRA", 3},
		{"the DSN's own pragma", "?_pragma=synchronous(NORMAL)", "", 1},
		{"the option over the DSN's pragma", "?_pragma=synchronous(NORMAL)", "FULL", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, p, err := sqlite.OpenProbed(ctx, filepath.Join(t.TempDir(), "d.db")+tc.dsn, sqlite.Options{Synchronous: tc.sync})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer s.Close()
			if got := synchronous(t, p.DB); got != tc.want {
				t.Errorf("synchronous = %d, want %d", got, tc.want)
			}
		})
	}
	_, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "d.db"), sqlite.Options{Synchronous: "OFF"})
	if !errors.Is(err, salesrec.ErrInvalid) {
		t.Errorf("Open with synchronous OFF: %v, want ErrInvalid", err)
	}
}

// TestSynchronousOnHostDB: with the option, the store sets the level on the
// host connection it writes with (the pool has one connection here).
func TestSynchronousOnHostDB(t *testing.T) {
	ctx := context.Background()
	dsn := "file:" + filepath.Join(t.TempDir(), "host.db") + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)"
	db, err := sql.Open(sqlite.DriverName, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := sqlite.Migrate(ctx, db); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	s, err := sqlite.New(ctx, db, sqlite.Options{Synchronous: "FULL"})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	defer s.Close()
	if _, err := s.CreateTeam(ctx, salesrec.Team{Name: "华东一组", TimeZone: "Asia/Shanghai"}); err != nil {
		t.Fatalf("CreateTeam: %v", err)
	}
	if got := synchronous(t, db); got != 2 {
		t.Errorf("synchronous on the host's write connection = %d, want 2 (FULL)", got)
	}
}

// TestFeedSequenceNeverReused: the feed's seq is AUTOINCREMENT, so a
// position handed to a reader is never given to another change, even after
// the row holding it is gone.
func TestFeedSequenceNeverReused(t *testing.T) {
	h := open(t, storage.Options{})
	ctx := context.Background()
	var ddl string
	if err := h.DB.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'dealtrail_feed'`).Scan(&ddl); err != nil {
		t.Fatalf("reading the feed's DDL: %v", err)
	}
	if !strings.Contains(strings.ToUpper(ddl), "AUTOINCREMENT") {
		t.Fatalf("dealtrail_feed.seq is not AUTOINCREMENT: %s", ddl)
	}

	s := h.Store
	team, err := s.CreateTeam(ctx, salesrec.Team{Name: "华东一组", TimeZone: "Asia/Shanghai"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.AddMember(ctx, salesrec.Member{TeamID: team.ID, Name: "王经理", Role: salesrec.RoleManager})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateCustomer(ctx, m.ID, salesrec.Customer{Name: "上海星辰制造有限公司", Kind: salesrec.CustomerNew, Industry: "制造业"})
	if err != nil {
		t.Fatal(err)
	}
	create := func(after string) salesrec.Change {
		t.Helper()
		if _, err := s.CreateEngagement(ctx, m.ID, salesrec.Engagement{OwnerID: m.ID, CustomerID: c.ID,
			Stage: salesrec.StageNewCustomer, Goal: "挖掘客户的采购预算"}); err != nil {
			t.Fatalf("CreateEngagement: %v", err)
		}
		feed, err := s.ReadFeed(ctx, after, 1000)
		if err != nil || len(feed) == 0 {
			t.Fatalf("ReadFeed: %v, %d changes", err, len(feed))
		}
		return feed[len(feed)-1]
	}
	first := create("")
	// Pruning is the one way feed rows go; it removes the last one here.
	if n, err := s.PruneFeed(ctx, first.Pos); err != nil || n != 1 {
		t.Fatalf("pruning the feed: %d rows, %v", n, err)
	}
	second := create(first.Pos)
	if second.Pos <= first.Pos {
		t.Fatalf("after the feed's last row was deleted, a new change took position %s again (was %s)", second.Pos, first.Pos)
	}
}
