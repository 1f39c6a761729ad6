package mapping

import "sync"

// Recognise returns the first of the mapping's layouts whose headers are
// all in header (matched as header names are: case, spaces and full-width
// forms ignored).
func (m *Mapping) Recognise(header []string) (Layout, bool) {
	present := make(map[string]bool, len(header))
	for _, h := range header {
		if n := normHeader(h); n != "" {
			present[n] = true
		}
	}
	best, found := Layout{}, false
	for _, l := range m.Layouts {
		if hasAll(present, l.Headers) && (!found || len(l.Headers) > len(best.Headers)) {
			best, found = l, true
		}
	}
	return best, found
}

func hasAll(present map[string]bool, names []string) bool {
	for _, n := range names {
		if !present[normHeader(n)] {
			return false
		}
	}
	return true
}

// Recognised is a preset that recognises a file's header.
type Recognised struct {
	// Preset is the preset's name (--preset NAME).
	Preset string
	// Provider is the provider the preset is written for.
	Provider string
	// Layout is the export recognised.
	Layout Layout
}

// RecognisePreset returns the preset whose layouts recognise header: the
// one whose recognised layout names the most headers, when several do. It
// implements the choice of a preset for a file imported without --preset or
// --mapping, and `mapping init`'s.
func RecognisePreset(header []string) (Recognised, bool) {
	var best Recognised
	found := false
	for _, p := range presetLayouts() {
		l, ok := p.m.Recognise(header)
		if ok && (!found || len(l.Headers) > len(best.Layout.Headers)) {
			best, found = Recognised{Preset: p.name, Provider: p.m.Provider, Layout: l}, true
		}
	}
	return best, found
}

type namedPreset struct {
	name string
	m    *Mapping // read only
}

// presetLayouts parses the presets once, for their layouts.
var presetLayouts = sync.OnceValue(func() []namedPreset {
	var out []namedPreset
	for _, name := range Presets() {
		if m, err := Preset(name); err == nil {
			out = append(out, namedPreset{name: name, m: m})
		}
	}
	return out
})

// RecognisesAny reports whether header is recognised by a preset's layout;
// it lets the reader find the header row of a platform export below title
// rows before a mapping is chosen.
func RecognisesAny(header []string) bool {
	_, ok := RecognisePreset(header)
	return ok
}
