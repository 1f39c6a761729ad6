package mapping

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// tableCache holds the lookup tables read during one Compile, by path and
// key column, so that a table used by several fields is read once.
type tableCache map[string]*lookupTable

// lookupTable is a CSV file read into memory: its header and rows.
type lookupTable struct {
	header []string
	rows   [][]string
}

// bindLookups loads the tables of p's lookup transforms.
func (m *Mapping) bindLookups(p *plan, cache tableCache) error {
	for i := range p.transforms {
		t := &p.transforms[i]
		if t.Name != "lookup" {
			continue
		}
		path := t.Table
		if !filepath.IsAbs(path) && m.Dir != "" {
			path = filepath.Join(m.Dir, path)
		}
		tab := cache[path]
		if tab == nil {
			var err error
			if tab, err = readTable(path); err != nil {
				return m.lookupError(p.rule, t, "%v", err)
			}
			cache[path] = tab
		}
		kv, err := tab.index(t.Key, t.Value)
		if err != nil {
			return m.lookupError(p.rule, t, "%s: %v", t.Table, err)
		}
		t.lookup = kv
	}
	return nil
}

func (m *Mapping) lookupError(r Rule, t *Transform, format string, args ...any) error {
	line := t.Line
	if line == 0 {
		line = r.Line
	}
	return &ParseError{File: m.fileOf(r), Line: line, Field: r.Field, Err: fmt.Errorf("lookup: "+format, args...)}
}

// readTable reads a CSV file with a header row (UTF-8, BOM allowed).
func readTable(path string) (*lookupTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty table", path)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	t := &lookupTable{header: header}
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t.rows = append(t.rows, row)
	}
}

// index maps the key column to the value column. A key listed twice with
// different values is an error.
func (t *lookupTable) index(key, value string) (map[string]string, error) {
	folded := make([]string, len(t.header))
	for i, h := range t.header {
		folded[i] = normHeader(h)
	}
	k, v := slices.Index(folded, normHeader(key)), slices.Index(folded, normHeader(value))
	if k < 0 || v < 0 {
		return nil, fmt.Errorf("no column %q or %q (columns: %s)", key, value, quoteList(t.header))
	}
	out := make(map[string]string, len(t.rows))
	for i, row := range t.rows {
		if k >= len(row) || v >= len(row) {
			continue
		}
		kk, vv := trimValue(row[k]), trimValue(row[v])
		if kk == "" {
			continue
		}
		if old, dup := out[kk]; dup && old != vv {
			return nil, fmt.Errorf("line %d: key %q listed twice with different values (%q, %q)", i+2, kk, old, vv)
		}
		out[kk] = vv
	}
	return out, nil
}
