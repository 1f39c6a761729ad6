package importer

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"orderimport/mapping"
	"orderimport/providers"
)

// CheckResultSheet makes sure path is a result sheet (for retry).
func CheckResultSheet(path string) error {
	in, err := OpenInput(path, ReadOptions{IsHeader: IsResultSheet})
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
// place, or straight into a device or named pipe (see atomicFile).
func WriteSummaryJSON(path string, v SummaryJSON) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	f, err := createAtomic(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.discard()
		return err
	}
	return f.commit()
}

// InitMapping prints to w a mapping file for the header of the file at
// path: each of prov's fields matched to a column, or marked MISSING.
func InitMapping(w io.Writer, path string, ro ReadOptions, provider string, prov providers.Provider) error {
	ro.IsHeader = mapping.HeaderFinder(provider)
	in, err := OpenInput(path, ro)
	if err != nil {
		return err
	}
	defer in.Close()
	return mapping.Init(w, in.Header(), provider, prov.Fields())
}

// CheckMapping prints to w where each field comes from, the first show rows
// as prov would receive them, and every row problem of the file at path.
func CheckMapping(w io.Writer, path string, ro ReadOptions, m *mapping.Mapping, prov providers.Provider, show int) (mapping.CheckSummary, error) {
	ro.IsHeader, ro.ExpectedHeaders = m.IsHeader, m.PrimaryHeaderNames()
	in, err := OpenInput(path, ro)
	if err != nil {
		return mapping.CheckSummary{}, err
	}
	defer in.Close()
	mp, err := m.Compile(in.Header(), prov.Fields())
	if err != nil {
		return mapping.CheckSummary{}, fmt.Errorf("%s: header row %d: %w", in.Name(), in.HeaderLine(), err)
	}
	opt := mapping.CheckOptions{Show: show}
	if prov.Grouping().Adjacent {
		opt.OrderKey = func(r providers.Record) string { return providers.OrderKey(prov, r) }
	}
	next := func() (int, []string, error) {
		r, err := in.Next()
		return r.Line, r.Cells, err
	}
	return mapping.Check(w, mp, next, opt)
}
