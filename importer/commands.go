package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"orderimport/importer/internal/atomicfile"
	"orderimport/importer/sheet"
	"orderimport/mapping"
	"orderimport/providers"
)

// CheckResultSheet makes sure path is a result sheet (for retry).
func CheckResultSheet(path string) error {
	in, err := sheet.Open(path, sheet.Options{IsHeader: IsResultSheet})
	if err != nil {
		return err
	}
	defer in.Close()
	if !IsResultSheet(in.Header()) {
		return fmt.Errorf("%s is not a result sheet (its header does not end with %s): use import",
			path, strings.Join(ResultColumns, ","))
	}
	return nil
}

// WriteSummaryJSON writes v as indented JSON to path, like the result
// sheet: through a temporary file of its own (os.CreateTemp) renamed into
// place, or straight into a device or named pipe (see atomicfile.File).
func WriteSummaryJSON(path string, v SummaryJSON) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	f, err := atomicfile.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Discard()
		return err
	}
	return f.Commit()
}

// InitMapping prints to w a mapping file for the header of the file at
// path: each of prov's fields matched to a column, or marked MISSING.
func InitMapping(w io.Writer, path string, ro sheet.Options, provider string, prov providers.Provider) error {
	ro.IsHeader = mapping.HeaderFinder(provider)
	in, err := sheet.Open(path, ro)
	if err != nil {
		return err
	}
	defer in.Close()
	return mapping.Init(w, in.Header(), provider, prov.Fields())
}

// CheckMapping prints to w where each field comes from, the first show rows
// of o.Input as o.Provider would receive them, and every row problem of the
// file; it sends nothing. The status of each row, and the counts, are those
// of a dry run of the whole file with the same options (an order is all or
// nothing, repeated rows and rows of skip_when rules are skipped), so they
// say what the import will do. A preset that recognises the file replaces
// the built-in mapping as in an import (o.Recognise).
func CheckMapping(ctx context.Context, w io.Writer, o Options, show int) (mapping.CheckSummary, error) {
	o.setDefaults()
	in, err := openStripped(o.Input, readOptions(o))
	if err != nil {
		return mapping.CheckSummary{}, err
	}
	note, err := o.recognise(in.Name(), in.Header(), in.HeaderLine())
	in.Close()
	if err != nil {
		return mapping.CheckSummary{}, err
	}
	if note != "" {
		fmt.Fprintln(w, note)
	}
	outcomes, err := dryRunOutcomes(ctx, o)
	if err != nil {
		return mapping.CheckSummary{}, err
	}
	in, mp, err := openMapped(&o)
	if err != nil {
		return mapping.CheckSummary{}, err
	}
	defer in.Close()
	typed := isXLSX(o.Input)
	ev := newNumberEvidence(mp, typed, o.Log, scanEvidence(o))
	if ev != nil {
		mp = mp.WithEvidence(ev)
	}
	var last sheet.Row
	opt := mapping.CheckOptions{Show: show, Lang: o.Lang, Outcome: func(n int) (string, string) {
		if n < len(outcomes) {
			return string(outcomes[n].Status), outcomes[n].Error
		}
		return "", ""
	}}
	if o.Provider.Grouping().Adjacent {
		opt.OrderKey = func(r providers.Record) string { return providers.OrderKey(o.Provider, r) }
	}
	if typed {
		opt.Numbers = func() []int { return last.LongNumbers() }
	}
	next := func() (int, []string, error) {
		var err error
		last, err = in.Next()
		if err == nil && ev != nil {
			ev.note(last)
		}
		return last.Line, last.Cells, err
	}
	return mapping.Check(w, mp, next, opt)
}

// dryRunOutcomes runs a dry run of o into a temporary result sheet and
// returns every row's result, in input order.
func dryRunOutcomes(ctx context.Context, o Options) ([]RowResult, error) {
	dir, err := os.MkdirTemp("", "orderimport-check-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	o.DryRun, o.Ledger, o.Output = true, nil, filepath.Join(dir, "check.result.csv")
	o.Progress = nil
	if _, err := Run(ctx, o); err != nil {
		return nil, err
	}
	res, err := sheet.Open(o.Output, sheet.Options{IsHeader: IsResultSheet})
	if err != nil {
		return nil, err
	}
	defer res.Close()
	at, _ := resultColumnsAt(res.Header())
	var out []RowResult
	for {
		r, err := res.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		c := make([]string, len(ResultColumns))
		if at >= 0 && at < len(r.Cells) {
			copy(c, r.Cells[at:])
		}
		out = append(out, RowResult{Status: Status(c[0]), Error: c[len(c)-1]})
	}
}
