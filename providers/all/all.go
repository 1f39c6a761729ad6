// Package all is the one place where the importer's providers are
// registered, explicitly and in a fixed order (no init side effects).
package all

import (
	"fmt"
	"strings"

	"orderimport/providers"
	"orderimport/providers/damaijia"
	"orderimport/providers/openapi"
)

// Entry describes one provider.
type Entry struct {
	// Name selects the provider (--provider NAME).
	Name string
	// Doc is a one-line description for help texts.
	Doc string
	// DefaultBaseURL is used when no base URL is given; empty means the
	// base URL is required.
	DefaultBaseURL string
	// New builds the provider. batch caps the rows of one request where the
	// API allows several (damaijia consignees); 0 means the provider's
	// default, and providers without such a cap ignore it.
	New func(cfg providers.Config, batch int) (providers.Provider, error)
}

// Providers lists every provider, in the order help texts show them.
func Providers() []Entry {
	return []Entry{
		{
			Name:           "damaijia",
			Doc:            "大麦家 gift drop-shipping: one product to many consignees per request (POST /vv/external/v1/order_create)",
			DefaultBaseURL: damaijia.DefaultBaseURL,
			New: func(cfg providers.Config, batch int) (providers.Provider, error) {
				return damaijia.New(cfg, damaijia.Options{Batch: batch})
			},
		},
		{
			Name:           "openapi",
			Doc:            "storefront open API: one order of many line items per request (POST /manager/api/apps/openapi/order/create)",
			DefaultBaseURL: openapi.DefaultBaseURL,
			New: func(cfg providers.Config, _ int) (providers.Provider, error) {
				return openapi.New(cfg)
			},
		},
	}
}

// Names lists the provider names.
func Names() []string {
	var names []string
	for _, e := range Providers() {
		names = append(names, e.Name)
	}
	return names
}

// Lookup returns the provider called name (case-insensitive).
func Lookup(name string) (Entry, error) {
	for _, e := range Providers() {
		if strings.EqualFold(e.Name, strings.TrimSpace(name)) {
			return e, nil
		}
	}
	return Entry{}, fmt.Errorf("unknown provider %q: known providers are %s", name, strings.Join(Names(), ", "))
}
