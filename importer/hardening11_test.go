package importer_test

// Regression tests of issue 11 ("Never twice, for real"), items 1 to 8: each
// drives the real binary against the in-test sandbox (through a proxy where
// the provider must answer the way the issue describes) and reads the
// sandbox's counters. go test ./importer -run Hardening runs them all.

import (
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	_ "modernc.org/sqlite"

	"orderimport/importer"
	"orderimport/providers/sandbox"
)

// TestHardening11_01_AccountSpelling: the same account spelled another way
// (localhost for 127.0.0.1, ::1, upper case, a trailing path) is the same
// account: a re-run creates nothing.
func TestHardening11_01_AccountSpelling(t *testing.T) {
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, 6)
	srv, url := cliSandbox(t, sandbox.Options{Token: "tok-acct"})
	port := url[strings.LastIndex(url, ":")+1:]
	base := []string{"import", file, "--provider", "damaijia", "--ledger", filepath.Join(dir, "l.db"), "--rate", "0"}
	if r := cliExec(t, "tok-acct", append(base, "--base-url", url)...); r.code != 0 {
		t.Fatalf("first run: exit %d\n%s", r.code, r.stderr)
	}
	created := srv.Stats().Created
	for _, spelled := range []string{
		"http://localhost:" + port + "/",
		"HTTP://LocalHost:" + port + "/vv/external/",
		"http://[::1]:" + port,
		"http://127.0.0.1:" + port + "//",
	} {
		t.Run(spelled, func(t *testing.T) {
			r := cliExec(t, "tok-acct", append(base, "--base-url", spelled)...)
			if r.code != 0 || srv.Stats().Created != created {
				t.Fatalf("exit %d, %d orders created again\n%s", r.code, srv.Stats().Created-created, r.stderr)
			}
			for i, st := range statusesOf(t, filepath.Join(dir, "orders.result.csv")) {
				if st != "skipped" {
					t.Errorf("row %d: %s", i+2, st)
				}
			}
		})
	}
	everyRowCreatedOnce(t, srv, 6)
}

// TestHardening11_01_AccountFlag: --account (or ORDERIMPORT_ACCOUNT) names
// the account whatever the URL; a ledger that knows the provider under
// another account name says so loudly.
func TestHardening11_01_AccountFlag(t *testing.T) {
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, 4)
	srv, url := cliSandbox(t, sandbox.Options{Token: "tok-flag"})
	port := url[strings.LastIndex(url, ":")+1:]
	base := []string{"import", file, "--provider", "damaijia", "--ledger", filepath.Join(dir, "l.db"), "--rate", "0"}
	r := cliExecEnv(t, "tok-flag", []string{"ORDERIMPORT_ACCOUNT=Shop-A"}, append(base, "--base-url", url)...)
	if r.code != 0 {
		t.Fatalf("first run: exit %d\n%s", r.code, r.stderr)
	}
	created := srv.Stats().Created
	r = cliExecEnv(t, "tok-flag", nil, append(base, "--account", "shop-a", "--base-url", "http://localhost:"+port+"/x")...)
	if r.code != 0 || srv.Stats().Created != created {
		t.Fatalf("same account, other URL: exit %d, %d created again\n%s", r.code, srv.Stats().Created-created, r.stderr)
	}
	// Another shop on the same ledger: the rows are its own, and the run
	// warns that the ledger knows the provider under another account.
	other, otherURL := cliSandbox(t, sandbox.Options{Token: "tok-flag"})
	r = cliExecEnv(t, "tok-flag", nil, append(base, "--base-url", otherURL)...)
	if r.code != 0 || other.Stats().Created == 0 {
		t.Fatalf("other shop: exit %d, created %d\n%s", r.code, other.Stats().Created, r.stderr)
	}
	if !strings.Contains(r.stderr, "another account") || !strings.Contains(r.stderr, "shop-a") {
		t.Errorf("no warning naming the other account shop-a:\n%s", r.stderr)
	}
	everyRowCreatedOnce(t, srv, 4)
}

