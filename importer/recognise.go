package importer

import (
	"fmt"
	"strings"

	"orderimport/importer/i18n"
	"orderimport/importer/sheet"
	"orderimport/mapping"
)

// recognise lets a preset that recognises the input's header replace the
// provider's built-in mapping (Options.Recognise): the preset, with the
// built-in mapping's --set constants, is used for the rest of the run, the
// run says so, and the header row found is kept for every later reading of
// the file. A preset written for another provider is an input error that
// names it. header is the header row, found at line. It returns what it
// chose, "" when it kept the mapping.
func (o *Options) recognise(name string, header []string, line int) (string, error) {
	if !o.Recognise {
		return "", nil
	}
	o.Recognise = false
	o.Read.HeaderRow = line
	rec, ok := mapping.RecognisePreset(header)
	if !ok {
		return "", nil
	}
	if rec.Provider != o.ProviderName {
		file, sheetName, _ := strings.Cut(name, ", sheet ")
		return "", &sheet.Error{File: file, Sheet: sheetName, Line: line, Err: sheet.NewReason(i18n.SheetOtherProvider,
			rec.Layout.Name, rec.Preset, rec.Provider, rec.Provider, rec.Preset)}
	}
	m, err := mapping.Preset(rec.Preset)
	if err != nil {
		return "", err
	}
	m.SetsOf(o.Mapping)
	o.Mapping = m
	return fmt.Sprintf("recognised %s: using preset %s", rec.Layout.Name, rec.Preset), nil
}

// headerFinder returns the IsHeader of a reading: the mapping's, and, when
// a preset may replace the mapping, any preset's layout too.
func headerFinder(o *Options) func([]string) bool {
	if !o.Recognise {
		return o.Mapping.IsHeader
	}
	m := o.Mapping
	return func(cells []string) bool { return m.IsHeader(cells) || mapping.RecognisesAny(cells) }
}
