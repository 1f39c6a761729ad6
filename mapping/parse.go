package mapping

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Parse reads a mapping from YAML. name (usually the file name) prefixes
// every error, with the line and the field: `mapping.yaml:12: field mobile:
// unknown transform "digit"`.
//
// The file has a map `fields` from field name to a rule, and an optional
// `provider`. A rule is a list of header names, a single header name, an
// empty value (the field is left unmapped), or a map with the keys headers,
// coalesce, column, template, value, default and transforms.
func Parse(data []byte, name string) (*Mapping, error) {
	p := parser{file: name, data: data}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, p.yamlError(data, err)
	}
	m := &Mapping{Name: name}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, p.errf(0, "", "empty mapping file")
	}
	if err := p.top(doc.Content[0], m); err != nil {
		return nil, err
	}
	if m.Preset != "" {
		return m.inherit()
	}
	return m, nil
}

type parser struct {
	file string
	data []byte // the file, for the text of a line errAt shows
}

func (p parser) errf(line int, field, format string, args ...any) error {
	return &ParseError{File: p.file, Line: line, Field: field, Err: fmt.Errorf(format, args...)}
}

// errAt is errf at n's line and column, shown under the line's text as a
// syntax error is (the column as a terminal shows it).
func (p parser) errAt(n *yaml.Node, field, format string, args ...any) error {
	e := &ParseError{File: p.file, Line: n.Line, Field: field, Err: fmt.Errorf(format, args...)}
	lines := strings.Split(string(p.data), "\n")
	if n.Line < 1 || n.Line > len(lines) {
		return e
	}
	src := strings.TrimRight(lines[n.Line-1], "\r")
	off := len(src)
	if runes := []rune(src); n.Column-1 <= len(runes) {
		off = len(string(runes[:max(n.Column-1, 0)]))
	}
	e.Column, e.Source = displayColumn(src, off)+1, src
	return e
}

func (p parser) top(n *yaml.Node, m *Mapping) error {
	if n.Kind != yaml.MappingNode {
		return p.errf(n.Line, "", "expected a map with provider and fields")
	}
	seenFields := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "provider":
			s, err := p.scalar(v, "")
			if err != nil {
				return err
			}
			m.Provider = s
		case "description":
			if _, err := p.scalar(v, ""); err != nil {
				return err
			}
		case "fields":
			seenFields = true
			if err := p.fields(v, m); err != nil {
				return err
			}
		case "skip_when":
			if err := p.skipWhen(v, m); err != nil {
				return err
			}
		case "layouts":
			if err := p.layouts(v, m); err != nil {
				return err
			}
		case "preset":
			if err := p.preset(v, m); err != nil {
				return err
			}
		default:
			return p.errf(k.Line, "", "unknown key %q (want provider, description, preset, fields, skip_when, layouts)", k.Value)
		}
	}
	if !seenFields && m.Preset == "" {
		return p.errf(n.Line, "", "no fields")
	}
	return nil
}

func (p parser) scalar(n *yaml.Node, field string) (string, error) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		return "", p.errf(n.Line, field, "expected a single value")
	}
	return n.Value, nil
}

func (p parser) fields(n *yaml.Node, m *Mapping) error {
	if n.Kind != yaml.MappingNode {
		return p.errf(n.Line, "", "fields: expected a map of field name to rule")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := strings.TrimSpace(k.Value)
		if name == "" {
			return p.errf(k.Line, "", "empty field name")
		}
		if m.ruleIndex(name) >= 0 {
			return p.errf(k.Line, name, "listed twice")
		}
		r, err := p.rule(name, k.Line, v)
		if err != nil {
			return err
		}
		m.Rules = append(m.Rules, r)
	}
	return nil
}

func (p parser) rule(field string, line int, n *yaml.Node) (Rule, error) {
	r := Rule{Field: field, Line: line}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag != "!!null" {
			r.Headers = []string{n.Value}
		}
		return r, nil
	case yaml.SequenceNode:
		h, err := p.headers(field, n)
		r.Headers = h
		return r, err
	case yaml.MappingNode:
		return r, p.ruleMap(&r, n)
	}
	return r, p.errf(n.Line, field, "expected a list of headers or a map")
}

func (p parser) headers(field string, n *yaml.Node) ([]string, error) {
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, p.errf(n.Line, field, "headers: expected a list of header names")
	}
	hs := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		s, err := p.scalar(c, field)
		if err != nil {
			return nil, err
		}
		if normHeader(s) == "" {
			return nil, p.errf(c.Line, field, "empty header name")
		}
		hs = append(hs, s)
	}
	return hs, nil
}

