package importer_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orderimport/providers/sandbox"
)

// TestHardening11_10_OutIsInput: --out or --summary-json naming the input,
// the ledger, the mapping or each other (spelled differently, through a
// symbolic or a hard link) is refused with exit 2 before anything is read
// or sent, and nothing is written.
func TestHardening11_10_OutIsInput(t *testing.T) {
	type files struct{ dir, csv, xlsx, ledger, mapping string }
	cases := []struct {
		name  string
		cmd   string
		args  func(f files) []string // after the input and the common flags
		input func(f files) string
		want  string
	}{
		{"out is the input", "import", func(f files) []string { return []string{"--out", f.csv} },
			func(f files) string { return f.csv }, "is the input file"},
		{"out is the input spelled differently", "import",
			func(f files) []string { return []string{"--out", filepath.Join(f.dir, "sub", "..", ".", "orders.csv")} },
			func(f files) string { return f.csv }, "is the input file"},
		{"out is the xlsx input", "import", func(f files) []string { return []string{"--out", f.xlsx} },
			func(f files) string { return f.xlsx }, "is the input file"},
		{"out is a symlink to the input", "import", func(f files) []string {
			link := filepath.Join(f.dir, "link.csv")
			if err := os.Symlink(f.csv, link); err != nil {
				t.Fatal(err)
			}
			return []string{"--out", link}
		}, func(f files) string { return f.csv }, "is the input file"},
		{"out is a hard link to the input", "import", func(f files) []string {
			hard := filepath.Join(f.dir, "hard.csv")
			if err := os.Link(f.csv, hard); err != nil {
				t.Fatal(err)
			}
			return []string{"--out", hard}
		}, func(f files) string { return f.csv }, "is the input file"},
		{"summary is the input", "import", func(f files) []string { return []string{"--summary-json", f.csv} },
			func(f files) string { return f.csv }, "is the input file"},
		{"out is the ledger", "import", func(f files) []string { return []string{"--out", f.ledger} },
			func(f files) string { return f.csv }, "is the ledger"},
		{"summary is the ledger's wal", "import", func(f files) []string { return []string{"--summary-json", f.ledger + "-wal"} },
			func(f files) string { return f.csv }, "is the ledger's -wal file"},
		{"out is the mapping", "import", func(f files) []string { return []string{"--mapping", f.mapping, "--out", f.mapping} },
			func(f files) string { return f.csv }, "is the mapping file"},
		{"out is the summary", "import", func(f files) []string {
			return []string{"--out", filepath.Join(f.dir, "r.csv"), "--summary-json", filepath.Join(f.dir, ".", "r.csv")}
		}, func(f files) string { return f.csv }, "are the same file"},
		{"retry's summary is the sheet it rewrites", "retry", func(f files) []string { return []string{"--summary-json", f.csv} },
			func(f files) string { return f.csv }, "is the input file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			f := files{dir: dir, csv: writeDamaijiaCSV(t, dir, 5), ledger: filepath.Join(dir, "l.db"),
				mapping: filepath.Join(dir, "m.yaml"), xlsx: filepath.Join(dir, "orders.xlsx")}
			if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			copyFile(t, filepath.Join("..", "samples", "damaijia_orders.xlsx"), f.xlsx)
			copyFile(t, filepath.Join("..", "samples", "damaijia_mapping.yaml"), f.mapping)
			srv, url := cliSandbox(t, sandbox.Options{Token: "tok-files"})
			common := []string{"--provider", "damaijia", "--base-url", url, "--ledger", f.ledger, "--rate", "0"}
			input := tc.input(f)
			if tc.cmd == "retry" { // a result sheet to retry
				if run := cliExec(t, "tok-files", append([]string{"import", input, "--out", input + ".r.csv"}, common...)...); run.code != 0 {
					t.Fatalf("first run: exit %d\n%s", run.code, run.stderr)
				}
				if err := os.Rename(input+".r.csv", input); err != nil {
					t.Fatal(err)
				}
			}
			args := append(tc.args(f), common...)
			before := snapshot(t, dir)
			requests := srv.Stats().Requests
			run := cliExec(t, "tok-files", append([]string{tc.cmd, input}, args...)...)
			if run.code != 2 {
				t.Fatalf("exit %d, want 2\n%s\n%s", run.code, run.stdout, run.stderr)
			}
			if !strings.Contains(run.stderr, tc.want) {
				t.Errorf("the message does not say %q:\n%s", tc.want, run.stderr)
			}
			if n := srv.Stats().Requests - requests; n != 0 {
				t.Errorf("%d requests sent", n)
			}
			if after := snapshot(t, dir); !equalSnapshots(before, after) {
				t.Errorf("files changed by a refused run:\nbefore %v\nafter  %v", keys(before), keys(after))
			}
		})
	}
}