// legacyKey is a row key as orderimport wrote it before issue 11: the first
// 128 bits of SHA-256 over the length-prefixed namespace and parts, the
// namespace being the provider and the base URL as typed (scheme and host
// lower-cased, trailing slashes dropped).
func legacyKey(provider, baseURL string, parts ...string) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range append([]string{provider + " " + strings.TrimRight(baseURL, "/")}, parts...) {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// writeLegacyLedger writes a ledger of schema version 2 (before issue 11)
// in which the rows of keys were created by a finished run under the
// namespace provider + baseURL.
func writeLegacyLedger(t *testing.T, path, provider, baseURL string, keys []string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{`CREATE TABLE runs (id TEXT PRIMARY KEY, pid INTEGER NOT NULL, host TEXT NOT NULL,
		input TEXT NOT NULL DEFAULT '', started INTEGER NOT NULL, heartbeat INTEGER NOT NULL, finished INTEGER, exit_code INTEGER);
	CREATE TABLE claims (id INTEGER PRIMARY KEY, ns TEXT NOT NULL, run_id TEXT NOT NULL, site_order_id INTEGER NOT NULL,
		nrows INTEGER NOT NULL, state TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL);
	CREATE TABLE rows (key TEXT PRIMARY KEY, claim_id INTEGER NOT NULL REFERENCES claims(id), pos INTEGER NOT NULL,
		run_id TEXT NOT NULL, state TEXT NOT NULL, site_row_id INTEGER NOT NULL, line INTEGER NOT NULL, record TEXT,
		order_id TEXT NOT NULL DEFAULT '', order_sn TEXT NOT NULL DEFAULT '', msg_code TEXT NOT NULL DEFAULT '',
		msg TEXT NOT NULL DEFAULT '', amount INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL);
	CREATE INDEX rows_claim ON rows(claim_id);
	CREATE TABLE seq (name TEXT PRIMARY KEY, next INTEGER NOT NULL);
	CREATE INDEX claims_open ON claims(ns) WHERE state IN ('claimed', 'unknown');
	PRAGMA user_version = 2;`,
		`INSERT INTO runs(id, pid, host, started, heartbeat, finished, exit_code) VALUES ('oldrun', 1, 'old-pc', 0, 0, 1, 0)`,
		`INSERT INTO claims(id, ns, run_id, site_order_id, nrows, state, created, updated) VALUES (1, '` +
			provider + " " + strings.TrimRight(baseURL, "/") + `', 'oldrun', 1000, 1, 'closed', 0, 0)`,
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	for i, k := range keys {
		if _, err := db.Exec(`INSERT INTO rows(key, claim_id, pos, run_id, state, site_row_id, line, order_sn, updated)
			VALUES (?, 1, ?, 'oldrun', 'ok', ?, ?, 'SN-OLD', 0)`, k, i, 1001+i, i+2); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHardening11_01_LegacyLedger: a ledger written before issue 11 (keys
// over the URL as typed and the mapped values) still protects its rows after
// the upgrade, under the URL as it was typed and under another spelling.
func TestHardening11_01_LegacyLedger(t *testing.T) {
	srv, url := cliSandbox(t, sandbox.Options{Token: "tok-legacy"})
	port := url[strings.LastIndex(url, ":")+1:]
	t.Run("damaijia", func(t *testing.T) {
		dir := t.TempDir()
		file := writeDamaijiaCSV(t, dir, 5)
		var keys []string
		for i := range 5 {
			keys = append(keys, legacyKey("damaijia", url, "row", damaijiaSN(i), itoa(614+i%3)))
		}
		led := filepath.Join(dir, "old.db")
		writeLegacyLedger(t, led, "damaijia", url, keys)
		for _, spelled := range []string{url, "http://localhost:" + port + "/"} {
			r := cliExec(t, "tok-legacy", "import", file, "--provider", "damaijia", "--base-url", spelled, "--ledger", led, "--rate", "0")
			if r.code != 0 || srv.Stats().Requests != 0 {
				t.Fatalf("%s: exit %d, %d requests\n%s", spelled, r.code, srv.Stats().Requests, r.stderr)
			}
			for i, row := range sheetRows(t, filepath.Join(dir, "orders.result.csv")) {
				if row["status"] != "skipped" || row["order_sn"] != "SN-OLD" {
					t.Errorf("%s: row %d %s %q", spelled, i+2, row["status"], row["order_sn"])
				}
			}
		}
	})
	t.Run("openapi", func(t *testing.T) {
		dir := t.TempDir()
		file := filepath.Join(dir, "shop.csv")
		data, err := os.ReadFile("../samples/storefront_orders.csv")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		// The built-in mapping dropped the '#': #1001 was "1001", its
		// items were numbered by position.
		keys := []string{legacyKey("openapi", url, "item", "1001", "0"), legacyKey("openapi", url, "item", "1001", "1"),
			legacyKey("openapi", url, "item", "1002", "0"), legacyKey("openapi", url, "item", "1003", "0"),
			legacyKey("openapi", url, "item", "1003", "1"), legacyKey("openapi", url, "item", "1003", "2")}
		led := filepath.Join(dir, "old.db")
		writeLegacyLedger(t, led, "openapi", url, keys)
		r := cliExec(t, "tok-legacy", "import", file, "--provider", "openapi", "--base-url", url, "--ledger", led, "--rate", "0")
		if r.code != 0 || srv.Stats().Requests != 0 {
			t.Fatalf("exit %d, %d requests\n%s", r.code, srv.Stats().Requests, r.stderr)
		}
	})
}

// TestHardening11_02_MappingIdentity: the same rows read through another
// mapping (another transform of the order number) are the same rows.
func TestHardening11_02_MappingIdentity(t *testing.T) {
	t.Run("storefront sample", func(t *testing.T) {
		dir := t.TempDir()
		file := filepath.Join(dir, "storefront_orders.csv")
		data, err := os.ReadFile("../samples/storefront_orders.csv")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		srv, url := cliSandbox(t, sandbox.Options{Token: "tok-map"})
		base := []string{"import", file, "--provider", "openapi", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"), "--rate", "0"}
		if r := cliExec(t, "tok-map", base...); r.code != 0 {
			t.Fatalf("built-in mapping: exit %d\n%s", r.code, r.stderr)
		}
		created := srv.Stats().Created
		r := cliExec(t, "tok-map", append(base, "--mapping", "../samples/storefront_mapping.yaml")...)
		if r.code != 0 || srv.Stats().Created != created {
			t.Fatalf("sample mapping: exit %d, %d orders created again\n%s", r.code, srv.Stats().Created-created, r.stderr)
		}
		if d := srv.Duplicates(); d != 0 {
			t.Fatalf("%d duplicates", d)
		}
	})
	sample, err := os.ReadFile("../samples/damaijia_mapping.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		sn   func(i int) string // the order number as the export writes it
		maps []string           // platform_order_sn rules, one run each
	}{
		{"digits and replace", func(i int) string { s := damaijiaSN(i); return s[:6] + "-" + s[6:12] + "-" + s[12:] },
			[]string{"", "{headers: [订单编号], transforms: [digits]}",
				`{headers: [订单编号], transforms: [{replace: {pattern: "-", with: ""}}]}`}},
		{"case and full width", func(i int) string { return "tb" + damaijiaSN(i) },
			[]string{"", "{headers: [订单编号], transforms: [upper]}",
				`{headers: [订单编号], transforms: [{replace: {pattern: "^tb", with: "ＴＢ"}}]}`}},
	} {
		t.Run("damaijia "+tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writeDamaijiaCSV(t, dir, 6)
			editCSV(t, file, func(lines []string) []string {
				for i := 1; i < len(lines); i++ {
					lines[i] = strings.Replace(lines[i], damaijiaSN(i-1), tc.sn(i-1), 1)
				}
				return lines
			})
			srv, url := cliSandbox(t, sandbox.Options{Token: "tok-map"})
			base := []string{"import", file, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"), "--rate", "0"}
			for k, rule := range tc.maps {
				args := base
				if rule != "" {
					m := filepath.Join(dir, "m"+itoa(k)+".yaml")
					text := strings.Replace(string(sample), "platform_order_sn: [订单编号]", "platform_order_sn: "+rule, 1)
					if err := os.WriteFile(m, []byte(text), 0o644); err != nil {
						t.Fatal(err)
					}
					args = append(args, "--mapping", m)
				}
				r := cliExec(t, "tok-map", args...)
				if r.code != 0 {
					t.Fatalf("mapping %d: exit %d\n%s", k, r.code, r.stderr)
				}
				if got := srv.Stats().CreatedConsignees; got != 6 {
					t.Fatalf("mapping %d (%s): %d consignees created, want 6", k, rule, got)
				}
			}
		})
	}
}

// lostAnswers returns a proxy rule that forwards the first request of each
// order and loses its answer (the order is created), and forwards the
// others.
func lostAnswers(w http.ResponseWriter, _ []byte, _ string, n int, forward func() []byte) {
	body := forward()
	if n == 1 {
		hangUp(w)
		return
	}
	answer(w, body)
}

// TestHardening11_03_CarriedUnknownDamaijia: unknown rows of a result sheet
// imported with a fresh ledger are resent only with the ids the sheet
// carries (answered "already exists": created once), and only when the sheet
// holds every row sent with those ids.
func TestHardening11_03_CarriedUnknownDamaijia(t *testing.T) {
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, 4) // rows 2 and 5 travel together (product 614)
	srv := sandbox.New(sandbox.Options{Token: "tok-carry"})
	url := cliProxy(t, srv, lostAnswers)
	r := cliExec(t, "tok-carry", "import", file, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "a.db"),
		"--rate", "0", "--retries", "0")
	if r.code != 1 {
		t.Fatalf("first run: exit %d\n%s", r.code, r.stderr)
	}
	result := filepath.Join(dir, "orders.result.csv")
	for i, st := range statusesOf(t, result) {
		if st != "unknown" {
			t.Fatalf("row %d: %s, want unknown", i+2, st)
		}
	}
	// Another machine, a sheet without row 5: row 2 was sent with it and
	// stays unknown; rows 3 and 4 are resent with their ids.
	partial := filepath.Join(dir, "partial.result.csv")
	data, _ := os.ReadFile(result)
	if err := os.WriteFile(partial, data, 0o644); err != nil {
		t.Fatal(err)
	}
	editCSV(t, partial, func(lines []string) []string { return lines[:len(lines)-1] })
	r = cliExec(t, "tok-carry", "import", partial, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "b.db"),
		"--rate", "0", "--out", filepath.Join(dir, "partial.out.csv"))
	sheet := sheetRows(t, filepath.Join(dir, "partial.out.csv"))
	if r.code != 1 || sheet[0]["status"] != "unknown" || sheet[1]["status"] != "ok" || sheet[2]["status"] != "ok" {
		t.Fatalf("partial sheet: exit %d, %v\n%s", r.code, statusesOf(t, filepath.Join(dir, "partial.out.csv")), r.stderr)
	}
	everyRowCreatedOnce(t, srv, 4)
	// The whole sheet on a third machine: every row settled, none created
	// again.
	r = cliExec(t, "tok-carry", "import", result, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "c.db"),
		"--rate", "0", "--out", filepath.Join(dir, "whole.csv"))
	if r.code != 0 {
		t.Fatalf("whole sheet: exit %d, %v\n%s", r.code, statusesOf(t, filepath.Join(dir, "whole.csv")), r.stderr)
	}
	everyRowCreatedOnce(t, srv, 4)
}

// TestHardening11_03_CarriedUnknownStorefront: unknown storefront rows of a
// result sheet imported with a fresh ledger are never resent without
// --resend-unknown.
func TestHardening11_03_CarriedUnknownStorefront(t *testing.T) {
	dir := t.TempDir()
	file := writeOpenAPICSV(t, dir, 6, 2)
	srv := sandbox.New(sandbox.Options{Token: "tok-carry"})
	url := cliProxy(t, srv, lostAnswers)
	r := cliExec(t, "tok-carry", "import", file, "--provider", "openapi", "--base-url", url, "--ledger", filepath.Join(dir, "a.db"), "--rate", "0")
	result := filepath.Join(dir, "shop.result.csv")
	if r.code != 1 || srv.Stats().Created != 3 {
		t.Fatalf("first run: exit %d, created %d, %v\n%s", r.code, srv.Stats().Created, statusesOf(t, result), r.stderr)
	}
	r = cliExec(t, "tok-carry", "import", result, "--provider", "openapi", "--base-url", url, "--ledger", filepath.Join(dir, "b.db"),
		"--rate", "0", "--out", filepath.Join(dir, "again.csv"))
	if r.code != 1 || srv.Stats().Created != 3 || srv.Duplicates() != 0 {
		t.Fatalf("fresh ledger: exit %d, created %d (want 3)\n%s", r.code, srv.Stats().Created, r.stderr)
	}
	for i, row := range sheetRows(t, filepath.Join(dir, "again.csv")) {
		if row["status"] != "unknown" || !strings.Contains(row["error"], "--resend-unknown") {
			t.Errorf("row %d: %s %q", i+2, row["status"], row["error"])
		}
	}
	r = cliExec(t, "tok-carry", "import", result, "--provider", "openapi", "--base-url", url, "--ledger", filepath.Join(dir, "c.db"),
		"--rate", "0", "--out", filepath.Join(dir, "resent.csv"), "--resend-unknown")
	if srv.Stats().Created != 6 {
		t.Fatalf("--resend-unknown: created %d, want 6 (3 resent)\n%s", srv.Stats().Created, r.stderr)
	}
}

// TestHardening11_04_RefusedAfterLostAnswer: the first attempt created the
// order and its answer was lost; the retry is refused (226) or stops the run
// (209, the balance the first attempt used up). The rows stay unknown with
// their ids, and the next run settles them with the same ids.
func TestHardening11_04_RefusedAfterLostAnswer(t *testing.T) {
	for _, tc := range []struct {
		name, refusal string
		exit          int
	}{
		{"226 delisted", `{"status":226,"err":"商品已下架","data":[]}`, 1},
		{"209 balance", `{"status":209,"err":"余额不足","data":[]}`, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writeDamaijiaCSV(t, dir, 3)
			srv := sandbox.New(sandbox.Options{Token: "tok-refuse"})
			var mu sync.Mutex
			victim := "" // the first order: its answer is lost, its retry refused
			url := cliProxy(t, srv, func(w http.ResponseWriter, _ []byte, id string, n int, forward func() []byte) {
				mu.Lock()
				if victim == "" {
					victim = id
				}
				hit := id == victim
				mu.Unlock()
				switch {
				case hit && n == 1:
					forward()
					hangUp(w)
				case hit && n == 2:
					answer(w, []byte(tc.refusal))
				default:
					answer(w, forward())
				}
			})
			args := []string{"import", file, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"),
				"--rate", "0", "--retries", "1", "--workers", "1"}
			r := cliExec(t, "tok-refuse", args...)
			result := filepath.Join(dir, "orders.result.csv")
			if r.code != tc.exit {
				t.Fatalf("first run: exit %d, want %d\n%s", r.code, tc.exit, r.stderr)
			}
			sheet := sheetRows(t, result)
			if sheet[0]["status"] != "unknown" {
				t.Fatalf("row 2 after a refusal following a lost answer: %s %q", sheet[0]["status"], sheet[0]["error"])
			}
			r = cliExec(t, "tok-refuse", args...)
			for i, st := range statusesOf(t, result) {
				if st != "ok" && st != "skipped" {
					t.Errorf("re-run: row %d %s", i+2, st)
				}
			}
			everyRowCreatedOnce(t, srv, 3)
		})
	}
}

// TestHardening11_05_ConsigneeMissing: damaijia answers status 0 (the order
// was created) but the answer lacks a row's consignee: missing, renumbered,
// or no data at all. The row is unknown with its ids; the next run settles
// it with the same ids.
func TestHardening11_05_ConsigneeMissing(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(data map[string]any)
	}{
		{"missing", func(d map[string]any) {
			cs := d["consignees"].([]any)
			d["consignees"] = cs[:len(cs)-1]
		}},
		{"renumbered", func(d map[string]any) {
			cs := d["consignees"].([]any)
			c := cs[len(cs)-1].(map[string]any)
			c["site_order_consignee_id"] = "9" + c["site_order_consignee_id"].(string)
		}},
		{"no data", func(d map[string]any) { clear(d) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writeDamaijiaCSV(t, dir, 4) // rows 2 and 5 travel together
			srv := sandbox.New(sandbox.Options{Token: "tok-miss"})
			url := cliProxy(t, srv, func(w http.ResponseWriter, _ []byte, _ string, n int, forward func() []byte) {
				body := forward()
				var env map[string]any
				if n == 1 && json.Unmarshal(body, &env) == nil && env["status"] == float64(0) {
					tc.change(env["data"].(map[string]any))
					body, _ = json.Marshal(env)
				}
				answer(w, body)
			})
			args := []string{"import", file, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"), "--rate", "0"}
			r := cliExec(t, "tok-miss", args...)
			result := filepath.Join(dir, "orders.result.csv")
			sheet := sheetRows(t, result)
			if r.code != 1 || sheet[3]["status"] != "unknown" {
				t.Fatalf("first run: exit %d, row 5 %s %q", r.code, sheet[3]["status"], sheet[3]["error"])
			}
			for i, row := range sheet {
				if row["status"] == "rejected" {
					t.Errorf("row %d rejected: %s", i+2, row["error"])
				}
			}
			r = cliExec(t, "tok-miss", args...)
			if r.code != 0 {
				t.Errorf("re-run: exit %d %v\n%s", r.code, statusesOf(t, result), r.stderr)
			}
			everyRowCreatedOnce(t, srv, 4)
		})
	}
}

// TestHardening11_06_LedgerFile: an explicit --ledger in a directory that
// does not exist is refused (and the directory not made); a new ledger is
// announced; an empty or damaged ledger file is refused, never replaced.
func TestHardening11_06_LedgerFile(t *testing.T) {
	dir := t.TempDir()
	file := writeDamaijiaCSV(t, dir, 2)
	_, url := cliSandbox(t, sandbox.Options{Token: "tok-file"})
	run := func(led string, extra ...string) cliRun {
		return cliExec(t, "tok-file", append([]string{"import", file, "--provider", "damaijia", "--base-url", url,
			"--ledger", led, "--rate", "0"}, extra...)...)
	}
	t.Run("missing directory", func(t *testing.T) {
		led := filepath.Join(dir, "nodir", "ledger.db")
		r := run(led)
		if r.code != 2 || !strings.Contains(r.stderr, filepath.Join(dir, "nodir")) {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "nodir")); !os.IsNotExist(err) {
			t.Fatalf("the directory was made (%v)", err)
		}
	})
	t.Run("default directory is made", func(t *testing.T) {
		state := filepath.Join(t.TempDir(), "state")
		r := cliExecEnv(t, "tok-file", []string{"XDG_STATE_HOME=" + state},
			"import", file, "--provider", "damaijia", "--base-url", url, "--rate", "0", "--out", filepath.Join(dir, "default.csv"))
		if _, err := os.Stat(filepath.Join(state, "orderimport", "ledger.db")); r.code != 0 || err != nil || !strings.Contains(r.stdout, "ledger created") {
			t.Fatalf("exit %d, ledger %v\n%s%s", r.code, err, r.stdout, r.stderr)
		}
	})
	t.Run("created is said", func(t *testing.T) {
		led := filepath.Join(dir, "new.db")
		sum := filepath.Join(dir, "sum.json")
		for k, want := range []bool{true, false} {
			r := run(led, "--summary-json", sum)
			if r.code != 0 || strings.Contains(r.stdout, "ledger created") != want {
				t.Fatalf("run %d: exit %d, stdout:\n%s", k+1, r.code, r.stdout)
			}
			var got map[string]any
			data, _ := os.ReadFile(sum)
			if err := json.Unmarshal(data, &got); err != nil || got["ledger_created"] != want {
				t.Fatalf("run %d: ledger_created %v, want %v (%v)\n%s", k+1, got["ledger_created"], want, err, data)
			}
		}
	})
	damaged := func(t *testing.T) []byte {
		led := filepath.Join(t.TempDir(), "good.db")
		if r := run(led); r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		data, err := os.ReadFile(led)
		if err != nil || len(data) < 8192 {
			t.Fatalf("ledger of %d bytes (%v)", len(data), err)
		}
		return data[:len(data)/2+100]
	}
	for _, tc := range []struct {
		name string
		data func(t *testing.T) []byte
	}{
		{"empty", func(*testing.T) []byte { return nil }},
		{"not a database", func(*testing.T) []byte { return []byte(strings.Repeat("not a ledger\n", 200)) }},
		{"truncated", damaged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			led := filepath.Join(t.TempDir(), "ledger.db")
			data := tc.data(t)
			if err := os.WriteFile(led, data, 0o600); err != nil {
				t.Fatal(err)
			}
			r := run(led)
			if r.code != 2 || !strings.Contains(r.stderr, led) || !strings.Contains(r.stderr, "backup") {
				t.Fatalf("exit %d, want 2 naming %s and what to do\n%s", r.code, led, r.stderr)
			}
			after, _ := os.ReadFile(led)
			if string(after) != string(data) {
				t.Fatalf("the ledger file was changed: %d bytes, was %d", len(after), len(data))
			}
		})
	}
}

