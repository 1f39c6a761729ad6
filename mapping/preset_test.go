package mapping

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"orderimport/providers"
)

// TestPresetGolden maps files shaped like the platforms' exports (their
// header rows, trailing spaces, title rows, ="..." and ' marks included)
// with each preset and compares `mapping check`'s output with
// testdata/presets/<name>.golden (go test -update).
func TestPresetGolden(t *testing.T) {
	tests := []struct {
		preset string
		fields []providers.Field
		set    map[string]string
	}{
		{"taobao", damaijiaFields(), map[string]string{"product_id": "614"}},
		{"pinduoduo", damaijiaFields(), map[string]string{"product_id": "614"}},
		{"jd", damaijiaFields(), map[string]string{"product_id": "614"}},
		{"damaijia", damaijiaFields(), map[string]string{"product_id": "614", "source": "淘宝"}},
		{"shopify", openapiFields(), nil},
	}
	// The Shopify export names no storefront product: this file's own
	// columns do, named by a mapping that starts from the preset.
	own := map[string]string{"shopify": "preset: shopify\nfields:\n  product_id: [Product ID]\n  variant_id: [Variant ID]\n"}
	for _, tc := range tests {
		t.Run(tc.preset, func(t *testing.T) {
			m, err := Preset(tc.preset)
			if src, ok := own[tc.preset]; ok {
				m, err = Parse([]byte(src), "preset "+tc.preset)
			}
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.set {
				m.Set(k, v)
			}
			rows := readCSV(t, filepath.Join("testdata", "presets", tc.preset+".csv"))
			got := checkTable(t, m, tc.fields, rows)
			checkGolden(t, filepath.Join("testdata", "presets", tc.preset+".golden"), got)
		})
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// checkTable finds the header with IsHeader, compiles m and runs Check over
// the rows below it, every row shown.
func checkTable(t *testing.T, m *Mapping, fields []providers.Field, rows [][]string) []byte {
	t.Helper()
	hdr := slices.IndexFunc(rows, m.IsHeader)
	if hdr < 0 {
		t.Fatal("no header row found")
	}
	mp, err := m.Compile(rows[hdr], fields)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	out.WriteString("mapping " + m.Name + ", header on line " + itoa(hdr+1) + "\n")
	opt := CheckOptions{Show: len(rows)}
	if k := providers.FieldIndex(fields, "order_key"); k >= 0 {
		opt.OrderKey = func(r providers.Record) string { return r.Values[k] }
	}
	i := hdr + 1
	next := func() (int, []string, error) {
		if i >= len(rows) {
			return 0, nil, io.EOF
		}
		i++
		return i, rows[i-1], nil
	}
	if _, err := Check(&out, mp, next, opt); err != nil {
		t.Fatal(err)
	}
	return []byte(strings.ReplaceAll(out.String(), "\r", ""))
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestPresets(t *testing.T) {
	want := []string{"damaijia", "doudian", "jd", "pinduoduo", "shopify", "taobao", "youzan"}
	if got := Presets(); !slices.Equal(got, want) {
		t.Errorf("Presets() = %v, want %v", got, want)
	}
	for _, name := range want {
		m, err := Preset(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if m.Provider != "damaijia" && m.Provider != "openapi" {
			t.Errorf("%s: provider %q", name, m.Provider)
		}
	}
	for _, bad := range []string{"", "tmall", "../defaults/damaijia"} {
		if _, err := Preset(bad); err == nil || !strings.Contains(err.Error(), "have damaijia, doudian, jd") {
			t.Errorf("Preset(%q) = %v", bad, err)
		}
	}
}

func TestPresetHeaders(t *testing.T) {
	m, err := Preset("taobao")
	if err != nil {
		t.Fatal(err)
	}
	names := m.HeaderNames()
	for _, want := range []string{"订单编号", "修改后的收货地址", "收货地址", "联系手机"} {
		if !slices.Contains(names, want) {
			t.Errorf("HeaderNames() = %v, lacks %s", names, want)
		}
	}
	if !m.IsHeader([]string{"订单编号", "收货人姓名", "收货地址 ", "联系手机"}) {
		t.Error("taobao header not recognised")
	}
	if m.IsHeader([]string{"淘宝订单导出", "", ""}) {
		t.Error("title row taken for the header")
	}
}
