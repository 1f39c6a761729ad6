package ledger

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCanonicalHost(t *testing.T) {
	for _, tc := range []struct {
		name string
		urls []string
		want string
	}{
		{"default ports, scheme and path", []string{"http://shop.example.com", "http://shop.example.com:80", "https://shop.example.com",
			"https://shop.example.com:443/api/", "shop.example.com", "HTTP://Shop.Example.COM./", "http://user:pw@shop.example.com/x?y#z"},
			"shop.example.com"},
		{"loopback", []string{"http://127.0.0.1:8080", "http://localhost:8080/", "http://[::1]:8080", "http://LOCALHOST:8080",
			"http://[::ffff:127.0.0.1]:8080", "http://127.0.0.2:8080"}, "localhost:8080"},
		{"IDNA and full width", []string{"http://bücher.example", "http://BÜCHER.example:443", "http://xn--bcher-kva.example",
			"http://ｂüｃｈｅｒ.example"}, "xn--bcher-kva.example"},
		{"other port kept", []string{"http://shop.example.com:8443"}, "shop.example.com:8443"},
		{"IPv6", []string{"http://[2001:db8::0:1]", "https://[2001:DB8::1]:443"}, "[2001:db8::1]"},
		{"underscore", []string{"http://my_shop.example.com"}, "my_shop.example.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, u := range tc.urls {
				got, err := CanonicalHost(u)
				if err != nil || got != tc.want {
					t.Errorf("CanonicalHost(%q) = %q, %v; want %q", u, got, err, tc.want)
				}
			}
		})
	}
	for _, bad := range []string{"", "http://", "::"} {
		if got, err := CanonicalHost(bad); err == nil {
			t.Errorf("CanonicalHost(%q) = %q, want an error", bad, got)
		}
	}
}

func TestNewAccount(t *testing.T) {
	a, err := NewAccount("Damaijia", "", "http://www.damaijia168.com/")
	if err != nil || a.Namespace() != "damaijia account:www.damaijia168.com" {
		t.Fatalf("%+v %v", a, err)
	}
	b, err := NewAccount("damaijia", " Shop-A ", "http://127.0.0.1:1")
	if err != nil || b.Name != "shop-a" || b.Host != "localhost:1" {
		t.Fatalf("%+v %v", b, err)
	}
	if _, err := NewAccount("damaijia", "my shop", "http://x"); err == nil {
		t.Fatal("a name with a space is accepted")
	}
}

// TestUseAccountSpellings: the account's older namespaces (provider + URL,
// any spelling of its host) are found; the provider's other accounts are
// named; other providers are not mentioned.
func TestUseAccountSpellings(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, filepath.Join(t.TempDir(), "l.db"))
	for _, ns := range []string{"damaijia http://127.0.0.1:9", "damaijia http://localhost:9/", "damaijia http://other.example",
		"damaijia account:shop-b", "openapi http://127.0.0.1:9"} {
		if _, err := l.db.Exec(`INSERT INTO accounts(ns) VALUES (?)`, ns); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := NewAccount("damaijia", "", "http://[::1]:9")
	sp, err := l.UseAccount(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sp.Legacy, []string{"damaijia http://127.0.0.1:9", "damaijia http://localhost:9/"}) ||
		!slices.Equal(sp.Others, []string{"shop-b", "other.example"}) {
		t.Fatalf("%+v", sp)
	}
	// Named explicitly, the account still owns the rows written under its
	// host's URLs; the account named after the host is another account.
	if _, err := l.db.Exec(`INSERT OR IGNORE INTO accounts(ns) VALUES ('damaijia account:localhost:9')`); err != nil {
		t.Fatal(err)
	}
	n, _ := NewAccount("damaijia", "shop-a", "http://127.0.0.1:9")
	if sp, err = l.UseAccount(ctx, n); err != nil || len(sp.Legacy) != 2 || !slices.Contains(sp.Others, "localhost:9") {
		t.Fatalf("%+v %v", sp, err)
	}
}

