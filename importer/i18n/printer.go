package i18n

import (
	"fmt"
	"io"
	"sync"

	"golang.org/x/text/message"
)

// Printer prints the catalog's messages in one language. It is safe for
// concurrent use.
type Printer struct {
	lang Lang
	p    *message.Printer
}

// printers holds one Printer per language.
var printers = sync.OnceValue(func() map[Lang]*Printer {
	m := map[Lang]*Printer{}
	for _, l := range Langs {
		m[l] = &Printer{lang: l, p: message.NewPrinter(l.Tag(), message.Catalog(Catalog()))}
	}
	return m
})

// NewPrinter returns the Printer of l (of Default when l is not a language
// of the catalog).
func NewPrinter(l Lang) *Printer {
	if p, ok := printers()[l]; ok {
		return p
	}
	return printers()[Default]
}

// Lang returns the printer's language.
func (p *Printer) Lang() Lang { return p.lang }

// Sprintf returns the message id in the printer's language, formatted with
// args. An id the catalog lacks is printed as the id and its arguments
// (TestCatalog makes sure every ID constant has a message).
func (p *Printer) Sprintf(id ID, args ...any) string {
	if !Has(id) {
		if len(args) == 0 {
			return string(id)
		}
		return fmt.Sprintf("%s%v", id, args)
	}
	return p.p.Sprintf(string(id), plain(args)...)
}

// Fprintf writes the message id to w.
func (p *Printer) Fprintf(w io.Writer, id ID, args ...any) (int, error) {
	return io.WriteString(w, p.Sprintf(id, args...))
}

// Sprintf returns the message id in language l.
func Sprintf(l Lang, id ID, args ...any) string { return NewPrinter(l).Sprintf(id, args...) }

// plain wraps numbers so that they print as fmt prints them: the message
// package would group their digits by locale ("12,345"), which a row
// number must never be.
func plain(args []any) []any {
	out := args
	for i, a := range args {
		var w any
		switch v := a.(type) {
		case int:
			w = plainNumber{v}
		case int64:
			w = plainNumber{v}
		case int32:
			w = plainNumber{v}
		case uint:
			w = plainNumber{v}
		case uint64:
			w = plainNumber{v}
		case float64:
			w = plainNumber{v}
		case float32:
			w = plainNumber{v}
		default:
			continue
		}
		if &out[0] == &args[0] {
			out = append([]any(nil), args...)
		}
		out[i] = w
	}
	return out
}

// plainNumber prints its number with package fmt.
type plainNumber struct{ v any }

// Format implements fmt.Formatter with fmt's own formatting.
func (n plainNumber) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), n.v)
}
