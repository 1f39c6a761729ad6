package sheet

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// readDrain opens path and reads it to the end; only panics fail.
func readDrain(t *testing.T, path string) {
	in, err := Open(path, Options{MaxUnzipBytes: 16 << 20})
	if err != nil {
		var ie *Error
		if !errors.As(err, &ie) {
			t.Fatalf("Open error is %T, want *Error: %v", err, err)
		}
		return
	}
	defer in.Close()
	for i := 0; i < 100000; i++ {
		r, err := in.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			return
		}
		if r.Line < 1 {
			t.Fatalf("row with line %d", r.Line)
		}
		if r.Types != nil && len(r.Types) != len(r.Cells) {
			t.Fatalf("row %d: %d cells, %d types", r.Line, len(r.Cells), len(r.Types))
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n", "\ufeffa;b\r\n=\"1\";'2\r\n", "a\tb\r\"x\ry\"\t2\r", "a,b\n\"open\n",
		"\xff\xfea\x00\t\x00b\x00\n\x00", "a,b\n1,x\x00\n", "\xd5\xc5\xc8\xfd,1\n",
		"a,b\r\n1,\"x\r\ny\"\r\n\r\n2,\"p\rq\"\r\n3,w,extra,,\r\n", // rows as Excel shows them
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.csv")
		if bytes.HasPrefix(data, readZipMagic) || bytes.HasPrefix(data, readOLEMagic) {
			return // not the CSV path
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		readDrain(t, p)
	})
}

func FuzzReadXLSX(f *testing.F) {
	x := excelize.NewFile()
	x.SetCellValue("Sheet1", "A1", "手机")
	x.SetCellValue("Sheet1", "A2", 13800138000)
	x.SetCellValue("Sheet1", "B3", 1.5)
	x.MergeCell("Sheet1", "B3", "C4")
	buf, err := x.WriteToBuffer()
	if err != nil {
		f.Fatal(err)
	}
	x.Close()
	f.Add(buf.Bytes())
	// The corpus's workbooks of issue 16: merged header blocks, s="",
	// bracketed number formats, Strict Open XML, a chart sheet, .xlsb, and
	// encrypted ones (an OLE compound file).
	for _, name := range []string{"merged_header.xlsx", "empty_style_attr.xlsx", "number_formats.xlsx",
		"strict_open_xml.xlsx", "chart_sheet.xlsx", "binary_workbook_named.xlsx", "velvet_sweatshop.xlsx", "wide_rows.xlsx"} {
		data, err := os.ReadFile(filepath.Join(readCorpusDir, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		readDrain(t, p)
	})
}
