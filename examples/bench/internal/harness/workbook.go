package harness

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec"
	"github.com/dealtrail/dealtrail/salesrec/salesrectest"
	"github.com/dealtrail/dealtrail/salesrec/workbook"
	"github.com/dealtrail/dealtrail/storage"
	"github.com/dealtrail/dealtrail/storage/transfer"
)

// oneTeam streams size engagements of a single team, as one team's
// register holds them: the team and its members first, then each
// customer as it appears and its engagements.
func oneTeam(seed uint64, size int, fn func(salesrectest.Item) error) error {
	o := salesrectest.DefaultOptions()
	o.EngagementsPerTeam = size
	return salesrectest.NewWithOptions(seed, o).Stream(size, fn)
}

// writeRegister writes the single team's register of size engagements to
// path as .xlsx, and returns the team as the workbook sees it.
func writeRegister(seed uint64, size int, path string) (salesrec.Team, []salesrec.Member, error) {
	f, err := os.Create(path)
	if err != nil {
		return salesrec.Team{}, nil, err
	}
	defer f.Close()
	var team salesrec.Team
	var members []salesrec.Member
	var w *workbook.Writer
	err = oneTeam(seed, size, func(it salesrectest.Item) error {
		if it.NewTeam {
			team, members = it.Team, it.Members
			loc, err := team.Location()
			if err != nil {
				return err
			}
			if w, err = workbook.NewXLSXWriter(f, workbook.Team{ID: team.ID, Members: members, Location: loc}); err != nil {
				return err
			}
		}
		return w.Add(it.Engagement, it.Customer)
	})
	if err == nil {
		err = w.Close()
	} else if w != nil {
		err = joinErr(err, w.Abort())
	}
	return team, members, joinErr(err, f.Close())
}

// importRegister imports the register at path into a fresh SQLite store at
// dbPath, as the team's first member (a manager).
func importRegister(ctx context.Context, team salesrec.Team, members []salesrec.Member, path, dbPath string) error {
	s, err := openSQLiteStore(ctx, dbPath)
	if err != nil {
		return err
	}
	if _, err := s.CreateTeam(ctx, team); err != nil {
		return joinErr(err, s.Close())
	}
	for _, m := range members {
		if _, err := s.AddMember(ctx, m); err != nil {
			return joinErr(err, s.Close())
		}
	}
	b, err := workbook.OpenXLSXFile(path, workbook.Limits{})
	if err != nil {
		return joinErr(err, s.Close())
	}
	rep, err := transfer.Import(ctx, s, members[0].ID, b, transfer.Options{BatchSize: BatchSize})
	if err == nil && !rep.OK() {
		err = fmt.Errorf("importing the generated register: %s", rep.Text(salesrec.EN))
	}
	return joinErr(joinErr(err, b.Close()), s.Close())
}

// readCells reads every cell of every sheet of an .xlsx with excelize's
// streaming reader, as the bare side of an import does; keep, when set,
// receives each sheet's rows.
func readCells(path string, keep func(sheet string, row []string)) (int, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, err
	}
	defer f.Close()
	cells := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			return cells, err
		}
		for rows.Next() {
			row, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return cells, joinErr(err, rows.Close())
			}
			cells += len(row)
			if keep != nil {
				keep(sheet, row)
			}
		}
		if err := rows.Close(); err != nil {
			return cells, err
		}
	}
	return cells, nil
}

