// Package transfer moves a team's workbook in and out of a store: Import
// reads a register (salesrec/workbook) and writes it through
// storage.Store.Import as the acting member; ExportRegister writes the
// engagements a member may see, through the store's own reads, so what
// that member may not see stays masked.
//
// The same functions move forms (workbook.NewFormXLSXWriter,
// workbook.OpenFormXLSX); WriteFormsXLSX writes a member's forms in one
// call.
//
// Import is all-or-nothing per engagement (or for the whole file, with
// Options.Atomic), reports every problem at its cell in Chinese and
// English, can be a dry run that writes nothing, and is idempotent: the
// same file imported twice changes nothing the second time. Rows stream
// through in batches, with a progress callback. docs/template.md ("The
// workbook") describes the layout and these rules.
package transfer
