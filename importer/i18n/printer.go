package i18n

import (
	"fmt"
	"io"
	"sync"
)

// Printer prints the catalog's messages in one language. It is safe for
// concurrent use.
type Printer struct {
	lang Lang
	// formats holds every message's format in lang, looked up once in the
	// catalog (golang.org/x/text/message/catalog, with its language
	// fallback) when the printers are made.
	formats map[ID]string
}

// printers holds one Printer per language.
var printers = sync.OnceValue(func() map[Lang]*Printer {
	m := map[Lang]*Printer{}
	for _, l := range Langs {
		m[l] = &Printer{lang: l, formats: formatsOf(l)}
	}
	return m
})

// formatsOf looks every message up in the catalog for language l.
func formatsOf(l Lang) map[ID]string {
	var c capture
	ctx := theCatalog().Context(l.Tag(), &c)
	formats := map[ID]string{}
	for _, msg := range Messages() {
		c.s = ""
		if err := ctx.Execute(string(msg.ID)); err == nil {
			formats[msg.ID] = c.s
		}
	}
	return formats
}

// capture is a catalog renderer that keeps the message's format.
type capture struct{ s string }

// Render implements the catalog's renderer: s is (a piece of) the format.
func (c *capture) Render(s string) { c.s += s }

// Arg implements the catalog's renderer: the messages select nothing by
// their arguments.
func (c *capture) Arg(int) any { return nil }

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
// args by package fmt (numbers are not grouped: a row number reads as
// Excel shows it). An id the catalog lacks is printed as the id and its
// arguments ("no.such.id[1 a]"); TestCatalog makes sure every ID constant
// has a message.
func (p *Printer) Sprintf(id ID, args ...any) string {
	format, ok := p.formats[id]
	if !ok {
		if len(args) == 0 {
			return string(id)
		}
		return fmt.Sprintf("%s%v", id, args)
	}
	return fmt.Sprintf(format, args...)
}

// Fprintf writes the message id to w.
func (p *Printer) Fprintf(w io.Writer, id ID, args ...any) (int, error) {
	return fmt.Fprintf(w, "%s", p.Sprintf(id, args...))
}

// Sprintf returns the message id in language l.
func Sprintf(l Lang, id ID, args ...any) string { return NewPrinter(l).Sprintf(id, args...) }
