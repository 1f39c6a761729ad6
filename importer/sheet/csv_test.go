package sheet

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func csvGB18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func csvUTF16(t *testing.T, s string, e unicode.Endianness) []byte {
	t.Helper()
	b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadCSV(t *testing.T) {
	const table = "姓名,手机,地址\n张三,13800138000,北京市测试路1号\n李四,13900139000,上海市示例街2号\n"
	want := []string{"2|张三|13800138000|北京市测试路1号", "3|李四|13900139000|上海市示例街2号"}
	tests := []struct {
		name  string
		data  []byte
		o     Options
		want  []string
		wantH string
	}{
		{name: "utf-8 no BOM", data: []byte(table), want: want},
		{name: "utf-8 BOM", data: append([]byte("\ufeff"), table...), want: want},
		{name: "gb18030 guessed", data: csvGB18030(t, table), want: want},
		{name: "gbk alias", data: csvGB18030(t, table), o: Options{Encoding: "GBK"}, want: want},
		{name: "utf-16le BOM tab separated", data: csvUTF16(t, strings.ReplaceAll(table, ",", "\t"), unicode.LittleEndian), want: want},
		{name: "utf-16be BOM", data: csvUTF16(t, table, unicode.BigEndian), want: want},
		{name: "semicolon sniffed", data: []byte(strings.ReplaceAll(table, ",", ";")), want: want},
		{name: "tab sniffed", data: []byte(strings.ReplaceAll(table, ",", "\t")), want: want},
		{name: "explicit delimiter", data: []byte(strings.ReplaceAll(table, ",", "|")), o: Options{Delimiter: '|'}, want: want},
		{name: "CRLF", data: []byte(strings.ReplaceAll(table, "\n", "\r\n")), want: want},
		{name: "bare CR", data: []byte(strings.ReplaceAll(table, "\n", "\r")), want: want},
		{
			// Excel shows one row per record: the record after a cell
			// with a line break is on row 3, though it starts on line 4.
			name: "quoted multi-line cell: rows as Excel shows them",
			data: []byte("a,b\r\n1,\"line one\r\nline two\"\r\n2,x\r\n"),
			want: []string{"2|1|line one\nline two", "3|2|x"},
		},
		{
			name: "blank rows skipped with the right line",
			data: []byte("a,b\n\n1,x\n,\n \n\n2,y\n"),
			want: []string{"3|1|x", "7|2|y"},
		},
		{
			// The marks stay in the cells: the result sheet keeps the
			// original cells, and the mapping undoes the marks (and takes
			// them as proof that a long number's digits are genuine).
			name: "excel text forcing kept for the mapping",
			data: []byte("a,b,c,d\n=\"301234567890123456\",\t13800138000,'0571,\"=\"\"007\"\"\"\n"),
			want: []string{"2|=\"301234567890123456\"|\t13800138000|'0571|=\"007\""},
		},
		{
			name: "escaped quote inside an unquoted text forcing",
			data: []byte("a,b\n=\"x\"\"y\",=\"2\"\n"),
			want: []string{`2|="x""y"|="2"`}, wantH: "a|b",
		},
		{
			name: "data cells keep their spaces, header is trimmed",
			data: []byte("\ufeff a\u3000,\"b\nc\"\n x , y\n"),
			want: []string{"2| x | y"}, wantH: "a|bc",
		},
		{
			name: "short and long rows",
			data: []byte("a,b,c\n1\n1,2,3,4\n"),
			want: []string{"2|1", "3|1|2|3|4"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, rows, err := readAll(t, readWriteFile(t, "orders.csv", tt.data), tt.o)
			if err != nil {
				t.Fatal(err)
			}
			wantH := tt.wantH
			if wantH == "" {
				wantH = strings.Join(strings.Split(strings.SplitN(table, "\n", 2)[0], ","), "|")
				if strings.HasPrefix(tt.name, "quoted") || strings.HasPrefix(tt.name, "blank") {
					wantH = "a|b"
				}
				if strings.HasPrefix(tt.name, "excel") {
					wantH = "a|b|c|d"
				}
				if strings.HasPrefix(tt.name, "short") {
					wantH = "a|b|c"
				}
			}
			if got := strings.Join(in.Header(), "|"); got != wantH {
				t.Errorf("header = %q, want %q", got, wantH)
			}
			if got := readLines(rows); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("rows =\n%q\nwant\n%q", got, tt.want)
			}
			if in.Name() != "orders.csv" {
				t.Errorf("Name() = %q", in.Name())
			}
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		o        Options
		wantLine int
		want     string
	}{
		{"unbalanced quote", []byte("a,b\n1,2\n3,\"open\n4,5\n"), Options{}, 3, "not closed"},
		{"bare quote", []byte("a,b\n1,2\n3,ab\"c\n"), Options{}, 3, "not quoted"},
		{"NUL byte", []byte("a,b\n1,2\n3,x\x00y\n"), Options{}, 3, "NUL byte"},
		{"utf-16 without BOM", []byte("a\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00"), Options{}, 1, "NUL byte"},
		{"gb18030 bytes after 64 KiB of ascii", append([]byte("a,b\n"+strings.Repeat("1,2\n", 20000)), csvGB18030(t, "张三,李四\n")...), Options{}, 20002, "--encoding"},
		{"unknown encoding", []byte("a\n"), Options{Encoding: "latin9"}, 0, "unknown encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, readWriteFile(t, "orders.csv", tt.data), tt.o)
			readWantError(t, err, tt.wantLine, tt.want)
		})
	}
}

func TestCSVFixerBufferBoundaries(t *testing.T) {
	// Every split of the input into two writes must give the same output.
	in := "a,=\"1\"\r\n\r=\"2\",\"x\r\ny\"\r"
	want := "a,\"=\"\"1\"\"\"\n\n\"=\"\"2\"\"\",\"x\ny\"\n"
	for i := 0; i <= len(in); i++ {
		var out bytes.Buffer
		f := csvNewFixer(',')
		dst := make([]byte, 64)
		src := []byte(in)
		// feed src[:i] then the rest, as a transform.Reader would
		nDst, nSrc, err := f.Transform(dst, src[:i], false)
		if err != nil && nSrc != i-1 && err.Error() != "transform: short source buffer" {
			t.Fatalf("split %d: %v", i, err)
		}
		out.Write(dst[:nDst])
		nDst, _, err = f.Transform(dst, src[nSrc:], true)
		if err != nil {
			t.Fatalf("split %d: %v", i, err)
		}
		out.Write(dst[:nDst])
		if out.String() != want {
			t.Errorf("split %d: got %q, want %q", i, out.String(), want)
		}
	}
}

func TestEncDetectCutRune(t *testing.T) {
	b := []byte(strings.Repeat("张", encSniffBytes/3+1))[:encSniffBytes]
	if c := encDetect(b, false); c.name != "utf-8" {
		t.Errorf("a UTF-8 sample cut mid-character detected as %s", c.name)
	}
	if c := encDetect(b, true); c.name != "gb18030" {
		t.Errorf("a whole file ending mid-character detected as %s", c.name)
	}
}

// TestReadCSVRowsAsExcelShows (issue 12 item 12): a CSV record's row is the
// row Excel shows it on, whatever line breaks the cells before it hold;
// blank lines are rows; a problem of a record names its row and, when it
// differs, the line of the text; --header-row counts rows too.
func TestReadCSVRowsAsExcelShows(t *testing.T) {
	data := "a,b\r\n" + // row 1
		"1,\"x\r\ny\r\nz\"\r\n" + // row 2, lines 2-4
		"\r\n" + // row 3 (blank)
		"2,\"p\rq\"\r\n" + // row 4, lines 6-7 (an old-Mac CR inside)
		"3,w\r\n" // row 5, line 8
	in, rows, err := readAll(t, readWriteFile(t, "orders.csv", []byte(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, itoa(r.Line)+"@"+itoa(r.TextLine))
	}
	if want := "2@2 4@6 5@8"; strings.Join(got, " ") != want || in.HeaderLine() != 1 {
		t.Errorf("rows@lines = %q, want %q", strings.Join(got, " "), want)
	}

	bad := "a,b\n1,\"x\ny\"\n2,x\x00y\n"
	_, _, err = readAll(t, readWriteFile(t, "orders.csv", []byte(bad)), Options{})
	readWantError(t, err, 3, "orders.csv: row 3 (line 4), column 2: file contains a NUL byte")

	header := "title\n\"multi\nline\"\na,b\n1,2\n" // the header is on row 3 (line 4)
	in, rows, err = readAll(t, readWriteFile(t, "orders.csv", []byte(header)), Options{HeaderRow: 3})
	if err != nil {
		t.Fatal(err)
	}
	if h := strings.Join(in.Header(), "|"); h != "a|b" || in.HeaderLine() != 3 || len(rows) != 1 || rows[0].Line != 4 {
		t.Errorf("--header-row 3: header %q at %d, rows %v", h, in.HeaderLine(), readLines(rows))
	}
}
