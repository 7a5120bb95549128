package transfer_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/transfer"
)

var update = flag.Bool("update", false, "rewrite testdata/handmade.report.txt from this run")

// TestHandmadeRegister imports testdata/handmade, a register typed the way
// a team types one (stray spaces, blank rows, a contact on the row under
// its customer, 2024/4/10, ２０２４年５月２０日, 8万, 下午２:１５, people by
// name), with one bad row per kind of problem, and compares the report with
// testdata/handmade.report.txt word for word, in Chinese and English. The
// good engagements are written; the bad ones leave nothing.
func TestHandmadeRegister(t *testing.T) {
	ctx := context.Background()
	o := newOffice(t, 0)
	b := workbook.OpenCSV(os.DirFS(filepath.Join("testdata", "handmade")), "handmade", workbook.Limits{})
	rep, err := transfer.Import(ctx, o.st, o.manager.ID, b, transfer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameAsGolden(t, rep, "handmade.report.txt")
	if n, _ := o.st.CountEngagements(ctx, o.manager.ID, storage.Filter{}); n != rep.Created || n != 2 {
		t.Fatalf("%d engagements stored, report says %d created, want the two good ones", n, rep.Created)
	}
	// B002 as typed: 8万, ２０２４年５月２０日, 下午２:１５.
	page, err := o.st.ListEngagements(ctx, o.manager.ID, storage.Filter{Status: salesrec.StatusWon}, storage.PageRequest{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("the won engagement: %v %v", page.Items, err)
	}
	won := page.Items[0]
	if won.Outcome.Amount != salesrec.CNY(80000, 0) || won.Outcome.SignedOn.String() != "2024-05-20" {
		t.Fatalf("outcome %+v, want ¥80,000 signed 2024-05-20", won.Outcome)
	}
	if at := won.Interactions[0].OccurredAt.Format("2006-01-02 15:04 -07:00"); at != "2024-04-12 14:15 +08:00" {
		t.Fatalf("contact at %s, want 2024-04-12 14:15 +08:00", at)
	}
	if len(won.Interactions[0].SalesParticipants) != 2 || won.Interactions[0].SalesParticipants[1].MemberID != o.rep1.ID {
		t.Fatalf("sales participants %+v, want 张伟 linked to his member id", won.Interactions[0].SalesParticipants)
	}
	// Importing it again changes nothing and reports the same problems.
	again, err := transfer.Import(ctx, o.st, o.manager.ID, b, transfer.Options{})
	if err != nil || again.Unchanged != 2 || again.Created != 0 || len(again.Problems) != len(rep.Problems) {
		t.Fatalf("second import: %v\n%s", err, again.Text(salesrec.EN))
	}
}

// sameAsGolden compares the report, in Chinese then English, with
// testdata/name word for word (-update rewrites the file).
func sameAsGolden(t *testing.T, rep workbook.Report, name string) {
	t.Helper()
	got := rep.Text(salesrec.ZH) + "\n" + rep.Text(salesrec.EN)
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("report differs from %s:\n%s", golden, got)
	}
}