// TestHardening11_11_DryRunKeepsResultSheet: a --dry-run writes
// NAME.dryrun.csv|xlsx and leaves a real run's result sheet as it was; with
// --out naming a sheet that records created orders it is refused; a retry's
// dry run writes RESULT.dryrun.* and leaves the sheet it reads.
func TestHardening11_11_DryRunKeepsResultSheet(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			dir := t.TempDir()
			input := filepath.Join(dir, "orders"+ext)
			if ext == ".csv" {
				input = writeDamaijiaCSV(t, dir, 5)
			} else {
				copyFile(t, filepath.Join("..", "samples", "damaijia_orders.xlsx"), input)
			}
			base := strings.TrimSuffix(input, ext)
			_, url := cliSandbox(t, sandbox.Options{Token: "tok-dry"})
			common := []string{"--provider", "damaijia", "--base-url", url, "--ledger", filepath.Join(dir, "l.db"), "--rate", "0"}
			if run := cliExec(t, "tok-dry", append([]string{"import", input}, common...)...); run.code != 0 {
				t.Fatalf("real run: exit %d\n%s", run.code, run.stderr)
			}
			result := base + ".result" + ext
			real := fileBytes(t, result)

			run := cliExec(t, "tok-dry", append([]string{"import", input, "--dry-run"}, common...)...)
			if run.code != 0 {
				t.Fatalf("dry run: exit %d\n%s", run.code, run.stderr)
			}
			if !bytes.Equal(fileBytes(t, result), real) {
				t.Fatalf("the dry run replaced the real run's result sheet %s", filepath.Base(result))
			}
			for i, r := range sheetRows(t, base+".dryrun"+ext) {
				if r["status"] != "ready" {
					t.Fatalf("dry-run sheet row %d: %s", i+2, r["status"])
				}
			}

			run = cliExec(t, "tok-dry", append([]string{"import", input, "--dry-run", "--out", result}, common...)...)
			if run.code != 2 || !strings.Contains(run.stderr, "results of a real run") {
				t.Fatalf("dry run with --out over the real result: exit %d\n%s", run.code, run.stderr)
			}
			if !bytes.Equal(fileBytes(t, result), real) {
				t.Fatal("the dry run with --out replaced the real run's result sheet")
			}

			run = cliExec(t, "tok-dry", append([]string{"retry", result, "--dry-run"}, common...)...)
			if run.code != 0 {
				t.Fatalf("retry dry run: exit %d\n%s", run.code, run.stderr)
			}
			if !bytes.Equal(fileBytes(t, result), real) {
				t.Fatal("retry --dry-run rewrote the result sheet it read")
			}
			if _, err := os.Stat(base + ".result.dryrun" + ext); err != nil {
				t.Fatalf("retry --dry-run wrote no RESULT.dryrun%s: %v", ext, err)
			}
		})
	}
}

// TestHardening11_13_SummaryJSONTempSymlink: --summary-json is written
// through a temporary file of its own: a symbolic link planted at the old
// fixed name PATH.tmp is not followed, the file it points to is untouched.
func TestHardening11_13_SummaryJSONTempSymlink(t *testing.T) {
	dir := t.TempDir()
	input := writeDamaijiaCSV(t, dir, 3)
	victim := filepath.Join(dir, "precious.txt")
	if err := os.WriteFile(victim, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := filepath.Join(dir, "sum.json")
	if err := os.Symlink(victim, sum+".tmp"); err != nil {
		t.Fatal(err)
	}
	run := cliExec(t, "tok", "import", input, "--provider", "damaijia", "--dry-run", "--summary-json", sum)
	if run.code != 0 {
		t.Fatalf("exit %d\n%s", run.code, run.stderr)
	}
	if got := string(fileBytes(t, victim)); got != "precious" {
		t.Fatalf("the file behind the planted link was overwritten: %q", got)
	}
	var v map[string]any
	if err := json.Unmarshal(fileBytes(t, sum), &v); err != nil || v["rows"] != float64(3) {
		t.Fatalf("summary: %v %v", err, v)
	}
	if info, err := os.Lstat(sum); err != nil || !info.Mode().IsRegular() {
		t.Fatalf("summary is not a regular file: %v", err)
	}
	if leftovers := tempFilesOf(t, sum); len(leftovers) != 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
}

// copyFile copies src to dst.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// snapshot maps each file under dir (symbolic links as "-> target") to its
// content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if d.Type()&os.ModeSymlink != 0 {
			target, err := os.Readlink(path)
			m[path] = "-> " + target
			return err
		}
		b, err := os.ReadFile(path)
		m[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func equalSnapshots(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, filepath.Base(k))
	}
	return out
}
