package sheet

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// readWriteFile writes data to a file named name in a fresh temp dir.
func readWriteFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// readAll opens path and reads every row.
func readAll(t testing.TB, path string, o Options) (Input, []Row, error) {
	t.Helper()
	in, err := Open(path, o)
	if err != nil {
		return nil, nil, err
	}
	defer in.Close()
	var rows []Row
	for {
		r, err := in.Next()
		if errors.Is(err, io.EOF) {
			return in, rows, nil
		}
		if err != nil {
			return in, rows, err
		}
		rows = append(rows, r)
	}
}

// readLines renders rows as "line:cell|cell" for compact comparisons.
func readLines(rows []Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(append([]string{itoa(r.Line)}, r.Cells...), "|")
	}
	return out
}

func itoa(n int) string {
	s := ""
	if n == 0 {
		return "0"
	}
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func readWantError(t *testing.T, err error, wantLine int, wantText string) {
	t.Helper()
	var ie *Error
	if !errors.As(err, &ie) {
		t.Fatalf("error = %v (%T), want *Error", err, err)
	}
	if ie.Line != wantLine {
		t.Errorf("line = %d, want %d (%v)", ie.Line, wantLine, err)
	}
	if !strings.Contains(err.Error(), wantText) {
		t.Errorf("error %q does not contain %q", err, wantText)
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"csv full", &Error{File: "orders.csv", Line: 12, Column: 3, Err: errors.New("bad")}, "orders.csv: line 12, column 3: bad"},
		{"xlsx letters", &Error{File: "o.xlsx", Sheet: "订单", Line: 4, Column: 3, Err: errors.New("bad")}, "o.xlsx, sheet 订单: row 4, column C: bad"},
		{"file only", &Error{File: "o.csv", Err: errors.New("file is empty")}, "o.csv: file is empty"},
		{"line only", &Error{File: "o.csv", Line: 2, Err: errors.New("x")}, "o.csv: line 2: x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
	inner := errors.New("inner")
	if !errors.Is(&Error{Err: inner}, inner) {
		t.Error("Unwrap does not reach the inner error")
	}
}

func TestOpenRefusals(t *testing.T) {
	ole := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0}
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"xls magic", "orders.xls", ole, "legacy Excel 97-2003 (.xls) workbook: open it and save it as .xlsx or CSV"},
		{"xls named xlsx", "orders.xlsx", ole, "legacy Excel 97-2003 (.xls)"},
		{"ods", "orders.ods", []byte("PK\x03\x04whatever"), "save it as .xlsx or CSV"},
		{"numbers", "orders.numbers", []byte("PK\x03\x04whatever"), "save it as .xlsx or CSV"},
		{"xlsb", "orders.xlsb", []byte("PK\x03\x04whatever"), "an Excel binary workbook (.xlsb): save it as .xlsx or CSV"},
		{"random bytes named xlsx", "orders.xlsx", []byte("\x01\x02garbage that is not a zip"), "not a valid .xlsx file"},
		{"truncated zip", "orders.xlsx", []byte("PK\x03\x04\x14\x00\x00\x00"), "corrupt or truncated zip"},
		{"empty csv", "orders.csv", nil, "file is empty"},
		{"empty xlsx", "orders.xlsx", nil, "file is empty"},
		{"blank csv", "orders.csv", []byte("\ufeff\r\n\r\n,,\r\n"), "file is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, readWriteFile(t, tt.file, tt.data), Options{})
			var ie *Error
			if !errors.As(err, &ie) {
				t.Fatalf("error = %v, want *Error", err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), tt.file) {
				t.Errorf("error %q: want it to start with %q and contain %q", err, tt.file, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q is not one line", err)
			}
		})
	}
}

func TestOpenPasswordProtected(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	x.SetCellValue("Sheet1", "A1", "收货人")
	p := filepath.Join(t.TempDir(), "locked.xlsx")
	if err := x.SaveAs(p, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	_, _, err := readAll(t, p, Options{})
	readWantError(t, err, 0, "locked.xlsx: the workbook is password-protected: open it, remove the password")
}

func TestOpenMissingFile(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "nope.csv"), Options{})
	var ie *Error
	if !errors.As(err, &ie) || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("error = %v, want *Error wrapping ErrNotExist", err)
	}
}

