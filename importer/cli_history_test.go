package importer_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"orderimport/importer"
	"orderimport/providers/sandbox"
)

// historyRig is one sandbox, behind a proxy whose rule each run sets, and
// one ledger that real runs of the binary write.
type historyRig struct {
	t      *testing.T
	dir    string
	srv    *sandbox.Server
	url    string
	ledger string
	token  string

	mu   sync.Mutex
	rule proxyFunc
}

func newHistoryRig(t *testing.T) *historyRig {
	h := &historyRig{t: t, dir: t.TempDir(), token: "tok-history-77", rule: passThrough}
	h.srv = sandbox.New(sandbox.Options{Token: h.token, ForbiddenProvinces: []string{"北京"}})
	h.url = cliProxy(t, h.srv, func(w http.ResponseWriter, body []byte, id string, n int, forward func() []byte) {
		h.mu.Lock()
		rule := h.rule
		h.mu.Unlock()
		rule(w, body, id, n, forward)
	})
	h.ledger = filepath.Join(h.dir, "l.db")
	return h
}

// setRule makes the proxy answer with rule from now on.
func (h *historyRig) setRule(rule proxyFunc) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.rule = rule
}

// file writes a damaijia CSV called name with the rows numbered from..to-1
// (platform order numbers damaijiaSN(i)); the rows in provinces[i] go
// there, the others to 浙江省.
func (h *historyRig) file(name string, from, to int, provinces map[int]string) string {
	var b strings.Builder
	b.WriteString("订单编号,收货人姓名,手机,省份,城市,区县,详细地址,商品ID,数量,来源,备注\n")
	for i := from; i < to; i++ {
		prov, city, district := "浙江省", "杭州市", "余杭区"
		if p := provinces[i]; p != "" {
			prov, city, district = p, "北京市", "朝阳区"
		}
		fmt.Fprintf(&b, "%s,测试%d,138%08d,%s,%s,%s,测试路%d号,614,1,淘宝,批量\n", damaijiaSN(i), i, i, prov, city, district, i+1)
	}
	path := filepath.Join(h.dir, name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		h.t.Fatal(err)
	}
	return path
}

// importArgs are the arguments of an import of file into the rig.
func (h *historyRig) importArgs(file string, extra ...string) []string {
	return append([]string{"import", file, "--provider", "damaijia", "--base-url", h.url, "--ledger", h.ledger,
		"--rate", "0", "--workers", "1", "--batch", "1"}, extra...)
}

// history runs "orderimport history" on the rig's ledger.
func (h *historyRig) history(args ...string) cliRun {
	return cliExec(h.t, h.token, append([]string{"history", "--ledger", h.ledger}, args...)...)
}