// TestHardening11_07_RejectedUnchanged: a row refused earlier (forbidden
// zone 2001, a refused storefront order) is not sent again while it has not
// changed: skipped with the earlier refusal. A changed row is sent, and its
// error says why.
func TestHardening11_07_RejectedUnchanged(t *testing.T) {
	t.Run("damaijia 2001", func(t *testing.T) {
		dir := t.TempDir()
		file := writeDamaijiaCSV(t, dir, 6)
		editCSV(t, file, func(lines []string) []string {
			for _, i := range []int{2, 5} {
				lines[i] = strings.Replace(lines[i], "浙江省,杭州市,余杭区", "新疆维吾尔自治区,乌鲁木齐市,天山区", 1)
			}
			return lines
		})
		srv, url := cliSandbox(t, sandbox.Options{Token: "tok-rej", ForbiddenProvinces: []string{"新疆"}})
		args := []string{"import", file, "--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"), "--rate", "0"}
		if r := cliExec(t, "tok-rej", args...); r.code != 1 {
			t.Fatalf("first run: exit %d\n%s", r.code, r.stderr)
		}
		requests := srv.Stats().Requests
		r := cliExec(t, "tok-rej", args...)
		result := filepath.Join(dir, "orders.result.csv")
		sheet := sheetRows(t, result)
		if r.code != 0 || srv.Stats().Requests != requests {
			t.Fatalf("unchanged re-run: exit %d, %d requests\n%s", r.code, srv.Stats().Requests-requests, r.stderr)
		}
		for _, i := range []int{1, 4} {
			if row := sheet[i]; row["status"] != "skipped" || row["msg_code"] != "2001" || row["forbidden_zone"] == "" ||
				!strings.Contains(row["error"], "refused") {
				t.Errorf("row %d: %s %s %q %q", i+2, row["status"], row["msg_code"], row["forbidden_zone"], row["error"])
			}
		}
		editCSV(t, file, func(lines []string) []string {
			lines[2] = strings.Replace(lines[2], "测试路2号", "测试路2号之一", 1)
			return lines
		})
		cliExec(t, "tok-rej", args...)
		sheet = sheetRows(t, result)
		if srv.Stats().Requests != requests+1 || !strings.Contains(sheet[1]["error"], "changed") || sheet[4]["status"] != "skipped" {
			t.Fatalf("changed row: %d requests, row 3 %s %q, row 6 %s", srv.Stats().Requests-requests,
				sheet[1]["status"], sheet[1]["error"], sheet[4]["status"])
		}
		// --resend-rejected sends both refused rows (one order) although
		// unchanged.
		cliExec(t, "tok-rej", append(args, "--resend-rejected")...)
		sheet = sheetRows(t, result)
		if srv.Stats().Requests != requests+2 || !strings.Contains(sheet[1]["error"], "--resend-rejected") ||
			!strings.Contains(sheet[4]["error"], "--resend-rejected") {
			t.Fatalf("--resend-rejected: %d requests, rows 3 and 6 %q %q", srv.Stats().Requests-requests-1, sheet[1]["error"], sheet[4]["error"])
		}
	})
	t.Run("storefront refused order", func(t *testing.T) {
		dir := t.TempDir()
		file := writeOpenAPICSV(t, dir, 4, 2)
		srv := sandbox.New(sandbox.Options{Token: "tok-rej"})
		var refused atomic.Int32
		url := cliProxy(t, srv, func(w http.ResponseWriter, body []byte, _ string, _ int, forward func() []byte) {
			if strings.Contains(string(body), "buyer0@example.com") {
				refused.Add(1)
				answer(w, []byte(`{"code":422,"message":"variant sold out","data":[]}`))
				return
			}
			answer(w, forward())
		})
		args := []string{"import", file, "--provider", "openapi", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"),
			"--rate", "0", "--workers", "1"}
		if r := cliExec(t, "tok-rej", args...); r.code != 1 || refused.Load() != 1 {
			t.Fatalf("first run: exit %d, refused %d\n%s", r.code, refused.Load(), r.stderr)
		}
		r := cliExec(t, "tok-rej", args...)
		sheet := sheetRows(t, filepath.Join(dir, "shop.result.csv"))
		if r.code != 0 || refused.Load() != 1 || sheet[0]["status"] != "skipped" || sheet[0]["msg_code"] != "422" {
			t.Fatalf("re-run: exit %d, refused %d times, row 2 %s %s %q", r.code, refused.Load(), sheet[0]["status"], sheet[0]["msg_code"], sheet[0]["error"])
		}
	})
}