func TestHeaderSearch(t *testing.T) {
	data := "订单导出 2024-01-01\n\n,,\n姓名,手机, 地址\u3000\n张三,13800138000,测试路1号\n"
	isHeader := func(cells []string) bool { return len(cells) > 1 && cells[0] == "姓名" }
	t.Run("IsHeader skips title rows", func(t *testing.T) {
		in, rows, err := readAll(t, readWriteFile(t, "a.csv", []byte(data)), Options{IsHeader: isHeader})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(in.Header(), "|"); got != "姓名|手机|地址" || in.HeaderLine() != 4 {
			t.Errorf("header = %q at %d", got, in.HeaderLine())
		}
		if got := readLines(rows); len(got) != 1 || got[0] != "5|张三|13800138000|测试路1号" {
			t.Errorf("rows = %q", got)
		}
	})
	t.Run("HeaderRow", func(t *testing.T) {
		in, rows, err := readAll(t, readWriteFile(t, "a.csv", []byte(data)), Options{HeaderRow: 4})
		if err != nil || in.HeaderLine() != 4 || len(rows) != 1 {
			t.Fatalf("err %v, header line %v, rows %v", err, in, rows)
		}
	})
	t.Run("nil IsHeader takes first non-blank row", func(t *testing.T) {
		in, rows, err := readAll(t, readWriteFile(t, "a.csv", []byte(data)), Options{})
		if err != nil || in.HeaderLine() != 1 || len(rows) != 2 {
			t.Fatalf("err %v, rows %v", err, rows)
		}
	})
	t.Run("not found", func(t *testing.T) {
		_, _, err := readAll(t, readWriteFile(t, "a.csv", []byte(data)), Options{IsHeader: func([]string) bool { return false }})
		readWantError(t, err, 0, `no header row recognised in the first 20 rows; headers found (row 1): "订单导出 2024-01-01" (name the header row with --header-row)`)
	})
	t.Run("not found lists the expected headers", func(t *testing.T) {
		o := Options{IsHeader: func([]string) bool { return false }, ExpectedHeaders: []string{"收货人", "手机"}}
		_, _, err := readAll(t, readWriteFile(t, "a.csv", []byte(data)), o)
		readWantError(t, err, 0, "; expected headers such as: 收货人, 手机 (name")
	})
	t.Run("header only is not an error", func(t *testing.T) {
		_, rows, err := readAll(t, readWriteFile(t, "a.csv", []byte("a,b\r\n")), Options{})
		if err != nil || len(rows) != 0 {
			t.Fatalf("err %v rows %v", err, rows)
		}
	})
}

func TestLimits(t *testing.T) {
	t.Run("max cell", func(t *testing.T) {
		data := "a,b\n1," + strings.Repeat("x", 40) + "\n"
		_, _, err := readAll(t, readWriteFile(t, "a.csv", []byte(data)), Options{MaxCellBytes: 30})
		readWantError(t, err, 2, "--max-cell")
		if ie := (*Error)(nil); errors.As(err, &ie) && ie.Column != 2 {
			t.Errorf("column = %d, want 2", ie.Column)
		}
	})
	t.Run("max columns", func(t *testing.T) {
		data := "a,b\n1,2,3,4\n"
		_, _, err := readAll(t, readWriteFile(t, "a.csv", []byte(data)), Options{MaxColumns: 3})
		readWantError(t, err, 2, "--max-columns")
	})
	t.Run("unbalanced quote does not read the whole file into one record", func(t *testing.T) {
		data := "a,b\n1,\"open\n" + strings.Repeat("filler line\n", 10000)
		_, _, err := readAll(t, readWriteFile(t, "a.csv", []byte(data)), Options{MaxCellBytes: 100, MaxColumns: 10})
		readWantError(t, err, 2, "unbalanced quote")
	})
}

// TestEstimateRows reads the first batch of a generated file the way a run
// does and checks the estimate of its rows (it sizes the in-file duplicate
// check).
