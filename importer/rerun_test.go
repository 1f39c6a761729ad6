package importer_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orderimport/importer"
	"orderimport/providers/sandbox"
)

// TestRetryResultSheet: rows refused as forbidden zones are fixed by the
// merchant in the result sheet and sent again with "retry"; the merged sheet
// keeps the ok rows as they were and nothing is created twice.
func TestRetryResultSheet(t *testing.T) {
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, 20)
	data, _ := os.ReadFile(file)
	lines := strings.Split(string(data), "\n")
	for _, i := range []int{3, 7} { // rows 4 and 8 go to a forbidden province
		lines[i] = strings.Replace(lines[i], "浙江省,杭州市,余杭区", "新疆维吾尔自治区,乌鲁木齐市,天山区", 1)
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, url := cliSandbox(t, sandbox.Options{Token: "tok-retry", ForbiddenProvinces: []string{"新疆"}})
	flags := []string{"--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"), "--rate", "0"}
	run := cliExec(t, "tok-retry", append([]string{"import", file}, flags...)...)
	if run.code != 1 {
		t.Fatalf("first run exit %d, want 1\n%s", run.code, run.stderr)
	}
	result := filepath.Join(dir, "orders.result.csv")
	sheet := sheetRows(t, result)
	if sheet[2]["status"] != "rejected" || sheet[6]["status"] != "rejected" || sheet[0]["status"] != "ok" {
		t.Fatalf("statuses %s %s %s", sheet[0]["status"], sheet[2]["status"], sheet[6]["status"])
	}
	firstSN := sheet[0]["order_sn"]
	// The merchant fixes the two rows in the result sheet.
	data, _ = os.ReadFile(result)
	fixed := strings.ReplaceAll(string(data), "新疆维吾尔自治区,乌鲁木齐市,天山区", "浙江省,杭州市,西湖区")
	if err := os.WriteFile(result, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	run = cliExec(t, "tok-retry", append([]string{"retry", result}, flags...)...)
	if run.code != 0 {
		t.Fatalf("retry exit %d\n%s\n%s", run.code, run.stdout, run.stderr)
	}
	merged := sheetRows(t, result)
	if len(merged) != 20 {
		t.Fatalf("merged sheet has %d rows", len(merged))
	}
	for i, r := range merged {
		if r["status"] != "ok" {
			t.Errorf("row %d: %s %s", i+2, r["status"], r["error"])
		}
	}
	if merged[0]["order_sn"] != firstSN || merged[2]["order_sn"] == "" {
		t.Errorf("order_sn: kept %q (was %q), new %q", merged[0]["order_sn"], firstSN, merged[2]["order_sn"])
	}
	if _, ok := merged[0]["status"]; !ok || strings.Count(strings.Join(readSheet(t, result)[0], ","), "status") != 1 {
		t.Errorf("the merged sheet repeats the result columns: %v", readSheet(t, result)[0])
	}
	if created := createdBySN(srv); created[damaijiaSN(0)] != 1 || created[damaijiaSN(2)] != 2 {
		// row 4 was created once refused (2001) and once fixed; row 2 once.
		t.Errorf("created: row 2 %d times, row 4 %d times", created[damaijiaSN(0)], created[damaijiaSN(2)])
	}
	// retry refuses a sheet that is not a result sheet.
	if run := cliExec(t, "tok-retry", append([]string{"retry", file}, flags...)...); run.code != 2 {
		t.Errorf("retry of a plain input: exit %d", run.code)
	}
}

