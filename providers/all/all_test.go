package all

import (
	"strings"
	"testing"

	"orderimport/providers"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		name    string
		want    string
		wantErr bool
	}{
		{"damaijia", "damaijia", false},
		{"OpenAPI", "openapi", false},
		{"shopify", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Lookup(tt.name)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), "damaijia, openapi") {
					t.Errorf("err = %v, want one listing the known names", err)
				}
				return
			}
			if err != nil || e.Name != tt.want || e.Doc == "" || e.New == nil {
				t.Errorf("Lookup(%q) = %+v, %v", tt.name, e, err)
			}
		})
	}
}

func TestNewEveryProvider(t *testing.T) {
	for _, e := range Providers() {
		t.Run(e.Name, func(t *testing.T) {
			p, err := e.New(providers.Config{BaseURL: "http://127.0.0.1:1", Token: "t"}, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Fields()) == 0 {
				t.Error("no fields")
			}
			if g := p.Grouping(); e.Name == "damaijia" && g.MaxRows != 5 {
				t.Errorf("batch not applied: %+v", g)
			}
		})
	}
	if e, _ := Lookup("openapi"); e.DefaultBaseURL != "" {
		t.Error("openapi has a default host")
	}
	if e, _ := Lookup("damaijia"); e.DefaultBaseURL == "" {
		t.Error("damaijia has no default host")
	}
}
