package i18n

import (
	"fmt"
	"slices"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message/catalog"
)

// ID names a message of the catalog.
type ID string

// Message is one message in both languages: fmt-style formats with the
// same arguments.
type Message struct {
	ID ID
	En string
	Zh string
}

// groups returns every message, area by area. A new area adds its
// function here.
func groups() [][]Message {
	return [][]Message{
		cliMessages(),
		statusMessages(),
		validationMessages(),
		headerMessages(),
		trackMessages(),
		legendMessages(),
		webMessages(),
		sheetMessages(),
	}
}

// Messages returns every message of the catalog, in the order of groups.
func Messages() []Message { return slices.Concat(groups()...) }

// build builds the catalog from groups. It fails on an id defined twice
// or a message the catalog refuses.
func build() (*catalog.Builder, error) {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	seen := map[ID]bool{}
	for _, m := range Messages() {
		if seen[m.ID] {
			return nil, fmt.Errorf("i18n: message %q defined twice", m.ID)
		}
		seen[m.ID] = true
		if err := b.SetString(language.English, string(m.ID), m.En); err != nil {
			return nil, fmt.Errorf("i18n: %s (en): %w", m.ID, err)
		}
		if err := b.SetString(language.SimplifiedChinese, string(m.ID), m.Zh); err != nil {
			return nil, fmt.Errorf("i18n: %s (zh): %w", m.ID, err)
		}
	}
	return b, nil
}

// theCatalog is built on first use; TestCatalog proves that build does not
// fail, so a failure here is a programming error caught by the tests.
var theCatalog = sync.OnceValue(func() *catalog.Builder {
	b, err := build()
	if err != nil {
		panic(err)
	}
	return b
})

// Catalog returns the catalog, for golang.org/x/text/message.NewPrinter.
func Catalog() catalog.Catalog { return theCatalog() }

// Has reports whether the catalog has a message id.
func Has(id ID) bool {
	_, ok := NewPrinter(Default).formats[id]
	return ok
}