// TestRefusedUnlessChanged: a refused row is judged Refused while its
// content hash is the one it was refused with, Take once it changed (or
// with ResendRejected, or when the ledger has no hash); in a whole order a
// changed row takes the unchanged refused rows with it.
func TestRefusedUnlessChanged(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, filepath.Join(t.TempDir(), "l.db"))
	rows := rowsOf("a", "b")
	for i := range rows {
		rows[i].Content = ContentHash(rows[i].Record)
	}
	d, err := l.Claim(ctx, "ns", rows, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Record(ctx, d.Claim.ID, []Outcome{{Key: "a", State: Rejected, MsgCode: "2001", ForbiddenZone: "新疆/乌鲁木齐市"},
		{Key: "b", State: Rejected}}); err != nil {
		t.Fatal(err)
	}
	got, _ := l.Lookup(ctx, []string{"a"})
	e := got["a"]
	if e.ForbiddenZone != "新疆/乌鲁木齐市" || e.MsgCode != "2001" {
		t.Fatalf("entry %+v", e)
	}
	for _, tc := range []struct {
		name    string
		content string
		pol     Policy
		want    Verdict
	}{
		{"unchanged", rows[0].Content, Policy{}, Refused},
		{"changed", ContentHash([]string{"other"}), Policy{}, Take},
		{"resend rejected", rows[0].Content, Policy{ResendRejected: true}, Take},
	} {
		if v := Judge(e, "another-run", tc.pol, tc.content); v != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, v, tc.want)
		}
	}
	e.Content = ""
	if v := Judge(e, "another-run", Policy{}, rows[0].Content); v != Take {
		t.Errorf("no hash kept: %v, want Take", v)
	}
	for _, tc := range []struct{ in, want []Verdict }{
		{[]Verdict{Refused, Take}, []Verdict{Take, Take}},
		{[]Verdict{Refused, Refused}, []Verdict{Refused, Refused}},
		{[]Verdict{Done, Refused, Take}, []Verdict{Done, Refused, Held}},
		{[]Verdict{Take, Take}, []Verdict{Take, Take}},
	} {
		v := slices.Clone(tc.in)
		if WholeOrder(v); !slices.Equal(v, tc.want) {
			t.Errorf("WholeOrder(%v) = %v, want %v", tc.in, v, tc.want)
		}
	}
}

// TestClaimWithIDs: rows claimed with ids brought from elsewhere keep them;
// the sequence never hands them out again; a row the ledger knows makes
// the claim fail whole.
func TestClaimWithIDs(t *testing.T) {
	ctx := context.Background()
	l := openTest(t, filepath.Join(t.TempDir(), "l.db"))
	first, err := l.Claim(ctx, "ns", rowsOf("x"), Policy{})
	if err != nil {
		t.Fatal(err)
	}
	high := first.Claim.SiteOrderID + 100 // inside the block the first claim reserved
	d, err := l.ClaimWithIDs(ctx, "ns", rowsOf("p1", "p2"), high, []int64{high + 1, high + 2})
	if err != nil || d.Claim == nil || d.Claim.SiteOrderID != high || !slices.Equal(d.Claim.SiteRowIDs, []int64{high + 1, high + 2}) {
		t.Fatalf("%+v %v", d, err)
	}
	next, err := l.Claim(ctx, "ns", rowsOf("y"), Policy{})
	if err != nil || next.Claim.SiteOrderID <= high+2 {
		t.Fatalf("a later claim got id %d, not above %d (%v)", next.Claim.SiteOrderID, high+2, err)
	}
	again, err := l.ClaimWithIDs(ctx, "ns", rowsOf("p1", "p3"), high+500, []int64{high + 501, high + 502})
	if err != nil || again.Claim != nil || again.Verdicts[0] != Busy {
		t.Fatalf("%+v %v", again, err)
	}
}

// TestPartlyUnknownClaimResent: a claim with an answered row and an
// unknown one keeps every row's record, is resent whole, and the answered
// row keeps its outcome.
func TestPartlyUnknownClaimResent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "l.db")
	a := openTest(t, path)
	d, err := a.Claim(ctx, "ns", rowsOf("ok1", "lost"), Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Record(ctx, d.Claim.ID, []Outcome{{Key: "ok1", State: OK, OrderSN: "SN"}, {Key: "lost", State: Unknown}}); err != nil {
		t.Fatal(err)
	}
	_ = a.EndRun(ctx, 1)
	b := openTest(t, path)
	p, err := b.Recover(ctx, "ns")
	if err != nil || len(p) != 1 || len(p[0].Rows) != 2 || p[0].Rows[0].Open || !p[0].Rows[1].Open {
		t.Fatalf("recovered %+v %v", p, err)
	}
	got, _ := b.Lookup(ctx, []string{"ok1"})
	if got["ok1"].State != OK || got["ok1"].Run.ID != a.RunID() {
		t.Fatalf("the answered row was taken over: %+v", got["ok1"])
	}
	if err := b.RecordOpen(ctx, p[0].ClaimID, []Outcome{{Key: "lost", State: OK}}); err != nil {
		t.Fatal(err)
	}
	var recs int
	if err := b.db.QueryRow(`SELECT count(*) FROM rows WHERE record IS NOT NULL`).Scan(&recs); err != nil || recs != 0 {
		t.Fatalf("%d records kept after the claim closed (%v)", recs, err)
	}
}

