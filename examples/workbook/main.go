// Command workbook shows a team's records going in and out of dealtrail as
// spreadsheets, in the template's register layout (docs/template.md, "The
// workbook"):
//
//	go run ./examples/workbook                 # uses a temporary directory
//	go run ./examples/workbook -dir /tmp/dtwb
//
// It opens a fresh SQLite store, imports the shipped sample register
// (examples/workbook/sample, one CSV file per sheet) as the team's manager,
// printing the progress and the report (one engagement of the sample is
// refused for its vague goal, at its cell), imports it again to show that
// nothing changes, then exports the team's register as 团队台账.xlsx and as
// CSV files, and the won engagement's form (one sheet laid out as the
// template's table, ready to print) as 已成交业务-记录表.xlsx, into the
// directory.
package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/sqlite"
	"github.com/dealtrail/dealtrail/storage/transfer"
)

//go:embed sample/*.csv
var sample embed.FS

func main() {
	dir := flag.String("dir", "", "directory for the SQLite file and the exported workbooks (default: a new temporary one)")
	flag.Parse()
	if *dir == "" {
		d, err := os.MkdirTemp("", "dealtrail-workbook-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "workbook:", err)
			os.Exit(1)
		}
		*dir = d
	}
	if err := run(context.Background(), os.Stdout, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "workbook:", err)
		os.Exit(1)
	}
}

// run is the whole example; tests call it with their own directory.
func run(ctx context.Context, w io.Writer, dir string) error {
	clock := salesrec.FixedClock(time.Date(2024, 6, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	st, err := sqlite.Open(ctx, filepath.Join(dir, "dealtrail.db"), sqlite.Options{Options: storage.Options{Clock: clock}})
	if err != nil {
		return err
	}
	defer st.Close()
	manager, err := team(ctx, st)
	if err != nil {
		return err
	}
	files, err := fs.Sub(sample, "sample")
	if err != nil {
		return err
	}
	for _, round := range []string{"第一次导入 / first import", "同一文件再导入 / the same file again"} {
		fmt.Fprintln(w, "==", round)
		rep, err := transfer.Import(ctx, st, manager.ID, workbook.OpenCSV(files, "sample", workbook.Limits{}), transfer.Options{
			BatchSize: 1,
			Progress:  func(done, total int) { fmt.Fprintf(w, "进度 progress %d/%d\n", done, total) },
		})
		if err != nil {
			return err
		}
		fmt.Fprint(w, rep.Text(salesrec.ZH))
		fmt.Fprint(w, rep.Text(salesrec.EN))
	}
	return export(ctx, w, st, manager.ID, dir)
}

// team creates the sample's team: the manager who imports, and the two
// reps the sample names.
func team(ctx context.Context, st *storage.Store) (salesrec.Member, error) {
	t, err := st.CreateTeam(ctx, salesrec.Team{Name: "华东一组", TimeZone: "Asia/Shanghai"})
	if err != nil {
		return salesrec.Member{}, err
	}
	var manager salesrec.Member
	for _, m := range []salesrec.Member{{Name: "王经理", Role: salesrec.RoleManager}, {Name: "张伟", Role: salesrec.RoleRep}, {Name: "刘洋", Role: salesrec.RoleRep}} {
		m.TeamID = t.ID
		if m, err = st.AddMember(ctx, m); err != nil {
			return salesrec.Member{}, err
		}
		if m.Role == salesrec.RoleManager {
			manager = m
		}
	}
	return manager, nil
}

// export writes the team's register as .xlsx and CSV, and the won
// engagement's form, the template's table on one sheet.
func export(ctx context.Context, w io.Writer, st *storage.Store, actorID, dir string) error {
	team, err := transfer.Team(ctx, st, actorID)
	if err != nil {
		return err
	}
	n, err := writeXLSX(filepath.Join(dir, "团队台账.xlsx"), func(out io.Writer) (int, error) {
		return transfer.WriteRegisterXLSX(ctx, st, actorID, storage.Filter{}, out)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "== 导出 / export\n团队台账 %d 条业务 / team register, %d engagements: 团队台账.xlsx\n", n, n)
	csvDir := filepath.Join(dir, "团队台账-csv")
	if err := os.MkdirAll(csvDir, 0o755); err != nil {
		return err
	}
	cw, err := workbook.NewCSVWriter(func(name string) (io.WriteCloser, error) { return os.Create(filepath.Join(csvDir, name)) }, team)
	if err != nil {
		return err
	}
	defer cw.Abort() // an export that fails leaves no temporary files; after Close, nothing
	if _, err := transfer.ExportRegister(ctx, st, actorID, storage.Filter{}, cw); err != nil {
		return err
	}
	if err := cw.Close(); err != nil {
		return err
	}
	fmt.Fprintf(w, "CSV: 团队台账-csv/ (%d 个文件 / files)\n", len(workbook.SheetNames()))
	won, err := st.ListEngagements(ctx, actorID, storage.Filter{Status: salesrec.StatusWon}, storage.PageRequest{Limit: 1})
	if err != nil || len(won.Items) == 0 {
		return fmt.Errorf("finding the won engagement: %v", err)
	}
	if _, err := writeXLSX(filepath.Join(dir, "已成交业务-记录表.xlsx"), func(out io.Writer) (int, error) {
		wb, err := workbook.NewFormXLSXWriter(out, team)
		if err != nil {
			return 0, err
		}
		defer wb.Abort()
		if err := transfer.ExportEngagement(ctx, st, actorID, won.Items[0].ID, wb); err != nil {
			return 0, err
		}
		return 1, wb.Close()
	}); err != nil {
		return err
	}
	fmt.Fprintf(w, "一条业务的记录表 / one engagement's form (%s): 已成交业务-记录表.xlsx\n目录 / directory: %s\n", won.Items[0].Goal, dir)
	return nil
}

// writeXLSX creates path and writes a workbook into it with fill.
func writeXLSX(path string, fill func(io.Writer) (int, error)) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n, err := fill(f)
	if err != nil {
		return n, err
	}
	return n, f.Close()
}