// TestNightlyGrowingFile: the second run over a grown export sends only
// the new rows; the summary JSON says so.
func TestNightlyGrowingFile(t *testing.T) {
	dir := t.TempDir()
	srv, url := cliSandbox(t, sandbox.Options{Token: "tok-night"})
	flags := []string{"--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"), "--rate", "0",
		"--summary-json", filepath.Join(dir, "sum.json")}
	file := writeDamaijiaCSV(t, dir, 100)
	if run := cliExec(t, "tok-night", append([]string{"import", file}, flags...)...); run.code != 0 {
		t.Fatalf("exit %d\n%s", run.code, run.stderr)
	}
	requests := srv.Stats().Requests
	writeDamaijiaCSV(t, dir, 150)
	if run := cliExec(t, "tok-night", append([]string{"import", file}, flags...)...); run.code != 0 {
		t.Fatalf("exit %d\n%s", run.code, run.stderr)
	}
	var sum importer.SummaryJSON
	data, err := os.ReadFile(filepath.Join(dir, "sum.json"))
	if err != nil || json.Unmarshal(data, &sum) != nil {
		t.Fatalf("summary json: %v\n%s", err, data)
	}
	if sum.Counts[importer.StatusOK] != 50 || sum.Counts[importer.StatusSkipped] != 100 || sum.ExitCode != 0 ||
		sum.RunID == "" || sum.Amount != 50 || sum.Rows != 150 {
		t.Fatalf("summary %+v", sum)
	}
	created := createdBySN(srv)
	for i := range 150 {
		if created[damaijiaSN(i)] != 1 {
			t.Errorf("row %d created %d times", i+2, created[damaijiaSN(i)])
		}
	}
	t.Logf("requests: first night %d, second night %d", requests, srv.Stats().Requests-requests)
}

// TestDuplicatesInOneFile: a repeated platform order + product is skipped
// with the row it repeats, unless --allow-duplicates.
func TestDuplicatesInOneFile(t *testing.T) {
	for _, tc := range []struct {
		name      string
		allow     bool
		wantState string
		created   int
	}{
		{"skipped", false, "skipped", 1},
		{"allowed", true, "ok", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writeDamaijiaCSV(t, dir, 5)
			data, _ := os.ReadFile(file)
			lines := strings.Split(strings.TrimSpace(string(data)), "\n")
			lines = append(lines, lines[2]) // row 7 repeats row 3
			if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			srv, url := cliSandbox(t, sandbox.Options{Token: "tok-dup"})
			args := []string{"import", file, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"), "--rate", "0"}
			if tc.allow {
				args = append(args, "--allow-duplicates")
			}
			cliExec(t, "tok-dup", args...)
			sheet := sheetRows(t, filepath.Join(dir, "orders.result.csv"))
			last := sheet[len(sheet)-1]
			if last["status"] != tc.wantState {
				t.Fatalf("row 7: %s %s", last["status"], last["error"])
			}
			if !tc.allow && !strings.Contains(last["error"], "duplicate of row 3") {
				t.Errorf("row 7 error %q", last["error"])
			}
			if n := createdBySN(srv)[damaijiaSN(1)]; n != tc.created {
				t.Errorf("created %d times, want %d", n, tc.created)
			}
		})
	}
}

// TestSandboxLedgerIsThrowaway: --sandbox without --ledger never writes the
// default ledger.
func TestSandboxLedgerIsThrowaway(t *testing.T) {
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, 3)
	state := t.TempDir()
	r := cliExecNoFail("unused", cliBinary(t), state, "import", file, "--provider", "damaijia", "--sandbox", "--rate", "0")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	entries, _ := os.ReadDir(state)
	if len(entries) != 0 {
		t.Fatalf("the sandbox run wrote %v into the state directory", entries)
	}
}

// TestResultSheetOnAnotherMachine: a result sheet fed to import with a
// ledger that never saw it sends nothing that the sheet says exists.
func TestResultSheetOnAnotherMachine(t *testing.T) {
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, 12)
	srv, url := cliSandbox(t, sandbox.Options{Token: "tok-other"})
	flags := []string{"--provider", "damaijia", "--base-url", url, "--rate", "0"}
	if r := cliExec(t, "tok-other", append([]string{"import", file, "--ledger", filepath.Join(dir, "a.db")}, flags...)...); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	requests := srv.Stats().Requests
	result := filepath.Join(dir, "orders.result.csv")
	out := filepath.Join(dir, "again.csv")
	r := cliExec(t, "tok-other", append([]string{"import", result, "--ledger", filepath.Join(dir, "b.db"), "--out", out}, flags...)...)
	if r.code != 0 || srv.Stats().Requests != requests {
		t.Fatalf("exit %d, %d new requests\n%s", r.code, srv.Stats().Requests-requests, r.stderr)
	}
	rows := readSheet(t, out)
	if got := strings.Count(strings.Join(rows[0], ","), ",status,"); got != 1 {
		t.Fatalf("header %v", rows[0])
	}
	for i, row := range sheetRows(t, out) {
		if row["status"] != "ok" || row["order_sn"] == "" {
			t.Errorf("row %d: %s %q", i+2, row["status"], row["order_sn"])
		}
	}
}
