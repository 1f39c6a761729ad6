package importer_test

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"orderimport/providers/sandbox"
)

// The platform exports' header rows, byte for byte, are in
// mapping/testdata/exports/*.headers (from EXPORT-HEADERS.md).
const exportHeadersDir = "../mapping/testdata/exports"

// exportHeader reads the header row of a platform export layout.
func exportHeader(t *testing.T, layout string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(exportHeadersDir, layout+".headers"))
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for line := range strings.Lines(string(data)) {
		if line = strings.TrimSuffix(line, "\n"); !strings.HasPrefix(line, "#") {
			cells = append(cells, line)
		}
	}
	return cells
}

// exportEncoding is how a test export file is written.
type exportEncoding int

const (
	utf8BOM exportEncoding = iota // exports and Excel "CSV UTF-8"
	gbk                           // Excel on Chinese Windows
)

// writeExport writes a CSV file with the layout's real header and one row
// per map (header name, trimmed, → cell; the other cells blank).
func writeExport(t *testing.T, layout string, enc exportEncoding, rows []map[string]string) string {
	t.Helper()
	header := exportHeader(t, layout)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(header)
	for _, r := range rows {
		cells := make([]string, len(header))
		used := 0
		for i, h := range header {
			if v, ok := r[strings.TrimSpace(h)]; ok {
				cells[i] = v
				used++
			}
		}
		if used != len(r) {
			t.Fatalf("%s: a row names a column the layout does not have: %v", layout, r)
		}
		_ = w.Write(cells)
	}
	w.Flush()
	data := b.Bytes()
	switch enc {
	case gbk:
		var err error
		if data, err = simplifiedchinese.GBK.NewEncoder().Bytes(data); err != nil {
			t.Fatal(err)
		}
	case utf8BOM:
		data = append([]byte("\ufeff"), data...)
	}
	path := filepath.Join(t.TempDir(), layout+".csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// exportCase is one platform layout imported by the binary.
type exportCase struct {
	layout, provider string
	enc              exportEncoding
	args             []string // beyond FILE --provider P
	mapping          string   // a mapping file's text, written beside the file ("" none)
	rows             []map[string]string
}

// TestCLIPlatformExports imports a file of each platform layout, with the
// real header text (GBK where Excel on Chinese Windows writes it) and
// made-up people, through the binary into the in-test sandbox, without
// --preset: the export is recognised. The golden file
// (testdata/exports/LAYOUT.golden; go test -update rewrites it) says which
// rows were sent with which product, what the sandbox received, and the
// status and reason of every other row.
func TestCLIPlatformExports(t *testing.T) {
	for _, tc := range exportCases() {
		t.Run(tc.layout, func(t *testing.T) {
			file := writeExport(t, tc.layout, tc.enc, tc.rows)
			args := []string{"import", file, "--provider", tc.provider}
			if tc.mapping != "" {
				m := filepath.Join(filepath.Dir(file), "mapping.yaml")
				if err := os.WriteFile(m, []byte(tc.mapping), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(filepath.Dir(file), "skus.csv"), []byte(shopifySKUs), 0o644); err != nil {
					t.Fatal(err)
				}
				args = append(args, "--mapping", m)
			}
			args = append(args, tc.args...)
			srv, url := cliSandbox(t, sandbox.Options{})
			out := filepath.Join(t.TempDir(), "result.csv")
			run := cliExec(t, "tok", append(args, "--base-url", url, "--rate", "0", "--out", out,
				"--ledger", filepath.Join(t.TempDir(), "ledger.db"))...)
			var g strings.Builder
			fmt.Fprintf(&g, "import %s.csv --provider %s %s\n", tc.layout, tc.provider, strings.Join(tc.args, " "))
			fmt.Fprintf(&g, "exit %d\n", run.code)
			for line := range strings.Lines(run.stderr) {
				if strings.Contains(line, "recognised") || strings.HasPrefix(line, "orderimport:") ||
					strings.Contains(line, `msg="not sent: column`) || strings.Contains(line, `msg="skip_when`) {
					fmt.Fprintf(&g, "%s\n", logMsg(line))
				}
			}
			writeSent(&g, srv)
			if run.code != 2 {
				writeResults(&g, readSheet(t, out))
			}
			checkExportGolden(t, tc.layout, g.String())
		})
	}
}

// logMsg returns the message of a slog text line, or the line.
func logMsg(line string) string {
	line = strings.TrimSpace(line)
	if _, rest, ok := strings.Cut(line, ` msg=`); ok && strings.HasPrefix(rest, `"`) {
		for i := 1; i < len(rest); i++ {
			switch rest[i] {
			case '\\':
				i++
			case '"':
				if msg, err := strconv.Unquote(rest[:i+1]); err == nil {
					return msg
				}
				return rest[:i+1]
			}
		}
	}
	return line
}

// writeSent lists what the sandbox created, sorted.
func writeSent(g *strings.Builder, srv *sandbox.Server) {
	var lines []string
	for _, o := range srv.DamaijiaOrders() {
		for _, c := range o.Consignees {
			lines = append(lines, fmt.Sprintf("  %s: product %d x%d, source %s, remark %q: %s %s %s/%s/%s %s",
				c.PlatformOrderSN, o.ProductID, o.ProductNumber, o.Source, o.Remark,
				c.Consignee, c.Mobile, c.Province, c.City, c.District, c.Address))
		}
	}
	for _, o := range srv.OpenAPIOrders() {
		items := make([]string, len(o.Items))
		for i, it := range o.Items {
			items[i] = fmt.Sprintf("%d/%d x%d", it.ProductID, it.VariantID, it.Qty)
		}
		lines = append(lines, fmt.Sprintf("  %s %s <%s> %s, %s, %s %s %s %s, %s: %s",
			o.FirstName, o.LastName, o.Email, o.Phone, o.Address1, o.City, o.ProvinceCode, o.Zip, o.CountryCode,
			o.ShippingMethodName, strings.Join(items, ", ")))
	}
	slices.Sort(lines)
	fmt.Fprintf(g, "sent (%d):\n", len(lines))
	for _, l := range lines {
		g.WriteString(l + "\n")
	}
}

// writeResults lists every row of the result sheet: its line, first cell,
// status and error.
func writeResults(g *strings.Builder, rows [][]string) {
	g.WriteString("rows:\n")
	header := rows[0]
	st, er := len(header)-7, len(header)-1
	for i, r := range rows[1:] {
		cell := func(k int) string {
			if k < len(r) {
				return r[k]
			}
			return ""
		}
		line := fmt.Sprintf("  row %d (%s): %s", i+2, cell(0), cell(st))
		if e := cell(er); e != "" {
			line += ": " + e
		}
		g.WriteString(line + "\n")
	}
}

func checkExportGolden(t *testing.T, layout, got string) {
	t.Helper()
	path := filepath.Join("testdata", "exports", layout+".golden")
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)\n%s", err, got)
	}
	if string(want) != got {
		t.Errorf("%s differs (go test -run TestCLIPlatformExports -update, then review the diff):\n%s", path, got)
	}
}

