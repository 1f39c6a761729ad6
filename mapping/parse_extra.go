package mapping

import (
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"
)

// layouts parses the layouts a mapping is written for:
//
//	layouts:
//	  - name: a Pinduoduo order export (2023 layout)
//	    headers: [订单号, 售后状态, 街道/镇]
//	    lacks: "it has no consignee columns …"   # or {zh: …, en: …} (Text)
func (p parser) layouts(n *yaml.Node, m *Mapping) error {
	if n.Kind != yaml.SequenceNode {
		return p.errf(n.Line, "", "layouts: expected a list of {name, headers, lacks}")
	}
	for _, c := range n.Content {
		if c.Kind != yaml.MappingNode {
			return p.errf(c.Line, "", "layouts: a layout is a map (name, headers, lacks)")
		}
		l := Layout{Line: c.Line}
		for i := 0; i+1 < len(c.Content); i += 2 {
			k, v := c.Content[i], c.Content[i+1]
			var err error
			switch k.Value {
			case "name":
				l.Name, err = p.scalar(v, "")
			case "headers":
				l.Headers, err = p.headers("", v)
			case "lacks":
				l.Lacks, err = p.text(v, "", "layouts: lacks")
			default:
				err = p.errf(k.Line, "", "layouts: unknown key %q (want name, headers, lacks)", k.Value)
			}
			if err != nil {
				return err
			}
		}
		if l.Name == "" || len(l.Headers) == 0 {
			return p.errf(c.Line, "", "layouts: a layout needs a name and headers")
		}
		m.Layouts = append(m.Layouts, l)
	}
	return nil
}

// preset reads "preset: NAME": the file starts from that preset.
func (p parser) preset(n *yaml.Node, m *Mapping) error {
	s, err := p.scalar(n, "")
	if err != nil {
		return err
	}
	if _, err := PresetSource(s); err != nil {
		return p.errf(n.Line, "", "%v", err)
	}
	m.Preset = s
	return nil
}

// inherit completes a mapping that starts from a preset: the preset's rules
// come first, in the preset's order, each replaced by the file's own rule of
// the same field; the file's other rules follow. The preset's skip rules
// and layouts come before the file's. Rules inherited keep their line in
// the preset and name it as their Source.
func (m *Mapping) inherit() (*Mapping, error) {
	base, err := Preset(m.Preset)
	if err != nil {
		return nil, &ParseError{File: m.Name, Err: err}
	}
	if base.Preset != "" {
		return nil, &ParseError{File: m.Name, Err: fmt.Errorf("preset %s starts from another preset", m.Preset)}
	}
	if m.Provider != "" && base.Provider != "" && m.Provider != base.Provider {
		return nil, &ParseError{File: m.Name, Err: fmt.Errorf("provider %s, but preset %s is written for provider %s", m.Provider, m.Preset, base.Provider)}
	}
	if m.Provider == "" {
		m.Provider = base.Provider
	}
	rules := make([]Rule, 0, len(base.Rules)+len(m.Rules))
	for _, r := range base.Rules {
		if i := m.ruleIndex(r.Field); i >= 0 {
			rules = append(rules, m.Rules[i])
			continue
		}
		r.Source = base.Name
		rules = append(rules, r)
	}
	for _, r := range m.Rules {
		if base.ruleIndex(r.Field) < 0 {
			rules = append(rules, r)
		}
	}
	m.Rules = rules
	skips := slices.Clone(base.Skip)
	for i := range skips {
		skips[i].Source = base.Name
	}
	m.Skip = append(skips, m.Skip...)
	m.Layouts = append(slices.Clone(base.Layouts), m.Layouts...)
	return m, nil
}

// fileOf names the mapping file a rule comes from, for errors.
func (m *Mapping) fileOf(r Rule) string {
	if r.Source != "" {
		return r.Source
	}
	return m.Name
}

// SetsOf gives m the --set constants of from (its rules of line 0 with a
// value): the constants a command line gave a mapping that another one
// replaces (a recognised preset replacing the built-in mapping).
func (m *Mapping) SetsOf(from *Mapping) {
	for _, r := range from.Rules {
		if r.Line == 0 && r.HasValue {
			m.Set(r.Field, r.Value)
		}
	}
}
