package importer_test

import (
	"context"
	"path/filepath"
	"testing"

	"orderimport/importer"
	"orderimport/importer/ledger"
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
			o, srv := sandboxOptions(t, "damaijia", filepath.Join("..", "samples", "damaijia_orders.xlsx"), sandbox.Options{})
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
			rows := readSheet(t, o.Output)
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
