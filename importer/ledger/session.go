package ledger

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
)

// OpenRun opens the ledger at path for one run over input and begins the
// run in it. An empty path means DefaultPath, whose directory is made when
// needed (the directory of a path given is never made: a mistyped path
// must not start an empty ledger); throwaway means a fresh ledger in a
// temporary directory, removed at the end (sandbox rehearsals never touch
// the real ledger). end records the run's exit code and closes the ledger;
// it records the end even after an interrupt.
func OpenRun(ctx context.Context, path string, throwaway bool, input string, log *slog.Logger) (l *Ledger, end func(exitCode int), err error) {
	cleanup := func() {}
	switch {
	case throwaway:
		dir, err := os.MkdirTemp("", "orderimport-sandbox-ledger-")
		if err != nil {
			return nil, nil, fmt.Errorf("sandbox ledger: %w", err)
		}
		path, cleanup = filepath.Join(dir, "ledger.db"), func() { _ = os.RemoveAll(dir) }
	case path == "":
		if path, err = DefaultPath(); err != nil {
			return nil, nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, nil, fmt.Errorf("ledger: %w", err)
		}
	}
	led, err := Open(ctx, path)
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	if throwaway {
		led.created = false // a rehearsal's ledger is always new: not news
	}
	abs, _ := filepath.Abs(input)
	id, err := led.BeginRun(ctx, abs)
	if err != nil {
		led.Close()
		cleanup()
		return nil, nil, err
	}
	if led.Created() {
		log.Warn("ledger created: a new, empty ledger, it knows no earlier run", "path", path, "run", id)
	} else {
		log.Info("ledger", "path", path, "run", id)
	}
	return led, func(code int) {
		if err := led.EndRun(context.WithoutCancel(ctx), code); err != nil {
			log.Error("ledger", "err", err)
		}
		led.Close()
		cleanup()
	}, nil
}
