package mapping

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"orderimport/providers"
)

// sampleRows reads a sample spreadsheet (CSV or XLSX) whole: it is small.
func sampleRows(t *testing.T, path string) [][]string {
	t.Helper()
	if filepath.Ext(path) == ".csv" {
		return readCSV(t, path)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestInitSamples runs `mapping init` on each sample and checks that the
// mapping it writes maps every sample row exactly as the default mapping
// does, and validly.
func TestInitSamples(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "samples", "*_orders.*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range paths {
		if strings.Contains(path, ".result.") {
			continue
		}
		provider, fields := "damaijia", damaijiaFields()
		if strings.Contains(filepath.Base(path), "storefront") {
			provider, fields = "openapi", openapiFields()
		}
		n++
		t.Run(filepath.Base(path), func(t *testing.T) {
			rows := sampleRows(t, path)
			def := mustDefault(t, provider)
			hdr := slices.IndexFunc(rows, def.IsHeader)
			if hdr < 0 {
				t.Fatal("no header")
			}
			var out bytes.Buffer
			if err := Init(&out, rows[hdr], provider, fields); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(out.String(), "MISSING") {
				t.Errorf("a field is missing:\n%s", out.String())
			}
			gen, err := Parse(out.Bytes(), "init.yaml")
			if err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			a, err := def.Compile(rows[hdr], fields)
			if err != nil {
				t.Fatal(err)
			}
			b, err := gen.Compile(rows[hdr], fields)
			if err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			for i, row := range rows[hdr+1:] {
				line := hdr + 2 + i
				ra, ea := a.Map(line, row)
				rb, eb := b.Map(line, row)
				if !slices.Equal(ra.Values, rb.Values) {
					t.Errorf("row %d: init mapping gives %q, default %q", line, rb.Values, ra.Values)
				}
				if HasErrors(ea) || HasErrors(eb) {
					t.Errorf("row %d: problems %v / %v", line, ea, eb)
				}
			}
		})
	}
	if n < 3 {
		t.Errorf("only %d samples found", n)
	}
}

// TestInitPicksPreset writes a mapping for a Taobao header: the taobao
// preset wins, the amended address and split_address are kept, and the
// product is MISSING.
func TestInitPicksPreset(t *testing.T) {
	rows := readCSV(t, filepath.Join("testdata", "presets", "taobao.csv"))
	var out bytes.Buffer
	if err := Init(&out, rows[0], "damaijia", damaijiaFields()); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"from preset taobao",
		`  address: {coalesce: ["修改后的收货地址", "收货地址"], transforms: [split_address]}`,
		"  # filled by split_address of address\n  province:\n",
		"  # MISSING: name the column here, or give --set product_id=VALUE\n  product_id: {hint: {zh: \"请选择要代发的大麦家礼品：",
		`en: "choose the damaijia gift to send: `,
		`skip_when:
  - {column: "订单状态", contains: ["关闭"], reason: {zh: "淘宝订单已关闭", en: "order closed on Taobao"}}`,
		`  # Not sent: 买家留言, 订单备注.`,
		`  mobile: {coalesce: ["联系手机", "联系电话"]}`,
		`  product_number: {default: "1"}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	m, err := Parse(out.Bytes(), "init.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m.Set("product_id", "614")
	preset, _ := Preset("taobao")
	preset.Set("product_id", "614")
	a := checkTable(t, preset, damaijiaFields(), rows)
	b := checkTable(t, m, damaijiaFields(), rows)
	// Only the first line (the mapping's name) differs.
	_, a, _ = bytes.Cut(a, []byte("\n"))
	_, b, _ = bytes.Cut(b, []byte("\n"))
	if !bytes.Equal(a, b) {
		t.Errorf("init mapping maps differently:\n%s\n----\n%s", b, a)
	}
}

func TestInitUnknownProvider(t *testing.T) {
	if err := Init(io.Discard, []string{"a"}, "nope", nil); err == nil {
		t.Error("no error")
	}
}

func TestCheckReadError(t *testing.T) {
	mp := damaijiaMapper(t)
	calls := 0
	next := func() (int, []string, error) {
		calls++
		if calls == 1 {
			return 2, []string{"1", "张三", "13800138000", "浙江省", "杭州市", "余杭区", "测试路1号", "1", "淘宝"}, nil
		}
		return 0, nil, os.ErrClosed
	}
	var out bytes.Buffer
	sum, err := Check(&out, mp, next, CheckOptions{Show: 1})
	if err != os.ErrClosed || sum.Rows != 1 || sum.Invalid != 0 {
		t.Errorf("sum %+v, err %v", sum, err)
	}
	if !strings.Contains(out.String(), "row 2: ok\n") || !strings.Contains(out.String(), "1 rows: 1 to send") {
		t.Errorf("output:\n%s", out.String())
	}
	_ = providers.Record{}
}

func TestHeaderFinder(t *testing.T) {
	is := HeaderFinder("damaijia")
	for _, tc := range []struct {
		name  string
		cells []string
		want  bool
	}{
		{"jd", []string{"订单号", "客户姓名", "客户地址", "联系电话"}, true},
		{"damaijia template", []string{"订单编号", "收货人姓名", "收货地址", "联系手机"}, true},
		{"title", []string{"2024年10月 京东订单导出"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := is(tc.cells); got != tc.want {
				t.Errorf("got %v", got)
			}
		})
	}
}
