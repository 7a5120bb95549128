// Package workbook reads and writes a team's records in the template's
// own spreadsheet layout: the register, one workbook for a team with one
// sheet per table (客户, 业务, 沟通记录, 沟通要点, 需求, 跟进计划, 备注,
// 复盘经验), as .xlsx (github.com/xuri/excelize/v2, streamed both ways) or
// as one CSV file per sheet. The layout is documented, column by column,
// in docs/template.md ("The workbook") and kept stable.
//
// Reading (Read over a Book from OpenXLSXFile, OpenXLSX or OpenCSV) accepts what a team
// types, through salesrec's own parsers: Excel date and time cells and
// date text (2024-04-10, 2024/4/10, 2024年4月10日), amounts as numbers or
// text (¥80,000, 8万, full-width digits), 上午/下午 times, people by name,
// enum values by code or label, blank rows, stray spaces, and merged cells
// in a key column (a blank key is the key of the row above). Each
// engagement comes out as an Entry with ids derived from the file's keys
// (so the same file always gives the same ids) and the problems found in
// its cells, each naming its cell (沟通记录!D17) in Chinese and English.
// Entry.Locate turns a refusal by the rules or the store, keyed by JSON
// path, into a problem at its cell.
//
// Writing (Writer from NewXLSXWriter or NewCSVWriter) streams rows out as
// engagements are added, in the formats the template uses (YYYY-MM-DD,
// 上午/下午HH:MM, ¥80,000), and guards every text cell a spreadsheet would
// run as a formula. Its memory does not grow with the rows: an .xlsx
// register's sheets go to temporary files in compressed chunks until
// Close zips them into the workbook; Abort drops a writer given up half-way
// and its temporary files.
//
// The form (NewFormXLSXWriter, OpenFormXLSX) is the template's own table
// for one engagement per sheet, to read and print: the register's columns
// laid out in the template's sections and blocks (docs/template.md, "The
// form"). It is written by the same Writer and read by the same reader as
// the register, each form as a register of one engagement, so its cells
// are formatted, guarded and checked alike and its problems name the
// form's cells (远景!C9).
//
// The package knows no store: storage/transfer moves entries between a
// workbook and a *storage.Store, as the acting member.
package workbook
