package importer_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"orderimport/importer"
	"orderimport/importer/ledger"
	"orderimport/mapping"
	"orderimport/providers"
	"orderimport/providers/all"
	"orderimport/providers/sandbox"
)

// TestStoppedBeforeSending: a run stopped (Ctrl-C, the page's Stop) before
// its first request sends nothing and ends as any interrupted run does: the
// result sheet written with every row not_sent, exit 130. With a ledger it
// used to end as a bad input instead ("ledger: registering account …:
// context canceled", exit 2, no result sheet).
func TestStoppedBeforeSending(t *testing.T) {
	tests := []struct {
		name   string
		ledger bool
	}{
		{"with a ledger", true},
		{"without a ledger", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := sandbox.New(sandbox.Options{})
			hs := httptest.NewServer(srv)
			t.Cleanup(hs.Close)
			entry, err := all.Lookup("damaijia")
			if err != nil {
				t.Fatal(err)
			}
			prov, err := entry.New(providers.Config{BaseURL: hs.URL, Token: "test-token-do-not-log"}, 3)
			if err != nil {
				t.Fatal(err)
			}
			m, err := mapping.Default("damaijia")
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "out.xlsx")
			o := importer.Options{Input: filepath.Join("..", "samples", "damaijia_orders.xlsx"), Output: out,
				ProviderName: "damaijia", Provider: prov, Mapping: m, Workers: 2, Timeout: 2 * time.Second}
			if tc.ledger {
				led, err := ledger.Open(context.Background(), filepath.Join(t.TempDir(), "ledger.db"))
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { led.Close() })
				o.Ledger, o.Account = led, "sandbox"
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()

			sum, err := importer.Run(ctx, o)
			if err != nil || sum == nil || !sum.Interrupted {
				t.Fatalf("Run = %+v, %v; want an interrupted run", sum, err)
			}
			if code := importer.RunExitCode(sum, err); code != importer.ExitInterrupted {
				t.Errorf("exit code %d, want %d", code, importer.ExitInterrupted)
			}
			if n := srv.Stats().Requests; n != 0 {
				t.Errorf("%d requests reached the provider", n)
			}
			rows := readSheet(t, out)
			status := column(t, rows[0], "status")
			for i, r := range rows[1:] {
				if r[status] != string(importer.StatusNotSent) {
					t.Errorf("result row %d: status %q, want not_sent", i+2, r[status])
				}
			}
			if len(rows) != 11 {
				t.Errorf("result sheet has %d rows, want the header and 10", len(rows))
			}
		})
	}
}
