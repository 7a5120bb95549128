package workbook

// FormSheetName is formSheetName, for the tests.
var FormSheetName = formSheetName

// SetRunBytes makes Read of b sort in runs of n bytes, so that a small
// test file goes through temporary files.
func SetRunBytes(b *Book, n int) { b.runBytes = n }

// SetWriterRunBytes makes w queue its customers in runs of n bytes; call
// it before the first Add.
func SetWriterRunBytes(w *Writer, n int) { w.customers = newSorter(n) }
