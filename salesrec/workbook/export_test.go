package workbook

// FormSheetName is formSheetName, for the tests.
var FormSheetName = formSheetName
