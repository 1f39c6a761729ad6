package web

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"

	"orderimport/importer/i18n"
	"orderimport/mapping"
	"orderimport/providers"
	"orderimport/providers/all"
)

// baseMapping is where a page's mapping starts: a preset, the provider's
// built-in mapping, or a mapping file (uploaded, or remembered for the
// header's shape).
type baseMapping struct {
	// Kind is "preset", "default", "file" or "remembered".
	Kind string
	// Preset names the preset (Kind "preset").
	Preset string
	// YAML is the file (Kind "file" or "remembered").
	YAML []byte
}

// load returns a fresh copy of the base mapping (edits change it).
func (b baseMapping) load(provider string) (*mapping.Mapping, error) {
	switch b.Kind {
	case "preset":
		return mapping.Preset(b.Preset)
	case "file", "remembered":
		m, err := mapping.Parse(b.YAML, "mapping.yaml")
		if err != nil {
			return nil, err
		}
		if m.Provider != "" && m.Provider != provider {
			return nil, fmt.Errorf("mapping.yaml is written for provider %s, not %s", m.Provider, provider)
		}
		return m, nil
	}
	return mapping.Default(provider)
}

// edit is the merchant's choice for one field on the map page.
type edit struct {
	// Choice is "none" (no value), "const" (Value for every row) or
	// "col:N" (the file's column N, 1-based).
	Choice string
	Value  string
}

// chooseBase picks the mapping an upload starts from: the last mapping
// used for the same header shape, else the preset that recognises the
// header, else the built-in mapping, as an import without --mapping does.
func (s *Server) chooseBase(up *upload) string {
	up.base = baseMapping{Kind: "default"}
	if up.Recognised != nil {
		up.base = baseMapping{Kind: "preset", Preset: up.Recognised.Preset}
	}
	if data, err := os.ReadFile(s.ws.mappingPath(up.Provider, up.Header)); err == nil {
		rem := baseMapping{Kind: "remembered", YAML: data}
		if _, err := up.effective(rem, nil); err == nil {
			up.base = rem
		}
	}
	return ""
}

// effective is the mapping base gives with edits, checked against the
// upload's header.
func (up *upload) effective(base baseMapping, edits map[string]edit) (*mapping.Mapping, error) {
	m, err := base.load(up.Provider)
	if err != nil {
		return nil, err
	}
	for field, e := range edits {
		applyEdit(m, field, e, up.Header)
	}
	fields, err := providerFields(up.Provider)
	if err != nil {
		return nil, err
	}
	if _, _, err := m.Uses(up.Header, fields); err != nil {
		return nil, err
	}
	return m, nil
}

// mapping returns the upload's current mapping.
func (up *upload) mapping() (*mapping.Mapping, error) {
	up.mu.Lock()
	defer up.mu.Unlock()
	return up.effective(up.base, up.edits)
}

// applyEdit replaces field's rule in m by the merchant's choice: a column
// by its header (by its letter when the header is blank or not unique), a
// constant, or nothing.
func applyEdit(m *mapping.Mapping, field string, e edit, header []string) {
	switch {
	case e.Choice == "const":
		m.Set(field, e.Value)
		return
	case strings.HasPrefix(e.Choice, "col:"):
		n, err := strconv.Atoi(strings.TrimPrefix(e.Choice, "col:"))
		if err != nil || n < 1 || n > len(header) {
			return
		}
		r := mapping.Rule{Field: field, Column: n}
		if h := strings.TrimSpace(header[n-1]); h != "" && countHeader(header, h) == 1 {
			r = mapping.Rule{Field: field, Headers: []string{h}}
		}
		setRule(m, r)
	case e.Choice == "none":
		setRule(m, mapping.Rule{Field: field})
	}
}

func countHeader(header []string, h string) int {
	n := 0
	for _, c := range header {
		if strings.EqualFold(strings.TrimSpace(c), h) {
			n++
		}
	}
	return n
}

// setRule replaces the rule of r.Field, or adds r.
func setRule(m *mapping.Mapping, r mapping.Rule) {
	for i := range m.Rules {
		if m.Rules[i].Field == r.Field {
			m.Rules[i] = r
			return
		}
	}
	m.Rules = append(m.Rules, r)
}

// providerFields are the fields of provider, from a client that never sends.
func providerFields(provider string) ([]providers.Field, error) {
	p, err := offlineProvider(provider)
	if err != nil {
		return nil, err
	}
	return p.Fields(), nil
}

// offlineProvider builds provider for a dry run: its fields and grouping,
// never its host or token (as the command line's dry run does).
func offlineProvider(provider string) (providers.Provider, error) {
	entry, err := all.Lookup(provider)
	if err != nil {
		return nil, err
	}
	return entry.New(providers.Config{BaseURL: "http://offline.invalid", Token: "offline"}, 0)
}

// mappingYAML writes the upload's mapping as "mapping init" writes one.
func (s *Server) mappingYAML(lang i18n.Lang, up *upload) ([]byte, error) {
	m, err := up.mapping()
	if err != nil {
		return nil, err
	}
	fields, err := providerFields(up.Provider)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	note := "Written by the page of orderimport serve for " + up.Name + "."
	if err := mapping.InitFrom(&b, m, note, up.Header, up.Provider, fields); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// remember keeps the upload's mapping for the next file of the same header
// shape.
func (s *Server) remember(lang i18n.Lang, up *upload) {
	data, err := s.mappingYAML(lang, up)
	if err == nil {
		err = os.WriteFile(s.ws.mappingPath(up.Provider, up.Header), data, 0o600)
	}
	if err != nil {
		s.cfg.Log.Warn("web: the mapping was not remembered", "err", err)
	}
}