// TestCLIMappingCheckCountsLikeImport: `mapping check` on each platform
// export counts what the import does (an order is all or nothing, skipped
// and repeated rows are counted as such), and shows a continuation row with
// the fields it inherits from its order's first row. It used to count rows
// one by one ("55 valid" for 36 ok).
func TestCLIMappingCheckCountsLikeImport(t *testing.T) {
	for _, tc := range exportCases() {
		if tc.layout == "pdd2023" {
			continue // stops before any row
		}
		t.Run(tc.layout, func(t *testing.T) {
			file := writeExport(t, tc.layout, tc.enc, tc.rows)
			var extra []string
			if tc.mapping != "" {
				m := filepath.Join(filepath.Dir(file), "mapping.yaml")
				_ = os.WriteFile(m, []byte(tc.mapping), 0o644)
				_ = os.WriteFile(filepath.Join(filepath.Dir(file), "skus.csv"), []byte(shopifySKUs), 0o644)
				extra = []string{"--mapping", m}
			}
			extra = append(extra, tc.args...)
			out := filepath.Join(t.TempDir(), "result.csv")
			imp := cliExec(t, "tok", append([]string{"import", file, "--provider", tc.provider, "--dry-run", "--out", out}, extra...)...)
			counts := map[string]int{}
			rows := readSheet(t, out)
			for _, r := range rows[1:] {
				counts[r[len(rows[0])-7]]++
			}
			check := cliExec(t, "tok", append([]string{"mapping", "check", file, "--provider", tc.provider, "--rows", "50"}, extra...)...)
			want := fmt.Sprintf("%d rows: %d to send, %d invalid, %d skipped", len(rows)-1, counts["ready"], counts["invalid"], counts["skipped"])
			if !strings.Contains(check.stdout, want) {
				t.Fatalf("mapping check (exit %d) does not say %q:\n%s\n%s", check.code, want, check.stdout, check.stderr)
			}
			if wantCode := map[bool]int{true: 1, false: 0}[counts["invalid"] > 0]; check.code != wantCode || imp.code != wantCode {
				t.Errorf("exit codes: check %d, import %d, want %d", check.code, imp.code, wantCode)
			}
			if tc.layout == "shopify" {
				// Row 3 continues order #1001: it is shown with the order's fields.
				_, row3, _ := strings.Cut(check.stdout, "\nrow 3: ok\n")
				row3, _, _ = strings.Cut(row3, "\n\n")
				for _, f := range []string{"email: buyer1@example.com", "first_name: Test", "phone: +12125550101", "product_id: 648"} {
					if !strings.Contains(row3, f) {
						t.Errorf("row 3 lacks %q:\n%s", f, row3)
					}
				}
				if !strings.Contains(check.stdout, "row 12: invalid (not sent: row 11 of the same order is invalid)") {
					t.Errorf("the order's other row is not shown invalid:\n%s", check.stdout)
				}
			}
		})
	}
}

// TestCLIMappingInitRecognisesExports: `mapping init` starts from the preset
// of the export's platform (a Youzan export was called jd), never maps the
// platform's product id, and writes the preset's skip rules.
func TestCLIMappingInitRecognisesExports(t *testing.T) {
	want := map[string]string{"taobao56": "taobao", "taobao67": "taobao", "jd30": "jd", "pdd2020": "pinduoduo",
		"pdd2023": "pinduoduo", "doudian": "doudian", "youzan": "youzan"}
	for _, tc := range exportCases() {
		preset, ok := want[tc.layout]
		if !ok {
			continue
		}
		t.Run(tc.layout, func(t *testing.T) {
			file := writeExport(t, tc.layout, tc.enc, tc.rows)
			r := cliExec(t, "tok", "mapping", "init", file, "--provider", "damaijia")
			if r.code != 0 || !strings.Contains(r.stdout, "starting from preset "+preset+".") {
				t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, "  product_id: {hint: {zh: \"请选择要代发的大麦家礼品：") || !strings.Contains(r.stdout, "skip_when:\n") {
				t.Errorf("product_id mapped, or no skip rules:\n%s", r.stdout)
			}
		})
	}
	// A file no preset recognises says so.
	r := cliExec(t, "tok", "mapping", "init", "../samples/damaijia_orders.csv", "--provider", "damaijia")
	if !strings.Contains(r.stdout, "No preset matches this header") {
		t.Errorf("sample:\n%s", r.stdout)
	}
}
