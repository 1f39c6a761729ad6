package importer_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"orderimport/importer"
	"orderimport/providers/sandbox"
)

// trackSpy stands in front of a sandbox: it records the ids of every
// package-status request and answers the first ones with the faults
// queued in fail.
type trackSpy struct {
	srv  *sandbox.Server
	mu   sync.Mutex
	fail []trackFault
	// asked holds the ids of each status request that reached the sandbox
	// (faults are not answered by it); tried counts every status request.
	asked [][]int64
	tried int
}

// trackFault is an HTTP answer the spy gives instead of the sandbox's.
type trackFault struct {
	status     int
	retryAfter string
}

func (s *trackSpy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != sandbox.DamaijiaTrackPath {
		s.srv.ServeHTTP(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.tried++
	var f trackFault
	if len(s.fail) > 0 {
		f, s.fail = s.fail[0], s.fail[1:]
	}
	if f.status == 0 {
		var req struct {
			IDs []int64 `json:"site_order_consignee_ids"`
		}
		_ = json.Unmarshal(body, &req)
		s.asked = append(s.asked, req.IDs)
	}
	s.mu.Unlock()
	if f.status != 0 {
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.status)
		_, _ = io.WriteString(w, "<html><body>injected</body></html>")
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.srv.ServeHTTP(w, r)
}

// queue makes the next status requests fail with faults.
func (s *trackSpy) queue(faults ...trackFault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = append(s.fail, faults...)
}

// requests returns the ids asked so far and the status requests tried.
func (s *trackSpy) requests() ([][]int64, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.asked), s.tried
}

// trackSandbox serves a sandbox behind a trackSpy.
func trackSandbox(t *testing.T, token string) (*trackSpy, string) {
	t.Helper()
	spy := &trackSpy{srv: sandbox.New(sandbox.Options{Token: token})}
	hs := httptest.NewServer(spy)
	t.Cleanup(hs.Close)
	return spy, hs.URL
}

// trackFixture is a result sheet imported into a sandbox with a ledger.
type trackFixture struct {
	dir, sheet, ledger, url, token string
	spy                            *trackSpy
	// consignee maps a platform order number to the id it was sent with,
	// as the sandbox received it.
	consignee map[string]int64
}

// importForTrack imports n rows into a fresh sandbox and ledger.
func importForTrack(t *testing.T, n int) *trackFixture {
	t.Helper()
	dir := t.TempDir()
	return importFileForTrack(t, dir, writeDamaijiaCSV(t, dir, n), 0)
}

// importFileForTrack imports file (in dir) into a fresh sandbox and ledger;
// the import must exit with code.
func importFileForTrack(t *testing.T, dir, file string, code int) *trackFixture {
	t.Helper()
	f := &trackFixture{dir: dir, token: "tok-track-" + filepath.Base(dir)}
	f.spy, f.url = trackSandbox(t, f.token)
	f.ledger = filepath.Join(f.dir, "l.db")
	run := cliExec(t, f.token, "import", file, "--provider", "damaijia", "--base-url", f.url, "--ledger", f.ledger,
		"--rate", "0")
	if run.code != code {
		t.Fatalf("import: exit %d, want %d\n%s", run.code, code, run.stderr)
	}
	f.sheet = strings.TrimSuffix(file, filepath.Ext(file)) + ".result.csv"
	f.consignee = consigneeIDs(f.spy.srv)
	return f
}

// consigneeIDs maps each platform order number the sandbox created to its
// site_order_consignee_id.
func consigneeIDs(srv *sandbox.Server) map[string]int64 {
	out := map[string]int64{}
	for _, o := range srv.DamaijiaOrders() {
		for _, c := range o.Consignees {
			out[c.PlatformOrderSN] = c.SiteOrderConsigneeID
		}
	}
	return out
}

// track runs "orderimport track" on the fixture's sheet.
func (f *trackFixture) track(t *testing.T, extra ...string) cliRun {
	t.Helper()
	args := append([]string{"track", f.sheet, "--provider", "damaijia", "--base-url", f.url, "--ledger", f.ledger,
		"--rate", "0"}, extra...)
	return cliExec(t, f.token, args...)
}

// packageOf returns the sandbox's package of platform order sn.
func (f *trackFixture) packageOf(t *testing.T, sn string) sandbox.DamaijiaPackage {
	t.Helper()
	for _, p := range f.spy.srv.Packages() {
		if p.SiteOrderConsigneeID == f.consignee[sn] {
			return p
		}
	}
	t.Fatalf("no package for %s", sn)
	return sandbox.DamaijiaPackage{}
}

// wantTracked checks row i of a tracked sheet against the sandbox's
// package of its consignee: the words of its status with the machine
// value, its courier and tracking number, and a tracked_at.
func (f *trackFixture) wantTracked(t *testing.T, i int, row map[string]string) {
	t.Helper()
	p := f.packageOf(t, damaijiaSN(i))
	words := map[string]string{sandbox.PackageAwaitingShipment: "待发货 awaiting shipment (p)",
		sandbox.PackageShipped: "已发货 shipped (s)", sandbox.PackageCancelled: "已取消 cancelled (c)"}[p.Status]
	if row["package_status"] != words || row["express_company"] != p.ExpressCompanyName || row["express_no"] != p.ExpressNo {
		t.Errorf("row %d: %q %q %q, the sandbox says %+v", i+2, row["package_status"], row["express_company"], row["express_no"], p)
	}
	if _, err := time.ParseInLocation(time.DateTime, row["tracked_at"], time.Local); err != nil {
		t.Errorf("row %d: tracked_at %q: %v", i+2, row["tracked_at"], err)
	}
}

// sameSheetCells fails unless every cell of before (a result sheet) is in
// after at the same place: the merchant's cells and the result columns
// are untouched by track.
func sameSheetCells(t *testing.T, before, after [][]string) {
	t.Helper()
	if len(before) != len(after) {
		t.Fatalf("%d rows before, %d after", len(before), len(after))
	}
	for i := range before {
		if len(after[i]) < len(before[i]) || !slices.Equal(before[i], after[i][:len(before[i])]) {
			t.Fatalf("row %d changed:\n%q\n%q", i+1, before[i], after[i])
		}
	}
}

// TestCLITrackPackagesMoveToShipped: a run, then track three times as the
// sandbox's packages move from p to s (one is cancelled): each track
// writes what the sandbox says, after the result columns, leaving every
// other cell as it was; exit 1 until every row has shipped or been
// cancelled, then 0; rows final at an earlier track are not asked again.
func TestCLITrackPackagesMoveToShipped(t *testing.T) {
	const n = 6
	f := importForTrack(t, n)
	before := readSheet(t, f.sheet)

	first := f.track(t)
	if first.code != 1 {
		t.Fatalf("first track: exit %d, want 1 (nothing shipped)\n%s\n%s", first.code, first.stdout, first.stderr)
	}
	after := readSheet(t, f.sheet)
	sameSheetCells(t, before, after)
	if got := after[0][len(before[0]):]; !slices.Equal(got, importer.TrackColumns) {
		t.Fatalf("columns added %q, want %q", got, importer.TrackColumns)
	}
	for i, row := range sheetRows(t, f.sheet) {
		f.wantTracked(t, i, row)
	}

	srv := f.spy.srv
	srv.SetPackageStatus(f.consignee[damaijiaSN(0)], sandbox.PackageShipped)
	srv.SetPackageStatus(f.consignee[damaijiaSN(3)], sandbox.PackageShipped)
	srv.SetPackageStatus(f.consignee[damaijiaSN(1)], sandbox.PackageCancelled)
	second := f.track(t)
	if second.code != 1 {
		t.Fatalf("second track: exit %d, want 1 (three not shipped)\n%s", second.code, second.stderr)
	}
	sameSheetCells(t, before, readSheet(t, f.sheet))
	for i, row := range sheetRows(t, f.sheet) {
		f.wantTracked(t, i, row)
	}

	srv.Ship(0)
	third := f.track(t)
	if third.code != 0 {
		t.Fatalf("third track: exit %d, want 0 (every row shipped or cancelled)\n%s", third.code, third.stdout)
	}
	rows := sheetRows(t, f.sheet)
	for i, row := range rows {
		f.wantTracked(t, i, row)
	}
	asked, _ := f.spy.requests()
	if len(asked) != 3 || len(asked[0]) != n || len(asked[1]) != n || len(asked[2]) != 3 {
		t.Fatalf("ids asked per request %v: want all %d twice (one request each), then only the 3 not final", asked, n)
	}
	for _, id := range asked[2] {
		if id == f.consignee[damaijiaSN(0)] || id == f.consignee[damaijiaSN(1)] || id == f.consignee[damaijiaSN(3)] {
			t.Errorf("a row shipped or cancelled before was asked again: %d", id)
		}
	}
	if !strings.Contains(third.stdout, "shipped            5") || !strings.Contains(third.stdout, "kept 3") {
		t.Errorf("summary:\n%s", third.stdout)
	}

	fourth := f.track(t) // nothing left to ask: no request
	if fourth.code != 0 {
		t.Fatalf("fourth track: exit %d", fourth.code)
	}
	if asked, _ := f.spy.requests(); len(asked) != 3 {
		t.Errorf("%d requests after the fourth track, want still 3", len(asked))
	}
	if !slices.EqualFunc(rows, sheetRows(t, f.sheet), func(a, b map[string]string) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
		t.Error("the fourth track changed the sheet")
	}
}

// TestCLITrackRowsTheLedgerLacks: a sheet whose rows come from two imports
// with two ledgers (a merchant merged them), tracked with the first
// ledger: the first import's rows are tracked, the others say the ledger
// does not know them and are never asked about; exit 1 though every
// known row has shipped.
func TestCLITrackRowsTheLedgerLacks(t *testing.T) {
	f := importForTrack(t, 3)
	other := t.TempDir()
	var b strings.Builder
	b.WriteString("订单编号,收货人姓名,手机,省份,城市,区县,详细地址,商品ID,数量,来源,备注\n")
	for i := 3; i < 5; i++ {
		fmt.Fprintf(&b, "%s,测试%d,138%08d,浙江省,杭州市,余杭区,测试路%d号,614,1,淘宝,批量\n", damaijiaSN(i), i, i, i+1)
	}
	otherFile := filepath.Join(other, "orders.csv")
	if err := os.WriteFile(otherFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	run := cliExec(t, f.token, "import", otherFile, "--provider", "damaijia", "--base-url", f.url,
		"--ledger", filepath.Join(other, "other.db"), "--rate", "0")
	if run.code != 0 {
		t.Fatalf("second import: exit %d\n%s", run.code, run.stderr)
	}
	merged := append(readSheet(t, f.sheet), readSheet(t, filepath.Join(other, "orders.result.csv"))[1:]...)
	writeCSVRows(t, f.sheet, merged)
	f.consignee = consigneeIDs(f.spy.srv)
	f.spy.srv.Ship(0)

	tr := f.track(t)
	if tr.code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", tr.code, tr.stdout, tr.stderr)
	}
	rows := sheetRows(t, f.sheet)
	for i, row := range rows {
		if i < 3 {
			f.wantTracked(t, i, row)
			continue
		}
		if !strings.Contains(row["package_status"], "the ledger does not know this row") || row["express_no"] != "" {
			t.Errorf("row %d (not in the ledger): %v", i+2, row)
		}
	}
	asked, _ := f.spy.requests()
	if len(asked) != 1 || len(asked[0]) != 3 || slices.Contains(asked[0], f.consignee[damaijiaSN(3)]) {
		t.Errorf("asked %v: want only the three rows the ledger knows", asked)
	}
	if !strings.Contains(tr.stdout, "not_in_ledger      2") || !strings.Contains(tr.stdout, "--ledger") {
		t.Errorf("summary:\n%s", tr.stdout)
	}
}

// writeCSVRows writes rows as a UTF-8 CSV file.
func writeCSVRows(t *testing.T, path string, rows [][]string) {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCLITrackHTTPFailures: the status endpoint's HTTP 5xx and 429 go
// through the import's retries and Retry-After pause; retries spent, a
// row keeps what an earlier track learned (or says why nothing is known);
// a wait longer than --max-wait is not waited; a refused token stops the
// run with exit 3. The sheet always holds every row.
func TestCLITrackHTTPFailures(t *testing.T) {
	const n = 4
	cases := []struct {
		name string
		// earlier: a track answered before the faults (rows 0 and 1
		// shipped by then).
		earlier bool
		faults  []trackFault
		args    []string
		env     []string
		token   string
		code    int
		// tried is the number of status requests of the faulty track.
		tried int
		want  func(t *testing.T, f *trackFixture, i int, row map[string]string)
	}{
		{name: "502 then 429, then answered", faults: []trackFault{{502, ""}, {429, "1"}}, code: 1, tried: 3,
			want: func(t *testing.T, f *trackFixture, i int, row map[string]string) { f.wantTracked(t, i, row) }},
		{name: "5xx past the retries, nothing known before", faults: []trackFault{{503, ""}, {502, ""}, {500, ""}},
			args: []string{"--retries", "2"}, code: 1, tried: 3,
			want: func(t *testing.T, f *trackFixture, i int, row map[string]string) {
				if !strings.HasPrefix(row["package_status"], "not tracked: the query failed: 3 attempts failed: http 500") || row["tracked_at"] != "" {
					t.Errorf("row %d: %v", i+2, row)
				}
			}},
		{name: "5xx past the retries keeps what was learned", earlier: true, faults: []trackFault{{502, ""}, {502, ""}, {502, ""}},
			args: []string{"--retries", "2"}, code: 1, tried: 3,
			want: func(t *testing.T, f *trackFixture, i int, row map[string]string) {
				want := "待发货 awaiting shipment (p)"
				if i < 2 {
					want = "已发货 shipped (s)"
				}
				if row["package_status"] != want || row["tracked_at"] == "" {
					t.Errorf("row %d: %v, want %s as learned before", i+2, row, want)
				}
			}},
		{name: "429 longer than --max-wait", faults: []trackFault{{429, "3600"}}, env: []string{"ORDERIMPORT_MAX_WAIT=5s"}, code: 1, tried: 1,
			want: func(t *testing.T, f *trackFixture, i int, row map[string]string) {
				if !strings.Contains(row["package_status"], "longer than --max-wait") {
					t.Errorf("row %d: %v", i+2, row)
				}
			}},
		{name: "refused token stops the run", token: "a-wrong-token-4711", code: 3, tried: 1,
			want: func(t *testing.T, f *trackFixture, i int, row map[string]string) {
				if !strings.Contains(row["package_status"], "the run was stopped") {
					t.Errorf("row %d: %v", i+2, row)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := importForTrack(t, n)
			triedBefore := 0
			if c.earlier {
				f.spy.srv.SetPackageStatus(f.consignee[damaijiaSN(0)], sandbox.PackageShipped)
				f.spy.srv.SetPackageStatus(f.consignee[damaijiaSN(1)], sandbox.PackageShipped)
				if r := f.track(t); r.code != 1 {
					t.Fatalf("earlier track: exit %d\n%s", r.code, r.stderr)
				}
				_, triedBefore = f.spy.requests()
			}
			f.spy.queue(c.faults...)
			args := append([]string{"track", f.sheet, "--provider", "damaijia", "--base-url", f.url, "--ledger", f.ledger,
				"--rate", "0"}, c.args...)
			token := f.token
			if c.token != "" {
				token = c.token
			}
			r := cliExecEnv(t, token, c.env, args...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", r.code, c.code, r.stdout, r.stderr)
			}
			if _, tried := f.spy.requests(); tried-triedBefore != c.tried {
				t.Errorf("%d status requests, want %d", tried-triedBefore, c.tried)
			}
			rows := sheetRows(t, f.sheet)
			if len(rows) != n {
				t.Fatalf("%d rows in the sheet", len(rows))
			}
			for i, row := range rows {
				if row["status"] != "ok" {
					t.Fatalf("row %d lost its result: %v", i+2, row)
				}
				c.want(t, f, i, row)
			}
		})
	}
}

// TestCLITrackBatches: the ids go in batches of 100, each id once.
func TestCLITrackBatches(t *testing.T) {
	const n = 250
	f := importForTrack(t, n)
	if r := f.track(t); r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	asked, _ := f.spy.requests()
	var sizes []int
	seen := map[int64]bool{}
	for _, ids := range asked {
		sizes = append(sizes, len(ids))
		for _, id := range ids {
			if seen[id] {
				t.Errorf("id %d asked twice", id)
			}
			seen[id] = true
		}
	}
	slices.Sort(sizes)
	if !slices.Equal(sizes, []int{50, 100, 100}) || len(seen) != n {
		t.Fatalf("batch sizes %v, %d ids: want 100, 100, 50 and every id", sizes, len(seen))
	}
}

// TestCLIRetryKeepsTracking: import and retry read a tracked sheet (the
// tracking columns are taken off like the result columns, never mapped)
// and write it back tracked: rows whose order they carry keep their
// tracking cells, a row sent anew (a new order) starts without; the next
// track asks only about it.
func TestCLIRetryKeepsTracking(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("订单编号,收货人姓名,手机,省份,城市,区县,详细地址,商品ID,数量,来源,备注\n")
	for i := range 4 {
		mobile := fmt.Sprintf("138%08d", i)
		if i == 1 {
			mobile = "13800abc" // the merchant's typo: row 3 is invalid
		}
		fmt.Fprintf(&b, "%s,测试%d,%s,浙江省,杭州市,余杭区,测试路%d号,614,1,淘宝,批量\n", damaijiaSN(i), i, mobile, i+1)
	}
	file := filepath.Join(dir, "orders.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	f := importFileForTrack(t, dir, file, 1)
	f.spy.srv.Ship(0)
	if r := f.track(t); r.code != 0 {
		t.Fatalf("track: exit %d, want 0 (every created row shipped)\n%s", r.code, r.stdout)
	}
	tracked := sheetRows(t, f.sheet)
	if tracked[1]["status"] != "invalid" || tracked[1]["package_status"] != "" || tracked[0]["package_status"] != "已发货 shipped (s)" {
		t.Fatalf("tracked sheet: %v", tracked)
	}

	sheet := readSheet(t, f.sheet)
	sheet[2][column(t, sheet[0], "手机")] = "13800138001" // fixed
	writeCSVRows(t, f.sheet, sheet)
	r := cliExec(t, f.token, "retry", f.sheet, "--provider", "damaijia", "--base-url", f.url, "--ledger", f.ledger, "--rate", "0")
	if r.code != 0 {
		t.Fatalf("retry: exit %d\n%s", r.code, r.stderr)
	}
	after := readSheet(t, f.sheet)
	if got := after[0][len(after[0])-len(importer.TrackColumns):]; !slices.Equal(got, importer.TrackColumns) {
		t.Fatalf("retry dropped the tracking columns: %q", after[0])
	}
	rows := sheetRows(t, f.sheet)
	for i, row := range rows {
		switch {
		case i == 1:
			if row["status"] != "ok" || row["package_status"] != "" || row["tracked_at"] != "" {
				t.Errorf("the resent row: %v, want ok and not tracked yet", row)
			}
		case fmt.Sprint(row) != fmt.Sprint(tracked[i]):
			t.Errorf("row %d changed:\n%v\n%v", i+2, tracked[i], row)
		}
	}
	f.consignee = consigneeIDs(f.spy.srv)
	before, _ := f.spy.requests()
	if r := f.track(t); r.code != 1 {
		t.Fatalf("track after retry: exit %d, want 1 (the new order waits)\n%s", r.code, r.stdout)
	}
	asked, _ := f.spy.requests()
	if len(asked) != len(before)+1 || !slices.Equal(asked[len(asked)-1], []int64{f.consignee[damaijiaSN(1)]}) {
		t.Errorf("asked %v after retry: want only the resent row's id", asked[len(before):])
	}

	// import (not retry) of the tracked sheet writes a tracked sheet too,
	// carrying the rows whose order exists with their tracking.
	out := filepath.Join(f.dir, "again.csv")
	r = cliExec(t, f.token, "import", f.sheet, "--provider", "damaijia", "--base-url", f.url, "--ledger", f.ledger,
		"--rate", "0", "--out", out)
	if r.code != 0 {
		t.Fatalf("import of a tracked sheet: exit %d\n%s", r.code, r.stderr)
	}
	again := sheetRows(t, out)
	for i, row := range sheetRows(t, f.sheet) {
		if again[i]["package_status"] != row["package_status"] || again[i]["express_no"] != row["express_no"] {
			t.Errorf("row %d: tracking %q %q not carried: %q %q", i+2, row["package_status"], row["express_no"],
				again[i]["package_status"], again[i]["express_no"])
		}
	}
}

// TestCLITrackXLSX: an XLSX result sheet is tracked and stays an XLSX.
func TestCLITrackXLSX(t *testing.T) {
	dir := t.TempDir()
	spy, url := trackSandbox(t, "tok-xlsx")
	input := filepath.Join(dir, "orders.xlsx")
	copyFile(t, filepath.Join("..", "samples", "damaijia_orders.xlsx"), input)
	led := filepath.Join(dir, "l.db")
	if r := cliExec(t, "tok-xlsx", "import", input, "--provider", "damaijia", "--base-url", url, "--ledger", led, "--rate", "0"); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	spy.srv.Ship(0)
	sheet := filepath.Join(dir, "orders.result.xlsx")
	r := cliExec(t, "tok-xlsx", "track", sheet, "--provider", "damaijia", "--base-url", url, "--ledger", led, "--rate", "0")
	if r.code != 0 {
		t.Fatalf("track: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	rows := sheetRows(t, sheet)
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	for i, row := range rows {
		if row["status"] == "ok" && (row["package_status"] != "已发货 shipped (s)" || row["express_company"] != sandbox.SandboxCourier) {
			t.Errorf("row %d: %v", i+2, row)
		}
	}
}

// TestCLITrackRehearsalWithSandboxCommand: the whole flow offline against
// "orderimport sandbox" (its own process, --ship-after 0): import, track
// (awaiting shipment), POST /__ship with the token, track (shipped), and
// the sandbox's counters and stop line count the status requests.
func TestCLITrackRehearsalWithSandboxCommand(t *testing.T) {
	const token = "tok-rehearse-12"
	sb := startSandbox(t, []string{"ORDERIMPORT_SANDBOX_TOKEN=" + token}, "--listen", "127.0.0.1:0", "--ship-after", "0")
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, 3)
	led := filepath.Join(dir, "l.db")
	if r := cliExec(t, token, "import", file, "--provider", "damaijia", "--base-url", sb.url, "--ledger", led, "--rate", "0"); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	sheet := filepath.Join(dir, "orders.result.csv")
	track := func() int {
		r := cliExec(t, token, "track", sheet, "--provider", "damaijia", "--base-url", sb.url, "--ledger", led)
		return r.code
	}
	if code := track(); code != 1 {
		t.Fatalf("track before shipping: exit %d", code)
	}
	if got := sb.post(t, sandbox.ShipPath, "Authorization", "wrong", ""); !strings.Contains(got, `"status":200`) {
		t.Errorf("POST %s with a wrong token: %s", sandbox.ShipPath, got)
	}
	if got := sb.post(t, sandbox.ShipPath, "Authorization", token, ""); !strings.Contains(got, `"shipped":3`) {
		t.Fatalf("POST %s: %s", sandbox.ShipPath, got)
	}
	if code := track(); code != 0 {
		t.Fatalf("track after shipping: exit %d", code)
	}
	for i, row := range sheetRows(t, sheet) {
		if row["package_status"] != "已发货 shipped (s)" || !strings.HasPrefix(row["express_no"], "SB") {
			t.Errorf("row %d: %v", i+2, row)
		}
	}
	if code := sb.stop(t); code != 0 || !strings.Contains(sb.stdout.String(), "2 package status requests, 3 packages shipped") {
		t.Errorf("sandbox stop: exit %d\n%s", code, sb.stdout)
	}
}

// TestCLITrackSheetWithExtraCells: a row wider than the header keeps its
// extra cell under extra_1, after the tracking columns, through track and
// retry; track adds its columns between the result columns and extra_1.
func TestCLITrackSheetWithExtraCells(t *testing.T) {
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, 3)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	lines[2] += ",a note beyond the header"
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := importFileForTrack(t, dir, file, 0)
	f.spy.srv.Ship(0)
	if r := f.track(t); r.code != 0 {
		t.Fatalf("track: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	check := func(when string) {
		t.Helper()
		sheet := readSheet(t, f.sheet)
		h := sheet[0]
		tail := append(append(append([]string{}, importer.ResultColumns...), importer.TrackColumns...), "extra_1")
		if len(h) < len(tail) || !slices.Equal(h[len(h)-len(tail):], tail) {
			t.Fatalf("%s: header %q, want it to end with %q", when, h, tail)
		}
		rows := sheetRows(t, f.sheet)
		if rows[1]["extra_1"] != "a note beyond the header" || rows[0]["extra_1"] != "" {
			t.Errorf("%s: extra cells %q %q", when, rows[0]["extra_1"], rows[1]["extra_1"])
		}
		for i, row := range rows {
			if row["package_status"] != "已发货 shipped (s)" {
				t.Errorf("%s: row %d: %v", when, i+2, row)
			}
		}
	}
	check("after track")
	r := cliExec(t, f.token, "retry", f.sheet, "--provider", "damaijia", "--base-url", f.url, "--ledger", f.ledger, "--rate", "0")
	if r.code != 0 {
		t.Fatalf("retry: exit %d\n%s", r.code, r.stderr)
	}
	check("after retry")
	if r := f.track(t); r.code != 0 {
		t.Fatalf("track again: exit %d\n%s", r.code, r.stderr)
	}
	check("after a second track")
}
