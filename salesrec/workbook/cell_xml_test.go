package workbook

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dealtrail/dealtrail/salesrec"
)

// streamRowsXML is the XML between <sheetData> and </sheetData> that
// excelize's StreamWriter writes for rows, each cell in style.
func streamRowsXML(t testing.TB, rows [][]string, style int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	var xml bytes.Buffer
	f.ZipWriter = func(io.Writer) excelize.ZipWriter {
		return &partCatcher{part: "xl/worksheets/sheet1.xml", into: &xml}
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if err := sw.SetRow("A"+strconv.Itoa(i+1), styledRow(r, style, len(r))); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Write(io.Discard); err != nil {
		t.Fatal(err)
	}
	b := xml.Bytes()
	from, to := bytes.Index(b, sheetDataOpen), bytes.LastIndex(b, sheetDataClose)
	if from < 0 || to < from {
		t.Fatalf("no sheetData in %q", b)
	}
	return b[from+len(sheetDataOpen) : to]
}

func ourRowsXML(rows [][]string, style int) []byte {
	var b []byte
	for i, r := range rows {
		b = appendRowXML(b, i+1, r, style)
	}
	return b
}

// hostileCells are texts a sheet may hold that the XML must carry
// exactly as excelize does.
var hostileCells = []string{
	"", " ", "价格偏高,客户犹豫", " 前导空格", "尾随空格 ", "\t制表", "换行\n", "a\r\nb", "中\n间",
	`<script>alert("x")</script>`, "A&B 'quoted'", "=SUM(A1)", "'=1+1",
	"\x00\x01\x08\x0b\x0c\x1f控制字符", "broken \xff\xfe utf-8", "\xe4\xb8", "\uFFFD literal", "\uFFFE\uFFFF",
	"😀 emoji 𠀀", "\u2028\u2029", "\ud7ff\ue000",
	"_x0041_", "_X0041_", "_x0041", "a_x0041_b_x00e9_", "_x005F_", "_x005F_x0041_", "_x005F_x00zz_",
	"_x005f_", "_x005F_x", "_xD800_", "_xd83d__xde00_", "_x0000_", "__x0041__", "_x0041__x0042_",
	"&#xA;", "&amp;_x0041_", "<_x0041_>",
	strings.Repeat("长", excelize.TotalCellChars+5),
	strings.Repeat("a", excelize.TotalCellChars-1) + "😀",
	strings.Repeat("😀", excelize.TotalCellChars/2+3) + " ",
	strings.Repeat("x", excelize.TotalCellChars) + "\n",
}

// TestRowXMLIsTheStreamWriters: rows of every kind of text, with and
// without a style, many columns (past Z), are the bytes the StreamWriter
// writes for them.
func TestRowXMLIsTheStreamWriters(t *testing.T) {
	var rows [][]string
	for _, c := range hostileCells {
		rows = append(rows, []string{c, "x", c})
	}
	wide := make([]string, 60)
	for i := range wide {
		wide[i] = strconv.Itoa(i)
	}
	rows = append(rows, wide, []string{}, []string{""})
	for _, style := range []int{0, 3, 12} {
		want, got := streamRowsXML(t, rows, style), ourRowsXML(rows, style)
		if !bytes.Equal(got, want) {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Fatalf("style %d: differs at byte %d:\n got …%q\nwant …%q", style, i, clip(got[i:]), clip(want[i:]))
		}
	}
}

// TestRowXMLRandomText: random mixes of the pieces that need care.
func TestRowXMLRandomText(t *testing.T) {
	pieces := []string{"_x", "0041", "005F", "_", "x", "D800", "&", "<", "\n", "\t", " ", "\x01", "\xff", "中", "😀", "'", `"`, "a"}
	rng := rand.New(rand.NewPCG(1, 2))
	var rows [][]string
	for range 2000 {
		var s strings.Builder
		for range rng.IntN(12) {
			s.WriteString(pieces[rng.IntN(len(pieces))])
		}
		rows = append(rows, []string{s.String()})
	}
	if want, got := streamRowsXML(t, rows, 0), ourRowsXML(rows, 0); !bytes.Equal(got, want) {
		t.Fatal("random text: the rows differ from the StreamWriter's")
	}
}

// FuzzCellXML: any text is one cell as the StreamWriter writes it.
func FuzzCellXML(f *testing.F) {
	for _, c := range hostileCells[:len(hostileCells)-4] {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rows := [][]string{{s}}
		if want, got := streamRowsXML(t, rows, 0), ourRowsXML(rows, 0); !bytes.Equal(got, want) {
			t.Fatalf("%q:\n got %q\nwant %q", s, got, want)
		}
	})
}

func clip(b []byte) []byte { return b[:min(len(b), 80)] }

// TestSheetRowLimit: a sheet refuses a row past Excel's last, as the
// StreamWriter refuses it, with a message in Chinese and English that
// names the sheet and says what to do.
func TestSheetRowLimit(t *testing.T) {
	x := &xlsxSheet{s: sheetPoints, limit: chunkBytes, rows: excelize.TotalRows - 1}
	if err := x.row([]string{"last"}); err != nil {
		t.Fatalf("the last row: %v", err)
	}
	err := x.row([]string{"one more"})
	var v *salesrec.ValidationError
	if !errors.Is(err, salesrec.ErrInvalid) || !errors.As(err, &v) {
		t.Fatalf("a row past the last: %v, want a validation error", err)
	}
	zh, en := v.Text(salesrec.ZH), v.Text(salesrec.EN)
	for _, want := range []string{sheetPoints.zh, "分批导出"} {
		if !strings.Contains(zh, want) {
			t.Errorf("Chinese message %q does not say %q", zh, want)
		}
	}
	for _, want := range []string{sheetPoints.en, "export in parts"} {
		if !strings.Contains(en, want) {
			t.Errorf("English message %q does not say %q", en, want)
		}
	}
}
