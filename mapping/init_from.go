package mapping

import (
	"io"

	"orderimport/providers"
)

// Entry points for a program that edits a mapping interactively (the web
// page of "orderimport serve"): what a mapping does with a header, even
// when required fields have no source yet, and the mapping written back
// in the format of `mapping init`.

// Uses compiles m against header like Compile, but a required field
// without a column, constant or default is no error: it is returned with
// SourceMissing among the others (the page marks it # MISSING). It returns
// where each field's value comes from, in field order, and the skip_when
// rules as bound to header. Other problems of the mapping (a rule for a
// field the provider lacks, a bad constant) are Compile's errors.
func (m *Mapping) Uses(header []string, fields []providers.Field) ([]ColumnUse, []SkipUse, error) {
	mp, _, err := m.compile(header, fields)
	if err != nil {
		return nil, nil, err
	}
	return mp.Columns(), mp.Skips(), nil
}

// InitFrom writes m as `mapping init` writes a mapping file: the same
// comments, skip_when rules and one rule per field, named by header's own
// cells, with "# MISSING" on the required fields m gives no source. note
// is the file's second comment line (where m came from). Parsing what it
// writes and compiling it against header maps rows as m does.
func InitFrom(w io.Writer, m *Mapping, note string, header []string, provider string, fields []providers.Field) error {
	mp, missing, err := m.compile(header, fields)
	if err != nil {
		return err
	}
	return writeInit(w, &candidate{m: m, mp: mp, missing: len(missing)}, note, header, provider, fields, false)
}
