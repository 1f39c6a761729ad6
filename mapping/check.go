package mapping

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"orderimport/importer/i18n"
	"orderimport/providers"
)

// RowSource returns the next data row of a file: its line as a person sees
// it and its cells. It returns io.EOF after the last row.
type RowSource func() (line int, cells []string, err error)

// CheckOptions configure Check.
type CheckOptions struct {
	// Show is how many rows are printed in full, field by field; the
	// problems of every row are printed whatever Show is.
	Show int
	// OrderKey, when set, reads the rows as the storefront importer does:
	// consecutive rows with the same key (or a blank key) are one order,
	// blank order-level fields are copied from the order's first row, the
	// required ones are checked there, and a key that comes back after
	// another order is a problem.
	OrderKey func(providers.Record) string
	// Outcome, when set, gives what the import does with the n-th data row
	// (0-based, blank rows not counted): its status (ready, invalid,
	// skipped) and message, as a dry run of the whole file decided it (an
	// order is all or nothing, repeated rows are skipped). Check then
	// prints and counts these instead of judging each row alone.
	Outcome func(n int) (status, msg string)
	// Numbers, when set, says the file records its cells' types (XLSX):
	// it returns the columns of the row next returned last whose cell is
	// a number of 16 or more digits (see Mapper.MapTyped).
	Numbers func() []int
	// Lang is the language of the problems and the closing counts ("":
	// i18n.Default); the field listing stays as the mapping file spells it.
	Lang i18n.Lang
}

// CheckSummary counts the rows Check read.
type CheckSummary struct {
	// Rows is the number of data rows (blank rows are not counted).
	Rows int
	// Invalid rows would not be sent.
	Invalid int
	// Warned rows would be sent with a warning.
	Warned int
	// Skipped rows would not be sent on purpose: a skip_when rule matches
	// them, or (with Outcome) they repeat an earlier row.
	Skipped int
}

// Check implements `orderimport mapping check`: it prints where each field
// comes from, the first opt.Show rows as the provider would receive them
// (field: value), and then every problem of every row. It returns the
// counts, and a read error from next if any.
func Check(w io.Writer, mp *Mapper, next RowSource, opt CheckOptions) (CheckSummary, error) {
	ew := &errWriter{w: w}
	ew.printf("fields:\n")
	for _, u := range mp.Columns() {
		ew.printf("  %s\n", u)
	}
	for _, u := range mp.Skips() {
		ew.printf("  %s\n", u)
	}
	if msg := mp.NotesNotSent(); msg != "" {
		ew.printf("  %s\n", msg)
	}
	var sum CheckSummary
	var problems []string
	ord := orderState{firstLine: map[string]int{}}
	for {
		line, cells, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			ew.flushProblems(problems, sum, opt.Lang)
			return sum, err
		}
		if blankRow(cells) {
			continue
		}
		sum.Rows++
		var rec providers.Record
		var errs []*FieldError
		if opt.Numbers != nil {
			rec, errs = mp.MapTyped(nil, make([]string, len(mp.fields)), line, cells, opt.Numbers())
		} else {
			rec, errs = mp.Map(line, cells)
		}
		if opt.OrderKey != nil {
			errs = ord.apply(mp, opt.OrderKey, line, rec, errs)
		}
		status, msg := judge(mp, cells, errs, opt.Outcome, sum.Rows-1, opt.Lang)
		switch status {
		case "invalid":
			sum.Invalid++
		case "skipped":
			sum.Skipped++
		case "ok, with warnings":
			sum.Warned++
		}
		if msg != "" {
			problems = append(problems, i18n.Sprintf(opt.Lang, i18n.CheckRowStatus, line, status, msg))
		}
		if sum.Rows <= opt.Show {
			if msg != "" {
				status += " (" + msg + ")"
			}
			ew.printf("\nrow %d: %s\n", line, status)
			for i, f := range mp.fields {
				if rec.Values[i] != "" {
					ew.printf("  %s: %s\n", f.Name, rec.Values[i])
				}
			}
		}
		if !strings.HasPrefix(status, "skipped") {
			for _, e := range errs {
				problems = append(problems, e.Text(opt.Lang))
			}
		}
	}
	ew.flushProblems(problems, sum, opt.Lang)
	return sum, ew.err
}

// judge returns a row's status (ok, "ok, with warnings", invalid,
// skipped) and, for a row not sent for a reason its own problems do not
// give (a skip rule, another row of its order, a repeated row), that
// reason (a skip rule's in language l). With outcome the import's verdict
// decides.
func judge(mp *Mapper, cells []string, errs []*FieldError, outcome func(int) (string, string), n int, l i18n.Lang) (string, string) {
	if outcome != nil {
		switch st, msg := outcome(n); st {
		case "skipped":
			return "skipped", msg
		case "invalid":
			if HasErrors(errs) {
				return "invalid", ""
			}
			return "invalid", msg
		case "ready":
		default:
			return st, msg
		}
	} else if s, ok := mp.Skip(cells); ok {
		return "skipped", s.Text(l)
	}
	switch {
	case HasErrors(errs):
		return "invalid", ""
	case len(errs) > 0:
		return "ok, with warnings", ""
	}
	return "ok", ""
}

func (ew *errWriter) flushProblems(problems []string, sum CheckSummary, l i18n.Lang) {
	if len(problems) > 0 {
		ew.printf("\n%s\n", i18n.Sprintf(l, i18n.CheckProblems))
		for _, p := range problems {
			ew.printf("  %s\n", p)
		}
	}
	ew.printf("\n%s\n", i18n.Sprintf(l, i18n.CheckCounts, sum.Rows, sum.Rows-sum.Invalid-sum.Skipped, sum.Invalid, sum.Skipped, sum.Warned))
}

// orderState follows the orders of an adjacent-grouped file.
type orderState struct {
	key       string
	first     []string
	firstLine map[string]int // the first line of every order seen
}

// apply inherits order-level fields, checks the first row of an order and
// flags an order whose rows are not adjacent. It returns errs with the new
// problems.
func (o *orderState) apply(mp *Mapper, keyOf func(providers.Record) string, line int, rec providers.Record, errs []*FieldError) []*FieldError {
	key := keyOf(rec)
	if o.first != nil && (key == "" || key == o.key) {
		for i, f := range mp.fields {
			if f.Level == providers.OrderLevel && rec.Values[i] == "" {
				rec.Values[i] = o.first[i]
			}
		}
		return errs
	}
	o.key, o.first = key, rec.Values
	if at, seen := o.firstLine[key]; seen && key != "" {
		return append(errs, &FieldError{Line: line, Err: NotAdjacentError(key, at)})
	}
	o.firstLine[key] = line
	for _, fe := range mp.CheckRequired(rec, line) {
		if !reportedField(errs, fe.Field) {
			errs = append(errs, fe)
		}
	}
	return errs
}

// NotAdjacentError says that the rows of an order do not follow each other:
// the order first seen at line first comes back after another order.
func NotAdjacentError(key string, first int) error {
	return invalid(i18n.ValNotAdjacent, key, first)
}

func reportedField(errs []*FieldError, field string) bool {
	for _, e := range errs {
		if e.Field == field {
			return true
		}
	}
	return false
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (ew *errWriter) printf(format string, args ...any) {
	if ew.err == nil {
		_, ew.err = fmt.Fprintf(ew.w, format, args...)
	}
}
