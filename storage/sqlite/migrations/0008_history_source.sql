-- A history entry may say where its change came from: for an engagement
-- imported from a workbook, the file and the row ("团队台账.xlsx 业务!A5").
-- Entries written through the API leave it empty.
ALTER TABLE dealtrail_history ADD COLUMN source TEXT NOT NULL DEFAULT '';
