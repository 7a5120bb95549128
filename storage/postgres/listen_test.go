package postgres_test

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/postgres"
)

// TestCommittedAcrossProcesses: a store hears another store's commit
// (another pool, as another process would have), through LISTEN/NOTIFY.
func TestCommittedAcrossProcesses(t *testing.T) {
	dsn := freshSchema(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	writer, err := postgres.Open(ctx, dsn, postgres.Options{})
	if err != nil {
		t.Fatalf("Open writer: %v", err)
	}
	defer writer.Close()
	reader, err := postgres.Open(ctx, dsn, postgres.Options{Options: storage.Options{SkipMigrate: true}})
	if err != nil {
		t.Fatalf("Open reader: %v", err)
	}
	defer reader.Close()

	commitUntilHeard(t, ctx, reader, func() {
		team, err := writer.CreateTeam(ctx, salesrec.Team{Name: "华东一组"})
		if err != nil {
			t.Fatalf("CreateTeam: %v", err)
		}
		m, err := writer.AddMember(ctx, salesrec.Member{TeamID: team.ID, Name: "王经理", Role: salesrec.RoleManager})
		if err != nil {
			t.Fatalf("AddMember: %v", err)
		}
		c, err := writer.CreateCustomer(ctx, m.ID, salesrec.Customer{Name: "上海星辰制造有限公司", Kind: salesrec.CustomerNew, Industry: "制造业"})
		if err != nil {
			t.Fatalf("CreateCustomer: %v", err)
		}
		_, err = writer.CreateEngagement(ctx, m.ID, salesrec.Engagement{OwnerID: m.ID, CustomerID: c.ID,
			Stage: salesrec.StageNewCustomer, Goal: "挖掘客户的采购预算"})
		if err != nil {
			t.Fatalf("CreateEngagement: %v", err)
		}
	})
}

// commitUntilHeard runs commit until reader's change signal fires: the
// reader's LISTEN may not be established yet when the first commit lands,
// so one commit alone could go unheard. It fails t when ctx ends first.
func commitUntilHeard(t *testing.T, ctx context.Context, reader *storage.Store, commit func()) {
	t.Helper()
	for i := 0; ; i++ {
		changed := reader.Committed()
		commit()
		select {
		case <-changed:
			return
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			t.Fatalf("the reader never heard the writer after %d commits", i+1)
		}
	}
}

// TestListenHonoursContext: New returns with ctx's error when ctx ends
// before the LISTEN connection is made — here a server that accepts the
// connection and never answers, as a host behind a dead route would.
func TestListenHonoursContext(t *testing.T) {
	db := hostPool(t, postgres.DriverName, freshSchema(t))
	if err := postgres.Migrate(context.Background(), db); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening: %v", err)
	}
	held := make(chan net.Conn, 16)
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			held <- c // never read from, never answered
		}
	}()
	t.Cleanup(func() {
		_ = silent.Close()
		for len(held) > 0 {
			_ = (<-held).Close()
		}
	})
	silentDSN := "postgres://postgres@" + silent.Addr().String() + "/none?sslmode=disable"
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	s, err := postgres.New(ctx, db, postgres.Options{ListenDSN: silentDSN})
	if err == nil {
		_ = s.Close()
		t.Fatal("New listened through a server that never answers")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("New: %v, want %v", err, context.DeadlineExceeded)
	}
}
