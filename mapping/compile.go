package mapping

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"orderimport/providers"
)

// Source says where a field's value comes from in a compiled Mapper.
type Source int

// The sources of a field's value.
const (
	// SourceMissing: no column, constant or default; the field stays blank.
	SourceMissing Source = iota
	// SourceColumn: a column of the file (with the default for blank cells,
	// if any).
	SourceColumn
	// SourceConstant: a constant from the mapping or --set.
	SourceConstant
	// SourceDefault: no column; the default is used for every row.
	SourceDefault
	// SourceTemplate: a template combining columns and fields.
	SourceTemplate
	// SourceSplit: filled by the split_address rule of another field.
	SourceSplit
)

// String returns the source's name: missing, column, constant or default.
func (s Source) String() string {
	switch s {
	case SourceColumn:
		return "column"
	case SourceConstant:
		return "constant"
	case SourceDefault:
		return "default"
	case SourceTemplate:
		return "template"
	case SourceSplit:
		return "split"
	}
	return "missing"
}

// ColumnUse tells where one field's value comes from, for `mapping init`
// and `mapping check`.
type ColumnUse struct {
	// Field is the provider field.
	Field string
	// Required is the field's Required.
	Required bool
	// Source says where the value comes from.
	Source Source
	// Column is the 1-based column for SourceColumn, else 0.
	Column int
	// Header is the header cell of Column.
	Header string
	// Value is the constant (SourceConstant) or the default, if any; the
	// template (SourceTemplate); the address field (SourceSplit).
	Value string
	// Accepts lists the header names the mapping accepts for the field.
	Accepts []string
	// Fallbacks lists the other columns of a coalesce rule, read in turn
	// when Column is blank: "J (收货地址)".
	Fallbacks []string
}

// String returns e.g. `mobile ← column C (手机)`, `product_id = "614"` or
// `remark: missing`.
func (c ColumnUse) String() string {
	switch c.Source {
	case SourceColumn:
		s := fmt.Sprintf("%s ← column %s (%s)", c.Field, ColumnName(c.Column), c.Header)
		if len(c.Fallbacks) > 0 {
			s += ", else " + strings.Join(c.Fallbacks, ", else ")
		}
		if c.Value != "" {
			s += fmt.Sprintf(", default %q", c.Value)
		}
		return s
	case SourceConstant:
		return fmt.Sprintf("%s = %q", c.Field, c.Value)
	case SourceDefault:
		return fmt.Sprintf("%s = %q (default, no column)", c.Field, c.Value)
	case SourceTemplate:
		return fmt.Sprintf("%s ← template %q", c.Field, c.Value)
	case SourceSplit:
		return fmt.Sprintf("%s ← split_address of %s", c.Field, c.Value)
	}
	if c.Required {
		return c.Field + ": missing (required)"
	}
	return c.Field + ": missing"
}

// plan is how a Mapper fills one field.
type plan struct {
	field      providers.Field
	rule       Rule // zero when the mapping has no rule for the field
	index      int  // 0-based column, -1 for none
	header     string
	headers    []string // the file's header cells, trimmed (shared, read-only)
	isConst    bool
	constant   string // normalised
	hasDef     bool
	def        string            // normalised
	enum       map[string]string // folded enum value or alias → enum value
	transforms []Transform       // lookup tables bound
	coalesce   []int             // 0-based columns read in turn; first non-blank wins
	tmpl       []boundPart       // template parts; nil when no template
	split      *splitTargets     // split_address: where the parts go
	filled     bool              // a split_address rule fills this field
}

// boundPart is a template part bound to a column or a field.
type boundPart struct {
	text  string
	col   int // 0-based column, -1 for none
	field int // field index, -1 for none
}

// Compile binds the mapping to a file's header row and a provider's fields.
//
// A rule for a field the provider does not have is an error naming the
// mapping file and line. A field without a rule accepts a header equal to
// its name. A constant or default that fails the field's validation is an
// error. When a required field has no column, constant or default, the
// error is a *HeaderError listing all such fields.
func (m *Mapping) Compile(header []string, fields []providers.Field) (*Mapper, error) {
	mp, missing, err := m.compile(header, fields)
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		e := &HeaderError{Mapping: m.Name, Missing: missing, Found: nonBlank(header)}
		if l, ok := m.Recognise(header); ok {
			e.Layout, e.Lacks = l.Name, l.Lacks
		}
		return nil, e
	}
	return mp, nil
}

