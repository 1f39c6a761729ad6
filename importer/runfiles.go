package importer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"orderimport/importer/internal/atomicfile"
	"orderimport/importer/sheet"
)

// RunFiles are the files one import or retry run reads and writes. Check
// refuses, before anything is read, a run that would write over a file it
// reads or owns.
type RunFiles struct {
	// Input is the spreadsheet read.
	Input string
	// Output is the result sheet written (see DefaultOutput); OutputFlag
	// names where it came from in messages ("--out", or "" for the default).
	Output, OutputFlag string
	// Summary is the --summary-json file, "" for none.
	Summary string
	// Ledger is the ledger database, "" when the run opens none (a dry run,
	// a sandbox rehearsal's throwaway ledger).
	Ledger string
	// Mapping and TokenFile are read by the run, never written; "" for none.
	Mapping, TokenFile string
	// Retry: the result sheet may replace the input (retry rewrites
	// RESULT_FILE once it has been read).
	Retry bool
	// DryRun: the result sheet must not replace a sheet that records orders
	// created by a real run.
	DryRun bool
}

// FileError is a refusal of the files a run was given: nothing was read,
// nothing was sent (exit 2). Its message names the file.
type FileError struct {
	Path string
	Msg  string
}

func (e *FileError) Error() string { return e.Msg }

// fileErrorf is a *FileError about path.
func fileErrorf(path, format string, a ...any) *FileError {
	return &FileError{Path: path, Msg: fmt.Sprintf(format, a...)}
}

// DefaultOutput is the result sheet of a run over input without --out:
// beside the input, NAME.result.csv|xlsx (ResultPath); a dry run writes
// NAME.dryrun.csv|xlsx instead, so it never replaces a real run's result.
// A retry rewrites the result sheet it reads, and its dry run writes
// RESULT.dryrun.csv|xlsx beside it.
func DefaultOutput(input string, retry, dryRun bool) string {
	switch {
	case retry && dryRun:
		ext := filepath.Ext(input)
		return strings.TrimSuffix(input, ext) + ".dryrun" + ext
	case retry:
		return input
	case dryRun:
		res := ResultPath(input)
		ext := filepath.Ext(res)
		return strings.TrimSuffix(strings.TrimSuffix(res, ext), ".result") + ".dryrun" + ext
	}
	return ResultPath(input)
}

// Check refuses files that collide: the result sheet or the summary written
// over the input, the ledger (or its -wal, -shm, -journal files), the
// mapping, the token file or each other (compared as files: the same path
// spelled differently, symbolic links, hard links); an input that is not a
// regular file; a file to write whose directory does not exist or that is a
// directory or a socket; and, in a dry run, a result sheet that records
// orders a real run created. It reads nothing but the directory entries
// (and, in a dry run, an existing result sheet at Output).
func (f RunFiles) Check() error {
	if err := sheet.CheckRegular(f.Input); err != nil {
		return err
	}
	outFlag := f.OutputFlag
	if outFlag == "" {
		outFlag = "the result sheet"
	}
	written := []namedFile{{outFlag, f.Output}, {"--summary-json", f.Summary}}
	owned := []namedFile{{"the input file", f.Input}, {"the ledger", f.Ledger}, {"the mapping file", f.Mapping}, {"the token file", f.TokenFile}}
	if f.Ledger != "" {
		for _, s := range []string{"-wal", "-shm", "-journal"} {
			owned = append(owned, namedFile{"the ledger's " + s + " file", f.Ledger + s})
		}
	}
	for i, w := range written {
		if w.path == "" {
			continue
		}
		if err := checkWritable(w); err != nil {
			return err
		}
		for _, o := range owned {
			if o.path == "" || (f.Retry && i == 0 && o.what == "the input file") || isCharDevice(w.path) || !sameFile(w.path, o.path) {
				continue
			}
			hint := ""
			if o.what == "the input file" && i == 0 {
				hint = " (retry RESULT_FILE rewrites a result sheet in place)"
			}
			return fileErrorf(w.path, "%s %s is %s %s: writing there would replace it; choose another %s%s",
				w.what, w.path, o.what, o.path, flagOf(w.what), hint)
		}
	}
	if o, s := written[0], written[1]; s.path != "" && !isCharDevice(s.path) && sameFile(o.path, s.path) {
		return fileErrorf(s.path, "%s %s and %s %s are the same file: give each its own", o.what, o.path, s.what, s.path)
	}
	if f.DryRun {
		return checkDryRunOutput(f.Output, outFlag, DefaultOutput(f.Input, f.Retry, true))
	}
	return nil
}

