package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"orderimport/providers/sandbox"
)

// The binary under test is built once per test binary.
var cliBuild struct {
	once sync.Once
	path string
	err  error
}

// cliBinary builds the orderimport command from the module root into a
// temporary directory and returns its path.
func cliBinary(t *testing.T) string {
	t.Helper()
	cliBuild.once.Do(func() {
		out, err := exec.Command("go", "env", "GOMOD").Output()
		if err != nil {
			cliBuild.err = fmt.Errorf("go env GOMOD: %w", err)
			return
		}
		root := filepath.Dir(strings.TrimSpace(string(out)))
		dir, err := os.MkdirTemp("", "orderimport-cli-test-")
		if err != nil {
			cliBuild.err = err
			return
		}
		cliBuild.path = filepath.Join(dir, "orderimport")
		cmd := exec.Command("go", "build", "-o", cliBuild.path, ".")
		cmd.Dir = root
		if b, err := cmd.CombinedOutput(); err != nil {
			cliBuild.err = fmt.Errorf("go build: %v\n%s", err, b)
		}
	})
	if cliBuild.err != nil {
		t.Fatal(cliBuild.err)
	}
	return cliBuild.path
}

// cliSandbox serves a sandbox for the binary to talk to; the test reads its
// counters.
func cliSandbox(t *testing.T, o sandbox.Options) (*sandbox.Server, string) {
	t.Helper()
	srv := sandbox.New(o)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return srv, hs.URL
}

// cliRun is one finished run of the binary.
type cliRun struct {
	code           int
	stdout, stderr string
}

// cliCommand prepares the binary with args and a test token in its
// environment (never a flag).
func cliCommand(t *testing.T, ctx context.Context, token string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.CommandContext(ctx, cliBinary(t), args...)
	cmd.Env = append(os.Environ(), "ORDERIMPORT_TOKEN="+token, "ORDERIMPORT_LEDGER=", "XDG_STATE_HOME="+t.TempDir(), "ORDERIMPORT_LANG=en")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

// cliExec runs the binary to its end.
func cliExec(t *testing.T, token string, args ...string) cliRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd, stdout, stderr := cliCommand(t, ctx, token, args...)
	err := cmd.Run()
	code := cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatalf("run %v: %v\n%s", args, err, stderr)
	}
	if strings.Contains(stdout.String()+stderr.String(), token) {
		t.Errorf("the token appears in the output of %v", args)
	}
	return cliRun{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// writeDamaijiaCSV writes n damaijia rows; row i has platform order
// 3000000000000xxxxx and one of a few products, so rows group into orders.
func writeDamaijiaCSV(t *testing.T, dir string, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("订单编号,收货人姓名,手机,省份,城市,区县,详细地址,商品ID,数量,来源,备注\n")
	for i := range n {
		fmt.Fprintf(&b, "%s,测试%d,138%08d,浙江省,杭州市,余杭区,测试路%d号,%d,1,淘宝,批量\n",
			damaijiaSN(i), i, i, i+1, 614+i%3)
	}
	path := filepath.Join(dir, "orders.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// damaijiaSN is row i's 18-digit platform order number; it ends in a
// non-zero digit, which the mapping could otherwise take for an Excel-rounded
// number.
func damaijiaSN(i int) string { return fmt.Sprintf("31%08d87654321", i) }

// writeOpenAPICSV writes n storefront rows in orders of per items; order k
// has the email buyerK@example.com.
func writeOpenAPICSV(t *testing.T, dir string, n, per int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("Name,Email,First Name,Last Name,Phone,Address1,Address2,City,Province Code,Country Code,Zip,Shipping Method,Product ID,Variant ID,Lineitem quantity,Tags,Note\n")
	for i := range n {
		k := i / per
		if i%per == 0 {
			fmt.Fprintf(&b, "#%d,buyer%d@example.com,Test,Buyer,13800138000,%d Sample Road,,Qingdao,SD,CN,266000,UPS,%d,%d,1,,\n",
				k, k, k+1, 600+i%per, 4000+i%per)
		} else {
			fmt.Fprintf(&b, "#%d,,,,,,,,,,,,%d,%d,1,,\n", k, 600+i%per, 4000+i%per)
		}
	}
	path := filepath.Join(dir, "shop.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sheetRows reads a result sheet into maps from column name to cell.
func sheetRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	rows := readSheet(t, path)
	out := make([]map[string]string, 0, len(rows)-1)
	for _, r := range rows[1:] {
		m := map[string]string{}
		for j, h := range rows[0] {
			if j < len(r) {
				m[h] = r[j]
			}
		}
		out = append(out, m)
	}
	return out
}

// createdBySN counts the sandbox's created damaijia consignees by platform
// order number.
func createdBySN(srv *sandbox.Server) map[string]int {
	n := map[string]int{}
	for _, o := range srv.DamaijiaOrders() {
		for _, c := range o.Consignees {
			n[c.PlatformOrderSN]++
		}
	}
	return n
}

// lastLines returns the summary part of an output.
func lastLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-8):], " | ")
}

// cliExecNoFail runs binary to its end without touching t (safe from any
// goroutine); stateDir isolates the default ledger location.
func cliExecNoFail(token, binary, stateDir string, args ...string) cliRun {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(os.Environ(), "ORDERIMPORT_TOKEN="+token, "ORDERIMPORT_LEDGER=", "XDG_STATE_HOME="+stateDir, "ORDERIMPORT_LANG=en")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run()
	return cliRun{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
}
