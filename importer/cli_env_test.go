package importer_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCLIEnvironmentDefaults: an operator's environment sets the flags'
// defaults, a flag on the command line wins, and a bad value is an error
// naming the variable (exit 2), never a silent default.
func TestCLIEnvironmentDefaults(t *testing.T) {
	sample := filepath.Join("..", "samples", "damaijia_orders.csv")
	cases := []struct {
		name string
		env  []string
		args []string
		code int
		want string
	}{
		{"provider from the environment", []string{"ORDERIMPORT_PROVIDER=damaijia"}, nil, 0, "ready"},
		{"bad rate", []string{"ORDERIMPORT_PROVIDER=damaijia", "ORDERIMPORT_RATE=fast"}, nil, 2, "ORDERIMPORT_RATE"},
		{"flag wins over a bad variable", []string{"ORDERIMPORT_PROVIDER=damaijia", "ORDERIMPORT_RATE=fast"}, []string{"--rate", "3"}, 0, "ready"},
		{"bad timeout", []string{"ORDERIMPORT_PROVIDER=damaijia", "ORDERIMPORT_TIMEOUT=soon"}, nil, 2, "ORDERIMPORT_TIMEOUT"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			args := append([]string{"import", sample, "--dry-run", "--out", filepath.Join(t.TempDir(), "r.csv")}, tc.args...)
			cmd, stdout, stderr := cliCommand(t, ctx, "tok", args...)
			cmd.Env = append(cmd.Env, tc.env...)
			_ = cmd.Run()
			if code := cmd.ProcessState.ExitCode(); code != tc.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tc.code, stdout, stderr)
			}
			if out := stdout.String() + stderr.String(); !strings.Contains(out, tc.want) {
				t.Fatalf("output lacks %q:\n%s", tc.want, out)
			}
		})
	}
}
