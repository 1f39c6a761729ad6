package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// rawCases are CSV inputs whose rows are copied into the result sheet as
// read (Row.Raw); reading the result back must give the same cells as
// encoding them again.
var rawCases = []struct {
	name string
	data string
}{
	{"plain LF", "a,b,c\n1,2,3\n4,5,6\n"},
	{"CRLF and BOM", "\ufeffa,b,c\r\n1,2,3\r\n4,5,6\r\n"},
	{"bare CR", "a,b,c\r1,2,3\r4,5,6\r"},
	{"no final line end", "a,b,c\n1,2,3\n4,5,6"},
	{"quoted cells", "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",3\n"},
	{"line breaks in a cell", "a,b,c\n\"two\r\nlines\",2,3\n\"cr\ronly\",5,6\n"},
	{"text forcing", "a,b,c\n=\"0123\",'0456,\t789\n=\"a\"\"b\",x,y\n"},
	{"blank lines between rows", "a,b,c\n\n1,2,3\n\n\n4,5,6\n"},
	{"blank-looking rows", "a,b,c\n , ,\n1,2,3\n"},
	{"short and long rows", "a,b,c\n1\n1,2,3,4,5\n,,\n"},
	{"title row above the header", "订单导出 2026-11-23\na,b,c\n1,2,3\n"},
	{"leading spaces", "a,b,c\n  1, 2 ,3  \n"},
	{"empty quoted cells", "a,b,c\n\"\",\"\",\"\"\n"},
	{"chinese", "收货人,地址,数量\n张样例,测试路1号,1\n"},
}

func TestResultCSVRawMatchesCells(t *testing.T) {
	for _, tt := range rawCases {
		t.Run(tt.name, func(t *testing.T) {
			got, want, rows := rawResults(t, []byte(tt.data))
			for _, r := range rows {
				if r.Raw == nil {
					t.Errorf("row %d: no Raw", r.Line)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("copied rows read back as\n%q\nencoded rows as\n%q", got, want)
			}
		})
	}
}

func TestResultCSVNoRawForOtherDelimiters(t *testing.T) {
	path := readWriteFile(t, "orders.csv", []byte("a;b;c\n1;2;3\n"))
	_, rows, err := readAll(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Raw != nil {
		t.Errorf("rows %+v: a semicolon-separated row must not be copied into a comma-separated result", rows)
	}
}

// FuzzResultCSVRaw checks any readable CSV: the result sheet reads back the
// same whether rows are copied as read or encoded again.
func FuzzResultCSVRaw(f *testing.F) {
	for _, c := range rawCases {
		f.Add([]byte(c.data))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rawResults(t, data)
	})
}

// rawResults reads data as a CSV input and writes its rows twice as CSV
// result sheets, once copying Row.Raw and once encoding the cells; it
// returns both read back, and the rows. Unreadable input skips the test.
func rawResults(t *testing.T, data []byte) (copied, encoded [][]string, rows []Row) {
	t.Helper()
	in, rows, err := readAll(t, readWriteFile(t, "orders.csv", data), Options{})
	if err != nil {
		t.Skip(err)
	}
	res := testResult{Status: statusReady, Error: "x,\"y\"\nz"}
	encodedRows := make([]Row, len(rows))
	for i, r := range rows {
		encodedRows[i] = Row{Line: r.Line, Cells: r.Cells}
	}
	copied = writeReadCSV(t, in.Header(), rows, res)
	encoded = writeReadCSV(t, in.Header(), encodedRows, res)
	if !reflect.DeepEqual(copied, encoded) {
		t.Fatalf("input %q:\ncopied rows read back as\n%q\nencoded rows as\n%q", data, copied, encoded)
	}
	return copied, encoded, rows
}

// writeReadCSV writes a CSV result sheet and reads it back.
func writeReadCSV(t *testing.T, header []string, rows []Row, res testResult) [][]string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "result.csv")
	w, err := createTest(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader(header); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.WriteRow(r, res.Cells()); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("result sheet does not read back: %v\n%s", err, b)
	}
	return recs
}

// TestResultCSVRawResultsChange writes copied rows whose results repeat and
// change (the writer reuses the encoding of a repeated result): every row
// reads back with its own result.
func TestResultCSVRawResultsChange(t *testing.T) {
	in, rows, err := readAll(t, readWriteFile(t, "orders.csv", []byte("a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	results := []testResult{
		{Status: statusReady},
		{Status: statusReady},
		{Status: statusInvalid, Error: `mobile: "x,y"`},
		{Status: statusReady},
		{Status: statusOK, OrderID: "D1", OrderSN: "SN1"},
	}
	path := filepath.Join(t.TempDir(), "result.csv")
	w, err := createTest(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader(in.Header()); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if r.Raw == nil {
			t.Fatalf("row %d: no Raw", r.Line)
		}
		if err := w.WriteRow(r, results[i].Cells()); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	_, back, err := readAll(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(results) {
		t.Fatalf("%d rows read back, want %d", len(back), len(results))
	}
	for i, row := range back {
		want := append(append([]string(nil), rows[i].Cells...), results[i].Cells()...)
		if !reflect.DeepEqual(row.Cells, want) {
			t.Errorf("row %d: %q, want %q", row.Line, row.Cells, want)
		}
	}
}