// bareWrite writes the same cells to an .xlsx with excelize's
// StreamWriter, one sheet after another, as the bare side of an export.
func bareWrite(path string, sheets []string, cells map[string][][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range sheets {
		sw, err := newSheetStream(f, i, name)
		if err != nil {
			return err
		}
		for r, row := range cells[name] {
			vals := make([]any, len(row))
			for j, c := range row {
				vals[j] = c
			}
			if err := sw.SetRow("A"+strconv.Itoa(r+1), vals); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}

// bareLoad is the bare side of an import after the cells are read: the
// bare multi-row INSERT of the same engagements, in the same batches.
func bareLoad(ctx context.Context, seed uint64, size int, dbPath string) error {
	b, err := openSQLiteBare(ctx, dbPath)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	var batch []salesrec.Engagement
	var actor string
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := b.save(ctx, actor, batch, now)
		batch = batch[:0]
		return err
	}
	err = oneTeam(seed, size, func(it salesrectest.Item) error {
		if it.NewTeam {
			actor = it.Members[0].ID
			if err := b.createTeam(ctx, it.Team, it.Members); err != nil {
				return err
			}
		}
		if it.NewCustomer {
			if err := b.createCustomer(ctx, it.Customer); err != nil {
				return err
			}
		}
		batch = append(batch, it.Engagement)
		if len(batch) == BatchSize {
			return flush()
		}
		return nil
	})
	return joinErr(joinErr(err, flush()), b.close())
}

// runWorkbook measures the workbook rows on SQLite at cfg.Size: import of
// a one-team register against bare excelize reading the same cells plus
// the bare multi-row INSERT, and export of it against excelize's
// StreamWriter writing the same cells. Each side runs once per sample
// round (a whole file is the operation); the rows report throughput in
// engagements per second.
func runWorkbook(ctx context.Context, cfg Config) ([]Row, error) {
	dir := filepath.Join(cfg.Dir, "workbook")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	register := filepath.Join(dir, "register.xlsx")
	cfg.logf("workbook: writing a register of %d engagements", cfg.Size)
	team, members, err := writeRegister(cfg.Seed, cfg.Size, register)
	if err != nil {
		return nil, err
	}
	importRow, err := wholeFileRow(cfg, "import a register (.xlsx), sqlite, "+fmtCount(cfg.Size)+" engagements",
		"excelize Rows reading the same cells + multi-row INSERT of the same engagements", atLeast(0.5),
		func(round int) (dt, bare func() error) {
			dbDT := filepath.Join(dir, "dt-"+strconv.Itoa(round)+".db")
			dbBare := filepath.Join(dir, "bare-"+strconv.Itoa(round)+".db")
			return func() error { return importRegister(ctx, team, members, register, dbDT) }, func() error {
				if _, err := readCells(register, nil); err != nil {
					return err
				}
				return bareLoad(ctx, cfg.Seed, cfg.Size, dbBare)
			}
		})
	if err != nil {
		return nil, err
	}
	s, err := openSQLiteStore(ctx, filepath.Join(dir, "dt-0.db"))
	if err != nil {
		return nil, err
	}
	defer s.Close()
	cells := map[string][][]string{}
	if _, err := readCells(register, func(sheet string, row []string) { cells[sheet] = append(cells[sheet], row) }); err != nil {
		return nil, err
	}
	exportRow, err := wholeFileRow(cfg, "export the register (.xlsx), sqlite, "+fmtCount(cfg.Size)+" engagements",
		"excelize StreamWriter writing the same cells", atLeast(0.7),
		func(int) (dt, bare func() error) {
			return func() error { return exportRegister(ctx, s, members[0].ID, filepath.Join(dir, "export.xlsx")) },
				func() error { return bareWrite(filepath.Join(dir, "bare-export.xlsx"), workbook.SheetNames(), cells) }
		})
	if err != nil {
		return nil, err
	}
	return []Row{importRow, exportRow}, nil
}

// registerTeam is the team (and its members) of the one-team register of
// size engagements from seed, without generating the engagements again.
func registerTeam(seed uint64, size int) (salesrec.Team, []salesrec.Member, error) {
	var team salesrec.Team
	var members []salesrec.Member
	err := oneTeam(seed, size, func(it salesrectest.Item) error {
		team, members = it.Team, it.Members
		return errStop
	})
	if err == errStop {
		err = nil
	}
	return team, members, err
}

var errStop = fmt.Errorf("stop")

// workbookMemory writes the one-team register of size engagements, then
// measures the peak memory of importing it and of exporting the imported
// team again, and of the bare side of each, each in a child process.
func workbookMemory(ctx context.Context, cfg Config, dir string, size int, job func(string) (Measure, error)) ([]Row, error) {
	cfg.logf("memory: writing a register of %d engagements", size)
	if _, _, err := writeRegister(cfg.Seed, size, memPath(dir, size, "register.xlsx")); err != nil {
		return nil, err
	}
	dt, err := job(jobImportDT)
	if err != nil {
		return nil, err
	}
	bare, err := job(jobImportBare)
	if err != nil {
		return nil, err
	}
	imp := Row{Area: "memory", Op: "import a register (.xlsx), sqlite, " + fmtCount(size) + " engagements", Kind: Memory,
		Bare: "excelize Rows reading the same cells + multi-row INSERT", DT: dt, Base: bare}
	// The export reads the store the dealtrail import left; its bare side
	// writes the register's cells, dumped here as one CSV file per sheet.
	if err := dumpCells(memPath(dir, size, "register.xlsx"), memPath(dir, size, "cells")); err != nil {
		return nil, err
	}
	if dt, err = job(jobExportDT); err != nil {
		return nil, err
	}
	if bare, err = job(jobExportBare); err != nil {
		return nil, err
	}
	exp := Row{Area: "memory", Op: "export the register (.xlsx), sqlite, " + fmtCount(size) + " engagements", Kind: Memory,
		Bare: "excelize StreamWriter writing the same cells", DT: dt, Base: bare}
	return []Row{imp, exp}, nil
}

// dumpCells writes every sheet of the .xlsx at path to dir as CSV, one
// file per sheet in the order of workbook.SheetNames, for the bare side of
// the export's memory row to stream from.
func dumpCells(path, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := map[string]*os.File{}
	writers := map[string]*csv.Writer{}
	defer func() {
		for _, f := range files {
			_ = f.Close()
		}
	}()
	for i, name := range workbook.SheetNames() {
		f, err := os.Create(filepath.Join(dir, strconv.Itoa(i)+".csv"))
		if err != nil {
			return err
		}
		files[name], writers[name] = f, csv.NewWriter(f)
	}
	var werr error
	if _, err := readCells(path, func(sheet string, row []string) {
		if w := writers[sheet]; w != nil && werr == nil {
			werr = w.Write(row)
		}
	}); err != nil {
		return err
	}
	for name, w := range writers {
		w.Flush()
		werr = joinErr(werr, joinErr(w.Error(), files[name].Close()))
	}
	return werr
}

// bareStreamWrite writes the cells dumpCells left in dir to an .xlsx at
// path with excelize's StreamWriter, streaming each sheet from its file.
func bareStreamWrite(dir, path string) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range workbook.SheetNames() {
		sw, err := newSheetStream(f, i, name)
		if err != nil {
			return err
		}
		in, err := os.Open(filepath.Join(dir, strconv.Itoa(i)+".csv"))
		if err != nil {
			return err
		}
		r := csv.NewReader(in)
		r.FieldsPerRecord = -1
		for n := 1; ; n++ {
			row, err := r.Read()
			if err == io.EOF {
				break
			}
			if err == nil {
				vals := make([]any, len(row))
				for j, c := range row {
					vals[j] = c
				}
				err = sw.SetRow("A"+strconv.Itoa(n), vals)
			}
			if err != nil {
				return joinErr(err, in.Close())
			}
		}
		if err := joinErr(sw.Flush(), in.Close()); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}

// exportRegister writes the team's register from s to path.
func exportRegister(ctx context.Context, s *storage.Store, actorID, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = transfer.WriteRegisterXLSX(ctx, s, actorID, storage.Filter{}, f)
	return joinErr(err, f.Close())
}

// wholeFileRounds is how many times each side of a whole-file row runs
// unless Config.Rounds says otherwise.
// The quickest round of each side is kept: load only ever slows a round
// down, and on a machine shared with others' test suites two rounds were
// not enough to find one that ran undisturbed.
const wholeFileRounds = 5

// wholeFileRow times a whole-file operation against its bare side in
// cfg.rounds() alternating rounds and keeps each side's quicker round,
// counted in engagements.
func wholeFileRow(cfg Config, op, bare string, target Target, sides func(round int) (dt, bare func() error)) (Row, error) {
	m := [2][]Measure{make([]Measure, cfg.rounds()), make([]Measure, cfg.rounds())}
	for round := range cfg.rounds() {
		dt, b := sides(round)
		var tdt, tbare Timings
		if err := pair(round, dt, b, &tdt, &tbare); err != nil {
			return Row{}, err
		}
		m[0][round], m[1][round] = tdt.Measure(), tbare.Measure()
	}
	return Row{Area: "workbook", Op: op, Bare: bare, Kind: Throughput, Target: target,
		DT: perEngagement(faster(m[0]), cfg.Size), Base: perEngagement(faster(m[1]), cfg.Size)}, nil
}

// faster is the quicker of a side's rounds: the machine's load only ever
// slows a round down.
func faster(ms []Measure) Measure {
	best := ms[0]
	for _, m := range ms[1:] {
		if m.Total < best.Total {
			best = m
		}
	}
	return best
}

// perEngagement counts a whole-file measure in engagements.
func perEngagement(m Measure, n int) Measure {
	m.N = n
	return m
}

// newSheetStream adds sheet i of a new workbook (the first renames the
// default Sheet1) and returns its StreamWriter.
func newSheetStream(f *excelize.File, i int, name string) (*excelize.StreamWriter, error) {
	if i == 0 {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	return f.NewStreamWriter(name)
}