// isCharDevice reports whether path is (or links to) a character device
// such as /dev/null: any number of files may be written there.
func isCharDevice(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode()&fs.ModeCharDevice != 0
}

// namedFile is a path and what it is, for messages.
type namedFile struct{ what, path string }

// flagOf is the flag that chooses a written file.
func flagOf(what string) string {
	if strings.HasPrefix(what, "--") {
		return what
	}
	return "--out"
}

// checkWritable refuses a file to write whose directory does not exist, or
// that is something other than a regular file, a character device or a
// named pipe (see atomicfile.File).
func checkWritable(w namedFile) error {
	path, info, err := atomicfile.Target(w.path)
	if err != nil {
		return fileErrorf(w.path, "%s %s: %v", w.what, w.path, errors.Unwrap(err))
	}
	if info != nil && !info.Mode().IsRegular() && !atomicfile.WritableInPlace(info.Mode()) {
		return fileErrorf(w.path, "%s %s is %s, not a file", w.what, w.path, atomicfile.Kind(info.Mode()))
	}
	dir := filepath.Dir(path)
	switch di, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return fileErrorf(w.path, "%s %s: the directory %s does not exist", w.what, w.path, filepath.Dir(w.path))
	case err != nil:
		return fileErrorf(w.path, "%s %s: %v", w.what, w.path, errors.Unwrap(err))
	case !di.IsDir():
		return fileErrorf(w.path, "%s %s: %s is not a directory", w.what, w.path, filepath.Dir(w.path))
	}
	return nil
}

// sameFile reports whether a and b name one file: the same file when both
// exist (os.SameFile: symbolic and hard links too), else the same path once
// made absolute and its directories' links resolved.
func sameFile(a, b string) bool {
	ai, aerr := os.Stat(a)
	bi, berr := os.Stat(b)
	if aerr == nil && berr == nil {
		return os.SameFile(ai, bi)
	}
	ca, cb := canonicalPath(a), canonicalPath(b)
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.EqualFold(ca, cb) // the usual file systems there ignore case
	}
	return ca == cb
}

// canonicalPath is path made absolute, with the symbolic links of its
// longest existing ancestor resolved (a dangling link at path itself is
// followed one step).
func canonicalPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if target, err := os.Readlink(abs); err == nil {
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(abs), target)
		}
		abs = filepath.Clean(target)
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if resolved, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(resolved, rest)
		}
		if filepath.Dir(dir) == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// checkDryRunOutput refuses a dry run whose result sheet would replace a
// sheet in which a real run recorded orders as created (or maybe created):
// a row ok, unknown, or skipped with an order id.
func checkDryRunOutput(path, what, dflt string) error {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return nil
	}
	created, err := recordsOrders(path)
	if err != nil || !created {
		return nil // not a result sheet this tool can read: an ordinary --out
	}
	return fileErrorf(path, "%s %s holds the results of a real run (rows ok or unknown): "+
		"a --dry-run does not replace it; give another --out (without --out a dry run writes %s)", what, path, dflt)
}

// recordsOrders reports whether the result sheet at path has a row whose
// order exists or may exist: ok, unknown, or skipped with an order id.
func recordsOrders(path string) (bool, error) {
	in, err := sheet.Open(path, sheet.Options{IsHeader: IsResultSheet})
	if err != nil {
		return false, err
	}
	defer in.Close()
	h := in.Header()
	if !IsResultSheet(h) {
		return false, nil
	}
	st := len(h) - len(ResultColumns)
	for {
		row, err := in.Next()
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		c := padCells(row.Cells, len(h))[st:]
		switch Status(strings.TrimSpace(c[0])) {
		case StatusOK, StatusUnknown:
			return true, nil
		case StatusSkipped:
			if strings.TrimSpace(c[1]) != "" || strings.TrimSpace(c[2]) != "" {
				return true, nil
			}
		}
	}
}

// padCells returns cells padded with empty cells to width n (never cut).
func padCells(cells []string, n int) []string {
	if len(cells) >= n {
		return cells
	}
	out := make([]string, n)
	copy(out, cells)
	return out
}
