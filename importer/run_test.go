package importer_test

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orderimport/importer"
	"orderimport/importer/sheet"
	"orderimport/mapping"
	"orderimport/providers"
	"orderimport/providers/all"
	"orderimport/providers/sandbox"
)

// runThrough imports file into a fresh sandbox and returns the summary, the
// result sheet's rows and the sandbox.
func runThrough(t *testing.T, provider, file string, sb sandbox.Options, tune func(*importer.Options)) (*importer.Summary, [][]string, *sandbox.Server) {
	t.Helper()
	o, srv := sandboxOptions(t, provider, file, sb)
	if tune != nil {
		tune(&o)
	}
	sum, err := importer.Run(context.Background(), o)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return sum, readSheet(t, o.Output), srv
}

// sandboxOptions are the options of an import of file into a fresh sandbox
// of provider (its default mapping, the result sheet in a temporary
// directory, no ledger), and the sandbox.
func sandboxOptions(t *testing.T, provider, file string, sb sandbox.Options) (importer.Options, *sandbox.Server) {
	t.Helper()
	srv := sandbox.New(sb)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	entry, err := all.Lookup(provider)
	if err != nil {
		t.Fatal(err)
	}
	prov, err := entry.New(providers.Config{BaseURL: hs.URL, Token: "test-token-do-not-log"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	m, err := mapping.Default(provider)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out"+filepath.Ext(file))
	return importer.Options{Input: file, Output: out, ProviderName: provider, Provider: prov, Mapping: m,
		Workers: 4, Rate: 0, Timeout: 2 * time.Second, Retries: 3,
		Backoff: func(int) time.Duration { return time.Millisecond }}, srv
}

// readSheet reads a result sheet back with the importer's own reader.
func readSheet(t *testing.T, path string) [][]string {
	t.Helper()
	in, err := sheet.Open(path, sheet.Options{HeaderRow: 1})
	if err != nil {
		t.Fatalf("open result %s: %v", path, err)
	}
	defer in.Close()
	rows := [][]string{in.Header()}
	for {
		r, err := in.Next()
		if err != nil {
			break
		}
		rows = append(rows, r.Cells)
	}
	return rows
}

// column returns the index of name in the header row.
func column(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %q", name, header)
	return -1
}

func TestRunSamplesThroughSandbox(t *testing.T) {
	cases := []struct {
		name, provider, file string
		rows, orders         int
	}{
		{"damaijia xlsx", "damaijia", "../samples/damaijia_orders.xlsx", 10, 5},
		{"damaijia csv", "damaijia", "../samples/damaijia_orders.csv", 10, 5},
		{"storefront csv", "openapi", "../samples/storefront_orders.csv", 6, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sum, sheet, srv := runThrough(t, tc.provider, tc.file, sandbox.Options{}, nil)
			if sum.Rows != tc.rows || sum.Counts[importer.StatusOK] != tc.rows {
				t.Fatalf("summary: rows %d counts %v, want %d ok", sum.Rows, sum.Counts, tc.rows)
			}
			if sum.ExitCode() != 0 {
				t.Errorf("exit code %d", sum.ExitCode())
			}
			if sum.Orders != tc.orders {
				t.Errorf("orders %d, want %d", sum.Orders, tc.orders)
			}
			st, sn := column(t, sheet[0], "status"), column(t, sheet[0], "order_sn")
			for i, row := range sheet[1:] {
				if row[st] != "ok" || row[sn] == "" {
					t.Errorf("row %d: status %q order_sn %q", i+2, row[st], row[sn])
				}
			}
			if d := srv.Duplicates(); d != 0 {
				t.Errorf("sandbox saw %d duplicate creations", d)
			}
			assertInputOrder(t, tc.file, sheet)
		})
	}
}

// assertInputOrder checks the result sheet holds the input's cells, row for
// row, in input order.
func assertInputOrder(t *testing.T, input string, sheet [][]string) {
	t.Helper()
	orig := readSheet(t, input)
	if len(orig) != len(sheet) {
		t.Fatalf("result has %d rows, input %d", len(sheet), len(orig))
	}
	for i := range orig {
		for j, cell := range orig[i] {
			if sheet[i][j] != cell {
				t.Fatalf("row %d col %d: result %q, input %q", i+1, j+1, sheet[i][j], cell)
			}
		}
	}
}

func TestRunDryRunSendsNothing(t *testing.T) {
	sum, sheet, srv := runThrough(t, "damaijia", "../samples/damaijia_orders.csv", sandbox.Options{},
		func(o *importer.Options) { o.DryRun = true })
	if sum.Counts[importer.StatusReady] != 10 || sum.ExitCode() != 0 {
		t.Fatalf("counts %v exit %d", sum.Counts, sum.ExitCode())
	}
	if n := srv.Stats().Requests; n != 0 {
		t.Fatalf("dry run sent %d requests", n)
	}
	if got := sheet[1][column(t, sheet[0], "status")]; got != "ready" {
		t.Fatalf("status %q", got)
	}
}

func TestRunInvalidRowsNamedAndNotSent(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bad.csv")
	csv := "订单编号,收货人姓名,手机,省份,城市,区县,详细地址,商品ID,数量,来源,备注\n" +
		"300000000000000201,张三,13800138001,浙江省,杭州市,余杭区,测试路1号,614,1,淘宝,x\n" +
		"300000000000000202,,13800138002,浙江省,杭州市,余杭区,测试路2号,614,1,淘宝,x\n" +
		"300000000000000203,李四,13800138003,浙江省,杭州市,余杭区,测试路3号,614,0,淘宝,x\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, sheet, srv := runThrough(t, "damaijia", file, sandbox.Options{}, nil)
	if sum.Counts[importer.StatusOK] != 1 || sum.Counts[importer.StatusInvalid] != 2 || sum.ExitCode() != 1 {
		t.Fatalf("counts %v exit %d", sum.Counts, sum.ExitCode())
	}
	errCol := column(t, sheet[0], "error")
	for _, tc := range []struct {
		row  int
		want []string
	}{{2, []string{"row 3", "consignee"}}, {3, []string{"row 4", "product_number"}}} {
		for _, w := range tc.want {
			if !strings.Contains(sheet[tc.row][errCol], w) {
				t.Errorf("row %d error %q lacks %q", tc.row+1, sheet[tc.row][errCol], w)
			}
		}
	}
	if got := srv.Stats().CreatedConsignees; got != 1 {
		t.Fatalf("sandbox created %d consignees, want 1", got)
	}
}