// TestHardening11_08_ItemAdded: an item added to a storefront order that
// was already created (at its end, in its middle, or as a new row of its
// result sheet) is not lost silently: the row is not ok (exit 1), its error
// says the order exists without it, and nothing is created.
func TestHardening11_08_ItemAdded(t *testing.T) {
	const added = "699,4999,1"
	dir := t.TempDir()
	file := writeOpenAPICSV(t, dir, 6, 3) // orders #0 (rows 2-4) and #1 (rows 5-7)
	srv, url := cliSandbox(t, sandbox.Options{Token: "tok-item"})
	args := []string{"--provider", "openapi", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"), "--rate", "0"}
	if r := cliExec(t, "tok-item", append([]string{"import", file}, args...)...); r.code != 0 {
		t.Fatalf("first run: exit %d\n%s", r.code, r.stderr)
	}
	result := filepath.Join(dir, "shop.result.csv")
	first, _ := os.ReadFile(result)
	created := srv.Stats().Created
	row := func(order int) string { return "#" + itoa(order) + ",,,,,,,,,,,," + added + ",," }
	editCSV(t, file, func(lines []string) []string {
		out := append([]string{}, lines[:4]...)
		out = append(out, row(0), lines[4], row(1)) // the end of #0, the middle of #1
		return append(out, lines[5:]...)
	})
	r := cliExec(t, "tok-item", append([]string{"import", file}, args...)...)
	sheet := sheetRows(t, result)
	if r.code != 1 || srv.Stats().Created != created {
		t.Fatalf("exit %d, %d orders created\n%s", r.code, srv.Stats().Created-created, r.stdout)
	}
	for i, row := range sheet {
		isNew := row["Product ID"] == "699"
		switch {
		case isNew && (row["status"] == "ok" || row["status"] == "skipped" || !strings.Contains(row["error"], "exists")):
			t.Errorf("added item, row %d: %s %q", i+2, row["status"], row["error"])
		case !isNew && row["status"] != "skipped":
			t.Errorf("row %d: %s %q", i+2, row["status"], row["error"])
		}
	}
	// The item added as a row of the first result sheet, fed to retry.
	if err := os.WriteFile(result, first, 0o644); err != nil {
		t.Fatal(err)
	}
	editCSV(t, result, func(lines []string) []string {
		return append(lines[:3], append([]string{row(0) + strings.Repeat(",", len(importer.ResultColumns))}, lines[3:]...)...)
	})
	r = cliExec(t, "tok-item", append([]string{"retry", result}, args...)...)
	sheet = sheetRows(t, result)
	if r.code != 1 || srv.Stats().Created != created || sheet[2]["status"] == "ok" || sheet[2]["status"] == "skipped" {
		t.Fatalf("retry: exit %d, %d orders created, added row %s %q\n%s", r.code, srv.Stats().Created-created,
			sheet[2]["status"], sheet[2]["error"], r.stderr)
	}
}
