package mapping

import (
	"fmt"
	"strings"

	"orderimport/providers"
)

// splitTargets are the fields a split_address rule fills (-1: none).
type splitTargets struct {
	province, city, district int
}

// bindExtras binds plan i's template and split_address targets; it runs
// after every plan exists.
func (m *Mapping) bindExtras(mp *Mapper, i int, header, folded []string) error {
	p := &mp.plans[i]
	if p.rule.Template != "" && !p.isConst {
		t, err := m.bindTemplate(mp, p, folded)
		if err != nil {
			return err
		}
		p.tmpl = t
	}
	if n := len(p.transforms); n > 0 && p.transforms[n-1].Name == "split_address" {
		return m.bindSplit(mp, p)
	}
	return nil
}

// bindTemplate resolves each {name} to a column of the header, or else to a
// field whose value comes from a column, a constant or a default.
func (m *Mapping) bindTemplate(mp *Mapper, p *plan, folded []string) ([]boundPart, error) {
	parts, err := parseTemplate(p.rule.Template)
	if err != nil {
		return nil, m.ruleError(p.rule, "template: %v", err)
	}
	out := make([]boundPart, len(parts))
	for i, tp := range parts {
		bp := boundPart{text: tp.text, col: -1, field: -1}
		if tp.name != "" {
			bp.col = findHeader([]string{tp.name}, folded)
			if bp.col < 0 {
				bp.field = providers.FieldIndex(mp.fields, tp.name)
				if bp.field < 0 {
					return nil, m.ruleError(p.rule, "template: no column or field named %q", tp.name)
				}
				if mp.plans[bp.field].rule.Template != "" {
					return nil, m.ruleError(p.rule, "template: field %q has a template itself", tp.name)
				}
			}
		}
		out[i] = bp
	}
	return out, nil
}

// bindSplit finds the province, city and district fields of a split_address
// rule: province/city/district for the field address, X_province … for
// X_address.
func (m *Mapping) bindSplit(mp *Mapper, p *plan) error {
	prefix, ok := strings.CutSuffix(p.field.Name, "address")
	if !ok {
		return m.ruleError(p.rule, "split_address: the field must be address or end in _address")
	}
	t := &splitTargets{}
	for _, x := range []struct {
		name string
		dst  *int
	}{{"province", &t.province}, {"city", &t.city}, {"district", &t.district}} {
		*x.dst = providers.FieldIndex(mp.fields, prefix+x.name)
		if *x.dst < 0 {
			return m.ruleError(p.rule, "split_address: the provider has no field %s%s", prefix, x.name)
		}
		mp.plans[*x.dst].filled = true
	}
	p.split = t
	return nil
}

func (m *Mapping) ruleError(r Rule, format string, args ...any) error {
	return &ParseError{File: m.fileOf(r), Line: r.Line, Field: r.Field, Err: fmt.Errorf(format, args...)}
}
