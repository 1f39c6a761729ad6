package sheet

import (
	"slices"

	"orderimport/importer/i18n"
)

// Reason is why a file is refused, as a message of the catalog (package
// i18n, ids sheet.*) and its arguments: Text says it in any language of
// the catalog, Error in English. An *Error's Err is a *Reason for the
// refusals a merchant meets; the system's and libraries' own words (an
// open error, a zip library's complaint) stay arguments, in English.
type Reason struct {
	// ID names the message.
	ID i18n.ID
	// Args are the message's arguments; a Texter among them (a nested
	// Reason) is said in the same language, an error by its Error text.
	Args []any
}

// Texter is an error that can say itself in a language of the catalog.
type Texter interface {
	Text(l i18n.Lang) string
}

// reason returns the Reason of id with args.
func reason(id i18n.ID, args ...any) *Reason { return &Reason{ID: id, Args: args} }

// NewReason returns the Reason of id with args, for the importer's own
// refusals of a file (no data rows, another provider's file).
func NewReason(id i18n.ID, args ...any) *Reason { return reason(id, args...) }

// Text returns the reason in language l.
func (r *Reason) Text(l i18n.Lang) string {
	args := slices.Clone(r.Args)
	for i, a := range args {
		switch a := a.(type) {
		case Texter:
			args[i] = a.Text(l)
		case error:
			args[i] = a.Error()
		}
	}
	return i18n.Sprintf(l, r.ID, args...)
}

// Error returns the reason in English.
func (r *Reason) Error() string { return r.Text(i18n.En) }

// Unwrap returns the errors among the arguments, so that errors.Is and
// errors.As see them (errXLSXTruncated under its details).
func (r *Reason) Unwrap() []error {
	var errs []error
	for _, a := range r.Args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

// texts is a sequence of reasons said one after the other (the hints
// after a header not recognised).
type texts []*Reason

// Text returns the reasons in language l, concatenated.
func (t texts) Text(l i18n.Lang) string {
	s := ""
	for _, r := range t {
		s += r.Text(l)
	}
	return s
}
