package workbook

import (
	"fmt"
	"strings"

	"github.com/dealtrail/dealtrail/salesrec"
)

// MaxProblems is how many problems a Report lists; further ones are only
// counted (Report.Unlisted), so a broken 100k-row file cannot fill memory.
const MaxProblems = 1000

// Problem is one thing wrong in a workbook: where it is, as a spreadsheet
// names a cell (沟通记录!D17), and what is wrong, in Chinese and English.
type Problem struct {
	// Sheet is the sheet's name as the file has it (or the CSV file's).
	Sheet string
	// Cell is the cell's name (D17), or the row (17) when the problem is
	// the row's as a whole; empty for a sheet that is missing.
	Cell string
	// Field is the JSON path of the value in the engagement or customer
	// ("interactions[0].topic"), when the problem comes from the rules.
	Field string
	Msg   salesrec.Message
}

// Where names the cell: "沟通记录!D17".
func (p Problem) Where() string {
	if p.Cell == "" {
		return p.Sheet
	}
	return p.Sheet + "!" + p.Cell
}

// Text is the problem in lang: "沟通记录!D17: 请填写沟通主题".
func (p Problem) Text(lang salesrec.Lang) string { return p.Where() + ": " + p.Msg.Text(lang) }

// Report is what reading or importing a workbook found and did.
type Report struct {
	// DryRun is true when nothing was written.
	DryRun bool
	// Engagements counts the engagements read from the file.
	Engagements int
	// Created, Updated, Unchanged and Refused count what the import did
	// with them.
	Created, Updated, Unchanged, Refused int
	// Problems lists the first MaxProblems problems in file order per
	// engagement; Unlisted counts the rest.
	Problems []Problem
	Unlisted int
}

// Add records a problem, keeping at most MaxProblems.
func (r *Report) Add(p Problem) {
	if len(r.Problems) >= MaxProblems {
		r.Unlisted++
		return
	}
	r.Problems = append(r.Problems, p)
}

// OK reports whether the workbook had no problem.
func (r *Report) OK() bool { return len(r.Problems) == 0 && r.Unlisted == 0 }

// Text writes the report in lang: the summary line, then one line per
// problem.
func (r *Report) Text(lang salesrec.Lang) string {
	var b strings.Builder
	if r.DryRun {
		b.WriteString(labelDryRun.Text(lang))
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, labelSummary.Text(lang), r.Created, r.Updated, r.Unchanged, r.Refused)
	b.WriteByte('\n')
	for _, p := range r.Problems {
		b.WriteString(p.Text(lang))
		b.WriteByte('\n')
	}
	if r.Unlisted > 0 {
		b.WriteString(msgMoreProblems(r.Unlisted).Text(lang))
		b.WriteByte('\n')
	}
	return b.String()
}