func (p parser) ruleMap(r *Rule, n *yaml.Node) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var err error
		switch k.Value {
		case "headers":
			r.Headers, err = p.headers(r.Field, v)
		case "column":
			err = p.column(r, v)
		case "coalesce":
			r.Coalesce, err = p.headers(r.Field, v)
		case "template":
			r.Template, err = p.template(r.Field, v)
		case "value":
			r.Value, err = p.scalar(v, r.Field)
			r.HasValue = true
		case "default":
			r.Default, err = p.scalar(v, r.Field)
			r.HasDefault = true
		case "transforms":
			r.Transforms, err = p.transforms(r.Field, v)
		case "doc":
			_, err = p.scalar(v, r.Field)
		case "hint":
			r.Hint, err = p.text(v, r.Field, "hint")
		default:
			err = p.errf(k.Line, r.Field, "unknown key %q (want headers, coalesce, column, template, value, default, transforms, hint, doc)", k.Value)
		}
		if err != nil {
			return err
		}
	}
	sources := 0
	for _, set := range []bool{len(r.Headers) > 0, len(r.Coalesce) > 0, r.Column > 0, r.Template != "", r.HasValue} {
		if set {
			sources++
		}
	}
	if sources > 1 {
		return p.errf(n.Line, r.Field, "give one of headers, coalesce, column, template or value")
	}
	return nil
}

// template checks a template's braces; its names are resolved by Compile.
func (p parser) template(field string, n *yaml.Node) (string, error) {
	s, err := p.scalar(n, field)
	if err != nil {
		return "", err
	}
	if _, err := parseTemplate(s); err != nil {
		return "", p.errf(n.Line, field, "template: %v", err)
	}
	return s, nil
}

func (p parser) column(r *Rule, v *yaml.Node) error {
	s, err := p.scalar(v, r.Field)
	if err != nil {
		return err
	}
	c, ok := parseColumn(s)
	if !ok {
		return p.errf(v.Line, r.Field, "column %q: want a letter (A, AB) or a number from 1", s)
	}
	r.Column = c
	return nil
}

func (p parser) transforms(field string, n *yaml.Node) ([]Transform, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, p.errf(n.Line, field, "transforms: expected a list")
	}
	ts := make([]Transform, 0, len(n.Content))
	for i, c := range n.Content {
		t, err := p.transform(field, c)
		if err != nil {
			return nil, err
		}
		if t.Name == "split_address" && i != len(n.Content)-1 {
			return nil, p.errf(c.Line, field, "split_address must be the last transform")
		}
		ts = append(ts, t)
	}
	return ts, nil
}

func (p parser) transform(field string, n *yaml.Node) (Transform, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		for _, name := range transformNames {
			if n.Value == name {
				return Transform{Name: name}, nil
			}
		}
		return Transform{}, p.errf(n.Line, field, "unknown transform %q (want %s, replace, split_name, lookup)", n.Value, strings.Join(transformNames, ", "))
	case yaml.MappingNode:
		if len(n.Content) != 2 {
			return Transform{}, p.errf(n.Line, field, "a transform map has exactly one key (replace, split_name or lookup)")
		}
		k, v := n.Content[0], n.Content[1]
		switch k.Value {
		case "replace":
			return p.replace(field, v)
		case "split_name":
			part, err := p.scalar(v, field)
			if err == nil && part != "first" && part != "last" {
				err = p.errf(v.Line, field, "split_name: want first or last, not %q", part)
			}
			return Transform{Name: "split_name", Part: part}, err
		case "lookup":
			return p.lookup(field, v)
		}
		return Transform{}, p.errf(k.Line, field, "unknown transform %q (want replace, split_name or lookup)", k.Value)
	}
	return Transform{}, p.errf(n.Line, field, "a transform is a name or a map")
}

func (p parser) replace(field string, n *yaml.Node) (Transform, error) {
	t := Transform{Name: "replace"}
	if n.Kind != yaml.MappingNode {
		return t, p.errf(n.Line, field, "replace: expected {pattern: ..., with: ...}")
	}
	havePattern := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		s, err := p.scalar(v, field)
		if err != nil {
			return t, err
		}
		switch k.Value {
		case "pattern":
			re, err := regexp.Compile(s)
			if err != nil {
				return t, p.errf(v.Line, field, "replace: bad pattern: %v", err)
			}
			t.Pattern, t.re, havePattern = s, re, true
		case "with":
			t.With = s
		default:
			return t, p.errf(k.Line, field, "replace: unknown key %q (want pattern, with)", k.Value)
		}
	}
	if !havePattern {
		return t, p.errf(n.Line, field, "replace: no pattern")
	}
	return t, nil
}

// lookup reads {table: FILE, key: COLUMN, value: COLUMN}.
func (p parser) lookup(field string, n *yaml.Node) (Transform, error) {
	t := Transform{Name: "lookup", Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return t, p.errf(n.Line, field, "lookup: expected {table: file.csv, key: column, value: column}")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		s, err := p.scalar(v, field)
		if err != nil {
			return t, err
		}
		switch k.Value {
		case "table":
			t.Table = s
		case "key":
			t.Key = s
		case "value":
			t.Value = s
		default:
			return t, p.errf(k.Line, field, "lookup: unknown key %q (want table, key, value)", k.Value)
		}
	}
	if t.Table == "" || t.Key == "" || t.Value == "" {
		return t, p.errf(n.Line, field, "lookup: table, key and value are all required")
	}
	return t, nil
}