// startAndSignal starts an import whose proxy sends sig to the process
// once it has forwarded after order requests carrying rows of file
// (platform order numbers from..to-1), before it answers the last of them.
func (h *historyRig) startAndSignal(file string, from, to, after int, sig syscall.Signal) cliRun {
	t := h.t
	pid := make(chan int, 1)
	var mu sync.Mutex
	seen := 0
	h.setRule(func(w http.ResponseWriter, body []byte, id string, n int, forward func() []byte) {
		reply := forward()
		if rowsFrom(body, from, to) {
			mu.Lock()
			seen++
			hit := seen == after
			mu.Unlock()
			if hit {
				p := <-pid
				_ = syscall.Kill(p, sig)
				if sig == syscall.SIGKILL {
					for syscall.Kill(p, 0) == nil { // until it is gone: no answer is read
						time.Sleep(5 * time.Millisecond)
					}
				}
			}
		}
		answer(w, reply)
	})
	defer h.setRule(passThrough)
	cmd, stdout, stderr := cliCommand(t, t.Context(), h.token, h.importArgs(file)...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid <- cmd.Process.Pid
	_ = cmd.Wait()
	return cliRun{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
}

// rowsFrom reports whether an order_create body carries a consignee whose
// platform order number is damaijiaSN(i) for some i in from..to-1.
func rowsFrom(body []byte, from, to int) bool {
	for i := from; i < to; i++ {
		if bytes.Contains(body, []byte(`"`+damaijiaSN(i)+`"`)) {
			return true
		}
	}
	return false
}

// sentIDs maps each platform order number the sandbox created to the
// site_order_id and site_order_consignee_id it was sent with.
func sentIDs(srv *sandbox.Server) map[string][2]int64 {
	out := map[string][2]int64{}
	for _, o := range srv.DamaijiaOrders() {
		for _, c := range o.Consignees {
			out[c.PlatformOrderSN] = [2]int64{o.SiteOrderID, c.SiteOrderConsigneeID}
		}
	}
	return out
}

// exportCSV exports run id's rows and reads them back with encoding/csv,
// each record by the header's names.
func (h *historyRig) exportCSV(id string) []map[string]string {
	t := h.t
	path := filepath.Join(h.dir, id+".csv")
	if r := h.history(id, "--csv", path); r.code != 0 || !strings.Contains(r.stdout, "written to "+path) {
		t.Fatalf("history %s --csv: exit %d\n%s\n%s", id, r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Errorf("the export of %s has no BOM", id)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("reading the export of %s: %v", id, err)
	}
	want := []string{"platform_order_sn", "line", "row_key", "site_order_id", "site_order_consignee_id", "order_id",
		"order_sn", "status", "msg_code", "msg", "created_at"}
	if fmt.Sprint(recs[0]) != fmt.Sprint(want) {
		t.Fatalf("export header %q, want %q", recs[0], want)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for j, name := range recs[0] {
			m[name] = r[j]
		}
		out = append(out, m)
	}
	return out
}

// snIndex is i of damaijiaSN(i).
func snIndex(t *testing.T, sn string) int {
	t.Helper()
	i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(sn, "31"), "87654321"))
	if err != nil || damaijiaSN(i) != sn {
		t.Fatalf("platform order number %q is not a test row's", sn)
	}
	return i
}

var rowKey = regexp.MustCompile(`^[0-9a-f]{32}$`)

// TestCLIHistoryOfRealRuns: runs of the binary write a ledger (all ok;
// some refused; answers lost, so unknown; killed with SIGKILL; interrupted
// with SIGINT, which also resends the open claims of the lost and the
// killed runs); history lists each run with its input, provider/account,
// counts per status, exit code and interruption, as text and JSON; each
// run's rows, exported as CSV and read back with encoding/csv, are
// compared field by field with the run's result sheet and what the
// sandbox received.
func TestCLIHistoryOfRealRuns(t *testing.T) {
	h := newHistoryRig(t)
	type runCase struct {
		name     string
		from, to int
		code     int
	}
	cases := []runCase{{"ok", 0, 4, 0}, {"rejected", 10, 13, 1}, {"unknown", 20, 22, 1}, {"killed", 30, 40, -1}, {"interrupted", 40, 80, 130}}

	if r := cliExec(t, h.token, h.importArgs(h.file("ok.csv", 0, 4, nil))...); r.code != 0 {
		t.Fatalf("ok run: exit %d\n%s", r.code, r.stderr)
	}
	if r := cliExec(t, h.token, h.importArgs(h.file("rejected.csv", 10, 13, map[int]string{11: "北京"}))...); r.code != 1 {
		t.Fatalf("rejected run: exit %d\n%s", r.code, r.stderr)
	}
	h.setRule(func(w http.ResponseWriter, _ []byte, _ string, _ int, forward func() []byte) {
		forward()
		hangUp(w) // created, and the answer lost
	})
	if r := cliExec(t, h.token, h.importArgs(h.file("unknown.csv", 20, 22, nil), "--retries", "0")...); r.code != 1 {
		t.Fatalf("unknown run: exit %d\n%s", r.code, r.stderr)
	}
	h.setRule(passThrough)
	if r := h.startAndSignal(h.file("killed.csv", 30, 40, nil), 30, 40, 2, syscall.SIGKILL); r.code != -1 {
		t.Fatalf("killed run: exit %d\n%s", r.code, r.stderr)
	}
	if r := h.startAndSignal(h.file("interrupted.csv", 40, 80, nil), 40, 80, 3, syscall.SIGINT); r.code != 130 {
		t.Fatalf("interrupted run: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}

	list := h.history("--json")
	if list.code != 0 {
		t.Fatalf("history --json: exit %d\n%s", list.code, list.stderr)
	}
	var runs []importer.RunSummary
	if err := json.Unmarshal([]byte(list.stdout), &runs); err != nil {
		t.Fatalf("history --json: %v\n%s", err, list.stdout)
	}
	if len(runs) != len(cases) {
		t.Fatalf("%d runs in the history, want %d:\n%s", len(runs), len(cases), list.stdout)
	}
	byName := map[string]importer.RunSummary{}
	for i, c := range cases {
		r := runs[i]
		byName[c.name] = r
		t.Run("run "+c.name, func(t *testing.T) {
			if r.Input != filepath.Join(h.dir, c.name+".csv") || r.Provider != "damaijia" || !strings.HasPrefix(r.Account, "localhost:") {
				t.Errorf("input %q provider %q account %q", r.Input, r.Provider, r.Account)
			}
			switch {
			case c.code < 0:
				// ok: its first order and the two lost answers it resent first.
				if r.State != "died" || !r.Interrupted || r.ExitCode != nil || r.Counts != nil || r.Sent["ok"] != 3 || r.Sent["claimed"] != 1 {
					t.Errorf("killed run: %+v", r)
				}
				return
			case r.State != "finished" || r.ExitCode == nil || *r.ExitCode != c.code || r.Interrupted != (c.code == 130):
				t.Errorf("run %+v, want exit %d", r, c.code)
			}
			want := map[string]int{}
			for _, row := range sheetRows(t, filepath.Join(h.dir, c.name+".result.csv")) {
				want[row["status"]]++
			}
			for _, st := range importer.Statuses {
				if r.Counts[string(st)] != want[string(st)] {
					t.Errorf("counts %v, the result sheet has %v", r.Counts, want)
					break
				}
			}
			if r.Rows != c.to-c.from || r.Output != filepath.Join(h.dir, c.name+".result.csv") {
				t.Errorf("rows %d output %q", r.Rows, r.Output)
			}
		})
	}
	if got := byName["interrupted"].Counts; got["ok"] == 0 || got["not_sent"] == 0 {
		t.Errorf("the interrupted run's counts %v: want some ok and some not_sent", got)
	}
	if got := byName["rejected"].Counts; got["ok"] != 2 || got["rejected"] != 1 {
		t.Errorf("the refused run's counts %v", got)
	}
	if got := byName["unknown"].Counts; got["unknown"] != 2 {
		t.Errorf("the lost answers' run counts %v", got)
	}

	text := h.history()
	if text.code != 0 || strings.Count(text.stdout, "\n") != len(cases)+1 {
		t.Fatalf("history: exit %d\n%s", text.code, text.stdout)
	}
	for _, want := range []string{"interrupted", "died", "ok 4", "ok 2, rejected 1", "unknown 2", byName["ok"].ID} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("history does not show %q:\n%s", want, text.stdout)
		}
	}

	ids := sentIDs(h.srv)
	for _, c := range cases {
		r := byName[c.name]
		t.Run("rows of "+c.name, func(t *testing.T) {
			h.t = t
			recs := h.exportCSV(r.ID)
			var sheet []map[string]string
			if c.code >= 0 {
				sheet = sheetRows(t, filepath.Join(h.dir, c.name+".result.csv"))
			}
			started, _ := time.Parse(time.RFC3339, r.Started)
			seen := map[string]bool{}
			for _, rec := range recs {
				i := snIndex(t, rec["platform_order_sn"])
				seen[rec["platform_order_sn"]] = true
				if !rowKey.MatchString(rec["row_key"]) {
					t.Errorf("row_key %q", rec["row_key"])
				}
				at, err := time.Parse(time.RFC3339, rec["created_at"])
				if err != nil || at.Before(started.Add(-time.Second)) || at.After(time.Now()) {
					t.Errorf("created_at %q (%v), the run started %s", rec["created_at"], err, r.Started)
				}
				own := i >= c.from && i < c.to
				sent, reached := ids[rec["platform_order_sn"]]
				switch {
				case !own: // an open claim of the run before, resent first by this one
					prev := cases[slices.IndexFunc(cases, func(x runCase) bool { return x.name == c.name })-1]
					if i < prev.from || i >= prev.to || rec["status"] != "ok" || rec["msg_code"] != "234" ||
						rec["line"] != strconv.Itoa(i-prev.from+2) {
						t.Errorf("a row of another run: %v", rec)
					}
				default:
					if rec["line"] != strconv.Itoa(i-c.from+2) {
						t.Errorf("line %s of %v", rec["line"], rec)
					}
					if sheet != nil {
						row := sheet[i-c.from]
						for _, col := range []string{"order_id", "order_sn", "status", "msg_code", "msg"} {
							if rec[col] != row[col] {
								t.Errorf("row %d %s: export %q, result sheet %q", i-c.from+2, col, rec[col], row[col])
							}
						}
					}
				}
				switch {
				case reached:
					if rec["site_order_id"] != strconv.FormatInt(sent[0], 10) || rec["site_order_consignee_id"] != strconv.FormatInt(sent[1], 10) {
						t.Errorf("ids %s %s, the sandbox got %v: %v", rec["site_order_id"], rec["site_order_consignee_id"], sent, rec)
					}
				case rec["status"] == "ok" || rec["status"] == "unknown" || rec["status"] == "rejected":
					t.Errorf("the sandbox never got a row the export says is %s: %v", rec["status"], rec)
				}
			}
			switch c.name {
			case "killed":
				// Its first order ok, its second claimed when it died, and
				// the two lost answers of the run before, resent first.
				states := map[string]int{}
				for _, rec := range recs {
					states[rec["status"]]++
				}
				if len(recs) != 4 || states["ok"] != 3 || states["claimed"] != 1 || !seen[damaijiaSN(20)] || !seen[damaijiaSN(21)] {
					t.Errorf("the killed run's rows: %v", recs)
				}
			case "interrupted":
				if !seen[damaijiaSN(31)] {
					t.Errorf("the killed run's open claim (row %s), resent by this run, is not in its rows", damaijiaSN(31))
				}
			default:
				if len(recs) != c.to-c.from {
					t.Errorf("%d rows exported, the run sent %d", len(recs), c.to-c.from)
				}
			}
		})
	}
	h.t = t
	// The lost answers stay unknown in their own run's history although a
	// later run resent them.
	for _, rec := range h.exportCSV(byName["unknown"].ID) {
		if rec["status"] != "unknown" {
			t.Errorf("after the resend, the unknown run's row says %v", rec)
		}
	}
}

// TestCLIHistoryRefusals: history without a ledger, with an unknown run
// id, or with bad flags says so in one line (exit 2) and creates nothing.
func TestCLIHistoryRefusals(t *testing.T) {
	h := newHistoryRig(t)
	if r := cliExec(t, h.token, h.importArgs(h.file("ok.csv", 0, 2, nil))...); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	missing := filepath.Join(h.dir, "none.db")
	export := filepath.Join(h.dir, "x.csv")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no ledger", []string{"history", "--ledger", missing}, "no ledger at " + missing},
		{"no ledger, a run id", []string{"history", "abc", "--ledger", missing, "--csv", export}, "no ledger at " + missing},
		{"unknown run", []string{"history", "abcdef012345", "--ledger", h.ledger}, `no run "abcdef012345" in the ledger`},
		{"unknown run, export", []string{"history", "abcdef012345", "--ledger", h.ledger, "--csv", export}, `no run "abcdef012345"`},
		{"--csv without a run", []string{"history", "--ledger", h.ledger, "--csv", export}, "give its RUN_ID"},
		{"bad --since", []string{"history", "--ledger", h.ledger, "--since", "last week"}, `--since "last week"`},
		{"two run ids", []string{"history", "a", "b", "--ledger", h.ledger}, "at most one RUN_ID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := cliExec(t, h.token, c.args...)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != 2 || len(lines) != 1 || !strings.Contains(lines[0], c.want) || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q: want exit 2 and one line with %q", r.code, r.stdout, r.stderr, c.want)
			}
			for _, p := range []string{missing, export} {
				if _, err := os.Stat(p); err == nil {
					t.Errorf("%s was created", p)
				}
			}
		})
	}
	var runs []importer.RunSummary
	if r := h.history("--json"); r.code != 0 || json.Unmarshal([]byte(r.stdout), &runs) != nil || len(runs) != 1 {
		t.Fatalf("history --json: exit %d %q", r.code, r.stdout)
	}
	out := h.history(runs[0].ID, "--csv", "-")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.stdout, "\ufeff"))).ReadAll()
	if out.code != 0 || err != nil || len(recs) != 3 || recs[1][0] != damaijiaSN(0) || recs[2][7] != "ok" {
		t.Errorf("history RUN --csv -: exit %d %v %q", out.code, err, out.stdout)
	}
	future := h.history("--since", time.Now().Add(time.Hour).Format("2006-01-02 15:04"))
	if future.code != 0 || !strings.HasPrefix(future.stdout, "no runs in the ledger") {
		t.Errorf("history --since the future: exit %d %q", future.code, future.stdout)
	}
	if r := h.history("--since", "1h"); r.code != 0 || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("history --since 1h: exit %d %q", r.code, r.stdout)
	}
}
