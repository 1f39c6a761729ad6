package importer

import (
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"

	"orderimport/importer/sheet"
	"orderimport/mapping"
)

// numberEvidence implements mapping.Evidence for one file: a column whose
// long numbers have been seen keeping more than 15 significant digits
// (mapping.KeepsDigits) was not rounded by Excel, so its values that end
// in zeros are genuine. In an XLSX file only cells stored as numbers count
// (a text cell was never rounded, and says nothing of the numbers beside
// it).
//
// The evidence is the whole file's. A real run reads the whole file before
// sending (precheck) and notes every row then. A dry run notes the rows as
// they are read, ahead of their mapping; a long number that looks rounded in
// a column no row has cleared yet reads the rest of the file once, on
// demand (scan), so that the answer is the whole file's there too.
type numberEvidence struct {
	cols  []int         // the 0-based columns that feed identifier fields
	typed bool          // XLSX: only cells stored as numbers count
	seen  []atomic.Bool // by column: a value keeping its digits was seen

	complete atomic.Bool // every row has been noted
	once     sync.Once   // the on-demand scan
	scan     func(*numberEvidence) error
	log      *slog.Logger
}

// newNumberEvidence returns the evidence for the identifier columns of
// mp, or nil when it has none. scan reads the whole file and notes every
// row.
func newNumberEvidence(mp *mapping.Mapper, typed bool, log *slog.Logger, scan func(*numberEvidence) error) *numberEvidence {
	cols := mp.IdentColumns()
	if len(cols) == 0 {
		return nil
	}
	width := 0
	for _, c := range cols {
		width = max(width, c+1)
	}
	return &numberEvidence{cols: cols, typed: typed, seen: make([]atomic.Bool, width), scan: scan, log: log}
}

// note takes the evidence of one row.
func (e *numberEvidence) note(row sheet.Row) {
	var numbers []int
	if e.typed {
		numbers = row.LongNumbers()
	}
	for _, c := range e.cols {
		if c >= len(row.Cells) || e.seen[c].Load() {
			continue
		}
		if e.typed && !containsCol(numbers, c) {
			continue
		}
		if mapping.KeepsDigits(row.Cells[c]) {
			e.seen[c].Store(true)
		}
	}
}

func containsCol(cols []int, c int) bool {
	for _, x := range cols {
		if x == c {
			return true
		}
	}
	return false
}

// finish says every row has been noted.
func (e *numberEvidence) finish() { e.complete.Store(true) }

// Genuine implements mapping.Evidence.
func (e *numberEvidence) Genuine(col int) bool {
	if col < 0 || col >= len(e.seen) {
		return false
	}
	if e.seen[col].Load() {
		return true
	}
	if !e.complete.Load() {
		e.once.Do(func() {
			if err := e.scan(e); err != nil {
				// Without the whole file's evidence the number stays
				// suspect: flagged, never sent wrongly.
				e.log.Warn("reading the file for the evidence of its long numbers", "err", err)
				return
			}
			e.finish()
		})
	}
	return e.seen[col].Load()
}

// scanEvidence returns the scan of a run's input: it reads the file once
// more and notes every row.
func scanEvidence(o Options) func(*numberEvidence) error {
	return func(e *numberEvidence) error {
		in, err := openStripped(o.Input, readOptions(o))
		if err != nil {
			return err
		}
		defer in.Close()
		for {
			row, err := in.Next()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			e.note(row)
		}
	}
}

// isXLSX reports whether the input is an XLSX file (its cells' types are
// known).
func isXLSX(path string) bool { return sheet.IsXLSX(path) }