// compile builds the Mapper and lists the required fields without a source.
func (m *Mapping) compile(header []string, fields []providers.Field) (*Mapper, []MissingField, error) {
	if err := m.checkFields(fields); err != nil {
		return nil, nil, err
	}
	folded := make([]string, len(header))
	trimmed := make([]string, len(header))
	for i, h := range header {
		folded[i], trimmed[i] = normHeader(h), strings.TrimPrefix(trimValue(h), "\ufeff")
	}
	mp := &Mapper{fields: fields, plans: make([]plan, len(fields))}
	var errs []error
	tables := tableCache{}
	for i := range fields {
		p, err := m.plan(&fields[i], header, folded)
		if err == nil {
			err = m.bindLookups(&p, tables)
		}
		if err != nil {
			errs = append(errs, err)
		}
		p.headers = trimmed
		mp.plans[i] = p
	}
	for i := range mp.plans {
		if err := m.bindExtras(mp, i, header, folded); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	mp.country = mp.countryField()
	mp.preset = m.Preset
	if name, ok := strings.CutPrefix(m.Name, "preset "); ok && mp.preset == "" {
		mp.preset = name
	}
	mp.staged, mp.blank, mp.plain = mp.needsStaging(), mp.blankFields(), mp.plainFields()
	mp.skips = m.bindSkips(header, folded)
	mp.regions = mp.bindRegions()
	var missing []MissingField
	for i := range mp.plans {
		p := &mp.plans[i]
		if !p.hasSource() && p.field.Required {
			missing = append(missing, MissingField{Field: p.field.Name, Accepts: p.accepts(), Hint: p.rule.Hint})
		}
	}
	return mp, missing, nil
}

func (m *Mapping) checkFields(fields []providers.Field) error {
	var errs []error
	for _, r := range m.Rules {
		if providers.FieldIndex(fields, r.Field) >= 0 {
			continue
		}
		names := make([]string, len(fields))
		for i, f := range fields {
			names[i] = f.Name
		}
		errs = append(errs, &ParseError{File: m.fileOf(r), Line: r.Line, Field: r.Field,
			Err: fmt.Errorf("unknown field (the provider's fields are %s)", strings.Join(names, ", "))})
	}
	return errors.Join(errs...)
}

func (m *Mapping) plan(f *providers.Field, header, folded []string) (plan, error) {
	p := plan{field: *f, index: -1, enum: enumTable(f)}
	r, found := m.Rule(f.Name)
	if !found {
		r = Rule{Field: f.Name, Headers: []string{f.Name}}
	}
	p.rule, p.transforms = r, slices.Clone(r.Transforms)
	switch {
	case r.HasValue:
		v, err := m.checkConstant(&p, r, "value", r.Value)
		p.isConst, p.constant = true, v
		return p, err
	case r.Column > 0:
		p.index = r.Column - 1
	case len(r.Coalesce) > 0:
		p.coalesce = findHeaders(r.Coalesce, folded)
		if len(p.coalesce) > 0 {
			p.index = p.coalesce[0]
		}
	case r.Template != "":
	default:
		p.index = findHeader(r.Headers, folded)
	}
	if p.index >= 0 && p.index < len(header) {
		p.header = strings.TrimPrefix(trimValue(header[p.index]), "\ufeff")
	}
	if r.HasDefault {
		v, err := m.checkConstant(&p, r, "default", r.Default)
		p.hasDef, p.def = v != "", v // a blank default is no default
		return p, err
	}
	return p, nil
}

// checkConstant validates a constant or default once, at Compile.
func (m *Mapping) checkConstant(p *plan, r Rule, what, v string) (string, error) {
	v = trimValue(v)
	if v == "" {
		if what == "value" && p.field.Required {
			if r.Line == 0 {
				what = "--set value"
			}
			return "", &ParseError{File: m.fileOf(r), Line: r.Line, Field: r.Field, Err: fmt.Errorf("%s is blank but the field is required", what)}
		}
		return "", nil
	}
	res := check(&p.field, p.enum, v, true)
	if res.err != nil && !res.warn {
		if r.Line == 0 {
			what = "--set value"
		}
		return "", &ParseError{File: m.fileOf(r), Line: r.Line, Field: r.Field, Err: fmt.Errorf("%s: %w", what, res.err)}
	}
	return res.value, nil
}

// findHeader returns the column of the first accepted name present in the
// header (the leftmost column of that name), or -1.
func findHeader(accepted, folded []string) int {
	for _, a := range accepted {
		a = normHeader(a)
		for i, h := range folded {
			if h == a {
				return i
			}
		}
	}
	return -1
}

// findHeaders returns the columns of the accepted names present in the
// header, in the order of the list.
func findHeaders(accepted, folded []string) []int {
	var cols []int
	for _, a := range accepted {
		if i := findHeader([]string{a}, folded); i >= 0 && !slices.Contains(cols, i) {
			cols = append(cols, i)
		}
	}
	return cols
}

// hasSource reports whether the field gets a value from somewhere.
func (p *plan) hasSource() bool {
	return p.index >= 0 || p.isConst || p.hasDef || p.tmpl != nil || p.filled
}

func enumTable(f *providers.Field) map[string]string {
	if f.Kind != providers.KindEnum {
		return nil
	}
	t := make(map[string]string, len(f.Enum)+len(f.Aliases))
	for _, e := range f.Enum {
		t[strings.ToLower(e)] = e
	}
	for a, e := range f.Aliases {
		t[strings.ToLower(a)] = e
	}
	return t
}

func (p *plan) accepts() []string {
	switch {
	case p.rule.Column > 0:
		return []string{"column " + ColumnName(p.rule.Column)}
	case len(p.rule.Coalesce) > 0:
		return p.rule.Coalesce
	case p.rule.Template != "":
		return []string{"template " + p.rule.Template}
	}
	return p.rule.Headers
}

func nonBlank(header []string) []string {
	var out []string
	for _, h := range header {
		if h = strings.TrimPrefix(trimValue(h), "\ufeff"); h != "" {
			out = append(out, h)
		}
	}
	return out
}
