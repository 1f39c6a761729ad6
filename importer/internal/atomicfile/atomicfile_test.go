package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestHardening11_14_OnlyDeadTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.csv")
	live := tempPrefix("r.csv") + "1.csv"                      // this process
	dead := hostTempPrefix("r.csv") + "2147483646-1.csv"       // no such process
	notOurs := ".r.csv.tmp-" + "zzzzzzzz-2147483646-1.csv"     // another host
	otherOut := hostTempPrefix("s.csv") + "2147483646-1.csv"   // another output
	noPID := hostTempPrefix("r.csv") + "x-1.csv"               // not a pid
	dirNamed := hostTempPrefix("r.csv") + "2147483646-dir.csv" // a directory
	for _, n := range []string{live, dead, notOurs, otherOut, noPID} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, dirNamed), 0o755); err != nil {
		t.Fatal(err)
	}
	removed := RemoveStale(out)
	if len(removed) != 1 || filepath.Base(removed[0]) != dead {
		t.Fatalf("removed %v, want only %s", removed, dead)
	}
	for _, n := range []string{live, notOurs, otherOut, noPID, dirNamed} {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
}
