package mapping

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"orderimport/providers"
)

// Init implements `orderimport mapping init`: it writes a commented mapping
// file for a file whose header row is header. It starts from the built-in
// mapping of provider and from each preset written for it, keeps the one
// that leaves the fewest required fields without a column (then the one
// that matches the most columns), and writes every field with the column it
// found, or marked "# MISSING". The file it writes compiles against header
// and maps the rows as the chosen mapping does; a MISSING required field
// must be filled in, or given with --set.
func Init(w io.Writer, header []string, provider string, fields []providers.Field) error {
	base, err := bestBase(header, provider, fields)
	if err != nil {
		return err
	}
	ew := &errWriter{w: w}
	ew.printf("# Mapping for provider %s, written by `orderimport mapping init` from %s.\n", provider, base.m.Name)
	ew.printf("# Header found: %s\n", strings.Join(nonBlank(header), ", "))
	ew.printf("# Edit it, then: orderimport import FILE --provider %s --mapping THIS_FILE\n", provider)
	ew.printf("# A rule is [header, ...] (first present wins), {coalesce: [...]}, {column: C},\n")
	ew.printf("# {template: \"{A}{B}\"}, {value: x}, with default: and transforms: (see the README).\n")
	ew.printf("provider: %s\n", provider)
	ew.printf("fields:\n")
	uses := base.mp.Columns()
	var fallback *Mapper // the default mapping, for fields a preset leaves out
	if def, err := Default(provider); err == nil && def.Name != base.m.Name {
		fallback, _, _ = def.compile(header, fields)
	}
	for i, f := range fields {
		p, u := base.mp.plans[i], uses[i]
		if u.Source == SourceMissing && fallback != nil {
			if fu := fallback.Columns()[i]; fu.Source == SourceColumn || !f.Required {
				p, u = fallback.plans[i], fu
			}
		}
		ew.printf("\n")
		writeField(ew, f, p, u)
	}
	return ew.err
}

// candidate is a mapping compiled against the header.
type candidate struct {
	m       *Mapping
	mp      *Mapper
	missing int
	matched int
}

// bestBase compiles the default mapping and the provider's presets against
// header and returns the best.
func bestBase(header []string, provider string, fields []providers.Field) (*candidate, error) {
	var cands []*Mapping
	if m, err := Default(provider); err == nil {
		cands = append(cands, m)
	}
	for _, name := range Presets() {
		if m, err := Preset(name); err == nil && m.Provider == provider {
			cands = append(cands, m)
		}
	}
	if len(cands) == 0 {
		return nil, fmt.Errorf("mapping: no mapping for provider %q (have %s)", provider, strings.Join(Providers(), ", "))
	}
	var best *candidate
	var errs []error
	for _, m := range cands {
		mp, missing, err := m.compile(header, fields)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c := &candidate{m: m, mp: mp, missing: len(missing)}
		for _, u := range mp.Columns() {
			if u.Source == SourceColumn || u.Source == SourceTemplate || u.Source == SourceSplit {
				c.matched++
			}
		}
		if best == nil || c.missing < best.missing || (c.missing == best.missing && c.matched > best.matched) {
			best = c
		}
	}
	if best == nil {
		return nil, errors.Join(errs...)
	}
	return best, nil
}

// writeField writes one field's comment and rule.
func writeField(ew *errWriter, f providers.Field, p plan, u ColumnUse) {
	need := "optional"
	if f.Required {
		need = "required"
	}
	doc := f.Doc
	if doc != "" {
		doc = ": " + doc
	}
	ew.printf("  # %s (%s)%s\n", f.Name, need, doc)
	switch {
	case u.Source == SourceSplit:
		ew.printf("  # filled by split_address of %s\n", u.Value)
		ew.printf("  %s:\n", f.Name)
	case u.Source == SourceMissing && f.Required:
		ew.printf("  # MISSING: no column matched (accepted: %s); name the column here, or give --set %s=VALUE\n",
			strings.Join(u.Accepts, ", "), f.Name)
		ew.printf("  %s:\n", f.Name)
	case u.Source == SourceMissing:
		ew.printf("  # no column matched (accepted: %s)\n", strings.Join(u.Accepts, ", "))
		ew.printf("  %s:\n", f.Name)
	default:
		ew.printf("  %s: %s\n", f.Name, ruleYAML(p))
	}
}

// ruleYAML writes a compiled plan back as a flow-style rule, naming the
// columns by the file's own header text.
func ruleYAML(p plan) string {
	var parts []string
	switch {
	case p.isConst:
		parts = append(parts, "value: "+quote(p.rule.Value))
	case p.tmpl != nil:
		parts = append(parts, "template: "+quote(p.rule.Template))
	case len(p.coalesce) > 1:
		names := make([]string, len(p.coalesce))
		for i, c := range p.coalesce {
			names[i] = quote(p.headerOf(c))
		}
		parts = append(parts, "coalesce: ["+strings.Join(names, ", ")+"]")
	case p.index >= 0 && p.header != "":
		parts = append(parts, "headers: ["+quote(p.header)+"]")
	case p.index >= 0:
		parts = append(parts, "column: "+ColumnName(p.index+1))
	}
	if p.rule.HasDefault && !p.isConst {
		parts = append(parts, "default: "+quote(p.rule.Default))
	}
	if len(p.transforms) > 0 {
		ts := make([]string, len(p.transforms))
		for i, t := range p.transforms {
			ts[i] = transformYAML(t)
		}
		parts = append(parts, "transforms: ["+strings.Join(ts, ", ")+"]")
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func transformYAML(t Transform) string {
	switch t.Name {
	case "replace":
		return fmt.Sprintf("{replace: {pattern: %s, with: %s}}", quote(t.Pattern), quote(t.With))
	case "split_name":
		return "{split_name: " + t.Part + "}"
	case "lookup":
		return fmt.Sprintf("{lookup: {table: %s, key: %s, value: %s}}", quote(t.Table), quote(t.Key), quote(t.Value))
	}
	return t.Name
}

// quote writes s as a YAML double-quoted scalar (Go's escapes are YAML's).
func quote(s string) string {
	return strconv.Quote(s)
}

// HeaderFinder returns an IsHeader function for `mapping init`: it
// recognises a header row that the provider's built-in mapping or any of its
// presets recognises.
func HeaderFinder(provider string) func(cells []string) bool {
	var ms []*Mapping
	if m, err := Default(provider); err == nil {
		ms = append(ms, m)
	}
	for _, name := range Presets() {
		if m, err := Preset(name); err == nil && m.Provider == provider {
			ms = append(ms, m)
		}
	}
	return func(cells []string) bool {
		for _, m := range ms {
			if m.IsHeader(cells) {
				return true
			}
		}
		return false
	}
}
