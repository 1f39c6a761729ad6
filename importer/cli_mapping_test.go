package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orderimport/providers/sandbox"
)

// TestCLIMappingInitImportsSamples: "mapping init" on each sample prints a
// mapping that imports the sample unchanged, every row ok.
func TestCLIMappingInitImportsSamples(t *testing.T) {
	cases := []struct{ provider, file string }{
		{"damaijia", "damaijia_orders.xlsx"},
		{"damaijia", "damaijia_orders.csv"},
		{"openapi", "storefront_orders.csv"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			sample := filepath.Join("..", "samples", tc.file)
			init := cliExec(t, "tok", "mapping", "init", sample, "--provider", tc.provider)
			if init.code != 0 || strings.Contains(init.stdout, "MISSING") && tc.provider == "damaijia" {
				t.Fatalf("mapping init: exit %d\n%s\n%s", init.code, init.stdout, init.stderr)
			}
			m := filepath.Join(t.TempDir(), "m.yaml")
			if err := os.WriteFile(m, []byte(init.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			check := cliExec(t, "tok", "mapping", "check", sample, "--provider", tc.provider, "--mapping", m, "--rows", "1")
			if check.code != 0 || !strings.Contains(check.stdout, "0 invalid") {
				t.Fatalf("mapping check: exit %d\n%s\n%s", check.code, check.stdout, check.stderr)
			}
			srv, url := cliSandbox(t, sandbox.Options{})
			out := filepath.Join(t.TempDir(), "r"+filepath.Ext(tc.file))
			run := cliExec(t, "tok", "import", sample, "--provider", tc.provider, "--mapping", m,
				"--base-url", url, "--rate", "0", "--out", out, "--ledger", filepath.Join(t.TempDir(), "l.db"))
			if run.code != 0 {
				t.Fatalf("import with the generated mapping: exit %d\n%s\n%s", run.code, run.stdout, run.stderr)
			}
			if srv.Duplicates() != 0 || srv.Stats().Created == 0 {
				t.Fatalf("sandbox: %+v duplicates %d", srv.Stats(), srv.Duplicates())
			}
		})
	}
}

// TestCLIPresetAndCheckExitCodes: --preset with --set imports a Taobao
// export; "mapping check" exits 1 on invalid rows and 2 on usage errors.
func TestCLIPresetAndCheckExitCodes(t *testing.T) {
	taobao := filepath.Join("..", "mapping", "testdata", "presets", "taobao.csv")
	ok := cliExec(t, "tok", "import", taobao, "--provider", "damaijia", "--preset", "taobao",
		"--set", "product_id=614", "--set", "source=taobao", "--dry-run", "--out", filepath.Join(t.TempDir(), "r.csv"))
	if !strings.Contains(ok.stdout, "ready") {
		t.Fatalf("taobao preset dry run: exit %d\n%s\n%s", ok.code, ok.stdout, ok.stderr)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	data := "订单编号,收货人姓名,手机,省份,城市,区县,详细地址,商品ID,数量,来源,备注\n" +
		"300000000000000301,张三,12,浙江省,杭州市,余杭区,测试路1号,614,1,淘宝,x\n"
	if err := os.WriteFile(bad, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"invalid row", []string{"mapping", "check", bad, "--provider", "damaijia"}, 1},
		{"both mapping and preset", []string{"mapping", "check", bad, "--provider", "damaijia", "--preset", "taobao", "--mapping", "x.yaml"}, 2},
		{"preset of another provider", []string{"mapping", "check", bad, "--provider", "openapi", "--preset", "taobao"}, 2},
		{"no subcommand", []string{"mapping"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := cliExec(t, "tok", tc.args...); r.code != tc.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
		})
	}
}
