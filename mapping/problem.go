package mapping

import (
	"slices"

	"orderimport/importer/i18n"
)

// Problem is what is wrong with one value: a message of the catalog
// (package orderimport/importer/i18n) and its arguments. Text renders it in
// a reader's language; Error is the English text. FieldError.Err holds a
// Problem for every validation failure, so the result sheet, mapping check
// and the web page print it in the language the merchant chose instead of
// translating English text after the fact.
type Problem struct {
	// ID names the message.
	ID i18n.ID
	// Args are the message's arguments; a Texter among them (a nested
	// Problem, an address's *regions.Error) is rendered in the same
	// language.
	Args []any
	// kinds are the sentinels errors.Is finds: ErrInvalid, ErrRequired,
	// ErrExcelNumber, ErrMasked; none for a warning.
	kinds []error
}

// Texter is an error that can say itself in a language of the catalog.
type Texter interface {
	Text(l i18n.Lang) string
}

// Text returns the problem in language l.
func (p *Problem) Text(l i18n.Lang) string {
	args := p.Args
	for i, a := range p.Args {
		if t, ok := a.(Texter); ok {
			if &args[0] == &p.Args[0] {
				args = slices.Clone(p.Args)
			}
			args[i] = t.Text(l)
		}
	}
	return i18n.Sprintf(l, p.ID, args...)
}

// Error returns the problem in English.
func (p *Problem) Error() string { return p.Text(i18n.En) }

// Is reports whether target is one of the problem's sentinels.
func (p *Problem) Is(target error) bool { return slices.Contains(p.kinds, target) }

// Unwrap returns the errors among the arguments (a warning a ValSentAs
// completes), so that errors.Is and errors.As see them.
func (p *Problem) Unwrap() []error {
	var errs []error
	for _, a := range p.Args {
		if e, ok := a.(error); ok {
			errs = append(errs, e)
		}
	}
	return errs
}

// problem returns the problem id with args; kinds are its sentinels.
func problem(kinds []error, id i18n.ID, args ...any) *Problem {
	return &Problem{ID: id, Args: args, kinds: kinds}
}

// invalidKind is the sentinel of a value that does not fit its field.
var invalidKind = []error{ErrInvalid}

// invalid returns an ErrInvalid problem.
func invalid(id i18n.ID, args ...any) *Problem { return problem(invalidKind, id, args...) }

// note returns a problem without sentinel: the text of a warning.
func note(id i18n.ID, args ...any) *Problem { return problem(nil, id, args...) }

// ErrorText returns err in language l when it can say itself (a Problem,
// a FieldError), else its Error text.
func ErrorText(err error, l i18n.Lang) string {
	if t, ok := err.(Texter); ok {
		return t.Text(l)
	}
	return err.Error()
}