// TestLedgerFileRefused: a missing directory, an empty file, a file that is
// not SQLite, a truncated ledger and a journal without its database are
// refused, and the files are left as they were.
func TestLedgerFileRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	l := openTest(t, good)
	for i := range 200 {
		if _, err := l.Claim(ctx, "ns", rowsOf(strings.Repeat("k", 50)+itoa(i)), Policy{}); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	data, err := os.ReadFile(good)
	if err != nil || len(data) < 4*4096 {
		t.Fatalf("%d bytes %v", len(data), err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", []byte{}, "empty"},
		{"not sqlite", []byte(strings.Repeat("x", 5000)), "not an SQLite database"},
		{"cut mid-page", data[:len(data)-100], "not a whole number"},
		{"cut at a page", data[:len(data)-4096], "truncated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "l.db")
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Open(ctx, path)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("%v", err)
			}
			if after, _ := os.ReadFile(path); string(after) != string(tc.data) {
				t.Fatal("the file was changed")
			}
		})
	}
	if _, err := Open(ctx, filepath.Join(dir, "no", "l.db")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("missing directory: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); !os.IsNotExist(err) {
		t.Fatal("the directory was made")
	}
	orphan := filepath.Join(dir, "orphan.db")
	if err := os.WriteFile(orphan+"-wal", []byte("wal"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, orphan); err == nil || !strings.Contains(err.Error(), "-wal") {
		t.Fatalf("journal without its database: %v", err)
	}
	fresh, err := Open(ctx, filepath.Join(dir, "fresh.db"))
	if err != nil || !fresh.Created() {
		t.Fatalf("fresh ledger: created %v, %v", fresh != nil && fresh.Created(), err)
	}
	fresh.Close()
	again, err := Open(ctx, filepath.Join(dir, "fresh.db"))
	if err != nil || again.Created() {
		t.Fatalf("reopened: %v", err)
	}
	again.Close()
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".fresh.db.new-*")); len(leftovers) != 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
}

// TestMigratesAVersion2LedgerAccounts: migrating a ledger of schema 2
// lists the namespaces of its claims as accounts.
func TestMigratesAVersion2LedgerAccounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{migrations[0], migrations[1], `PRAGMA user_version = 2`,
		`INSERT INTO runs(id, pid, host, started, heartbeat) VALUES ('old', 1, 'h', 0, 0)`,
		`INSERT INTO claims(id, ns, run_id, site_order_id, nrows, state, created, updated) VALUES (1, 'damaijia http://127.0.0.1:9', 'old', 1, 1, 'closed', 0, 0)`,
		`INSERT INTO claims(id, ns, run_id, site_order_id, nrows, state, created, updated) VALUES (2, 'damaijia http://127.0.0.1:9', 'old', 3, 1, 'closed', 0, 0)`,
		`INSERT INTO claims(id, ns, run_id, site_order_id, nrows, state, created, updated) VALUES (3, 'damaijia http://127.0.0.1:9', 'old', 5, 1, 'unknown', 0, 0)`,
		`INSERT INTO rows(key, claim_id, pos, run_id, state, site_row_id, line, record, updated) VALUES ('k3', 3, 0, 'old', 'unknown', 6, 2, '["v"]', 0)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	l := openTest(t, path)
	a, _ := NewAccount("damaijia", "", "http://localhost:9")
	sp, err := l.UseAccount(context.Background(), a)
	if err != nil || !slices.Equal(sp.Legacy, []string{"damaijia http://127.0.0.1:9"}) {
		t.Fatalf("%+v %v", sp, err)
	}
	// The open claim of the old namespace is resent by the new account.
	if p, err := l.Recover(context.Background(), a.Namespace(), sp.Legacy...); err != nil || len(p) != 1 || p[0].ClaimID != 3 {
		t.Fatalf("recovered %+v %v, want claim 3", p, err)
	}
}

func itoa(i int) string {
	return string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
}
