package mapping

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"orderimport/importer/i18n"
)

// Sentinel errors wrapped by FieldError.Err, for errors.Is.
var (
	// ErrRequired: a required field is blank (a Problem: it says itself
	// in the reader's language).
	ErrRequired error = &Problem{ID: i18n.ValRequired}
	// ErrExcelNumber: Excel turned a long number into a float and lost digits.
	//lint:ignore ST1005 Excel is a proper noun
	ErrExcelNumber = errors.New("Excel changed this number")
	// ErrInvalid: the value does not fit the field's kind or bounds.
	ErrInvalid = errors.New("invalid value")
)

// FieldError is a problem with one value of one row, located like
// encoding/csv's ParseError.
type FieldError struct {
	// Line is the row number a person sees in the input.
	Line int
	// Column is the 1-based column of the value, 0 when the value came from
	// a constant of the mapping.
	Column int
	// Header is the header cell of Column, if any.
	Header string
	// Field is the provider field; empty for a problem of the whole row
	// (the rows of an order that are not adjacent).
	Field string
	// Value is the cell text as read (before normalisation).
	Value string
	// Warning marks a problem that does not stop the row from being sent.
	Warning bool
	// Err says what is wrong.
	Err error
}

// Error returns the problem in English, e.g. `row 12, column C (手机):
// mobile: not a mainland mobile number: "1380013800"`; a problem of the
// whole row (no Field, no Column) reads `row 12: ...`. The importer
// prefixes the file and sheet.
func (e *FieldError) Error() string { return e.Text(i18n.En) }

// Text returns the problem in language l: `第 12 行，C 列（手机）：mobile：
// 不是中国大陆手机号："1380013800"`. Field names and values stay as they
// are.
func (e *FieldError) Text(l i18n.Lang) string {
	var msg string
	if e.Err != nil {
		msg = ErrorText(e.Err, l)
	}
	if e.Warning {
		msg = i18n.Sprintf(l, i18n.ValWarning, msg)
	}
	switch {
	case e.Field == "":
		return i18n.Sprintf(l, i18n.ValAtRow, e.Line, msg)
	case e.Column > 0 && e.Header != "":
		return i18n.Sprintf(l, i18n.ValAtCell, e.Line, ColumnName(e.Column), e.Header, e.Field, msg)
	case e.Column > 0:
		return i18n.Sprintf(l, i18n.ValAtColumn, e.Line, ColumnName(e.Column), e.Field, msg)
	}
	return i18n.Sprintf(l, i18n.ValAtConstant, e.Line, e.Field, msg)
}

// Unwrap returns the cause.
func (e *FieldError) Unwrap() error { return e.Err }

// HasErrors reports whether errs holds a problem that is not a warning: such
// a row must not be sent.
func HasErrors(errs []*FieldError) bool {
	for _, e := range errs {
		if !e.Warning {
			return true
		}
	}
	return false
}

// MissingField is a required field that no column, constant or default
// provides.
type MissingField struct {
	// Field is the provider field.
	Field string
	// Accepts lists the header names the mapping accepts for it.
	Accepts []string
	// Hint, if set, says how to give the field a value (Rule.Hint).
	Hint Text
}

// HeaderError says that a file's header lacks columns for required fields.
type HeaderError struct {
	// Mapping is the mapping's name (its file name).
	Mapping string
	// Missing lists the fields without a column, in field order.
	Missing []MissingField
	// Found lists the header cells of the file.
	Found []string
	// Layout names the export the header was recognised as, if any, and
	// Lacks what that export lacks (Layout.Lacks).
	Layout string
	Lacks  Text
}

// Error says in one line what the file lacks, in English: see Text.
func (e *HeaderError) Error() string { return e.Text(i18n.En) }

// Text says in one line what the file lacks, in language l: the
// recognised export's Lacks, else the hints of the missing fields that
// have one (how to choose the damaijia gift), else the missing fields, the
// names each accepts and the headers found. Lacks and the hints are the
// mapping's own words (its YAML), in l when the mapping gives them in
// each language (Text).
func (e *HeaderError) Text(l i18n.Lang) string {
	if !e.Lacks.IsZero() {
		return i18n.Sprintf(l, i18n.HdrLacks, e.Layout, e.Lacks.In(l))
	}
	var hints []string
	var rest []MissingField
	for _, m := range e.Missing {
		switch {
		case m.Hint.IsZero():
			rest = append(rest, m)
		case !slices.Contains(hints, m.Hint.In(l)):
			hints = append(hints, m.Hint.In(l))
		}
	}
	if len(hints) > 0 {
		s := strings.Join(hints, "; ")
		if len(rest) > 0 {
			s = i18n.Sprintf(l, i18n.HdrAnd, s, (&HeaderError{Mapping: e.Mapping, Missing: rest, Found: e.Found}).Text(l))
		}
		return s
	}
	fields := make([]string, len(e.Missing))
	for i, m := range e.Missing {
		fields[i] = m.Field
		if len(m.Accepts) > 0 {
			fields[i] = i18n.Sprintf(l, i18n.HdrAccepts, m.Field, strings.Join(m.Accepts, ", "))
		}
	}
	id := i18n.HdrMissingOne
	if len(e.Missing) > 1 {
		id = i18n.HdrMissingMany
	}
	s := i18n.Sprintf(l, id, strings.Join(fields, i18n.Sprintf(l, i18n.HdrFieldSeparator)))
	s = i18n.Sprintf(l, i18n.HdrFound, s, quoteList(e.Found))
	if e.Mapping != "" {
		s = i18n.Sprintf(l, i18n.HdrMapping, s, e.Mapping)
	}
	return s
}

func quoteList(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// ParseError is a problem in a mapping file.
type ParseError struct {
	// File is the mapping's name.
	File string
	// Line is the 1-based line in the file, 0 when unknown.
	Line int
	// Column is the 1-based column (as a terminal shows it) of a YAML
	// syntax error, 0 when unknown; Source is the text of its line.
	Column int
	Source string
	// Field is the field the problem belongs to, if any.
	Field string
	// Err says what is wrong.
	Err error
}

// Error returns e.g. `mapping.yaml:12: field mobile: unknown transform "digit"`;
// a YAML syntax error is followed by its line and a caret under its column.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteString(":")
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString("field ")
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	if e.Source != "" {
		// The line and a caret under the column, as compilers show them.
		num := strconv.Itoa(e.Line)
		fmt.Fprintf(&b, "\n  %s | %s\n  %s | %s", num, e.Source, strings.Repeat(" ", len(num)), caretLine(e.Source, e.Column))
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }
