package mapping

import (
	"strings"

	"orderimport/providers"
)

// Mapper turns the cells of one row into a Record aligned with the
// provider's fields. It is immutable and safe for concurrent use.
type Mapper struct {
	fields []providers.Field
	plans  []plan
}

// Fields returns the provider fields the Mapper fills, in Record order.
func (mp *Mapper) Fields() []providers.Field { return mp.fields }

// Map validates and normalises the cells of the row at line. It returns
// every problem of the row at once; a row with any FieldError that is not a
// Warning must not be sent. A blank required OrderLevel field is not an
// error here: the importer fills it from the order's first row and calls
// CheckRequired.
func (mp *Mapper) Map(line int, cells []string) (providers.Record, []*FieldError) {
	vals := make([]string, len(mp.plans))
	var errs []*FieldError
	for i := range mp.plans {
		v, fe := mp.plans[i].value(line, cells)
		vals[i] = v
		if fe != nil {
			errs = append(errs, fe)
		}
	}
	return providers.Record{Values: vals}, errs
}

// value returns the field's value in the row, and its problem if any.
func (p *plan) value(line int, cells []string) (string, *FieldError) {
	if p.isConst {
		return p.constant, nil
	}
	raw := ""
	if p.index >= 0 && p.index < len(cells) {
		raw = cells[p.index]
	}
	v, protected := unwrapText(trimValue(raw))
	if len(p.transforms) > 0 {
		for i := range p.transforms {
			v = p.transforms[i].apply(v)
		}
		v = trimValue(v)
	}
	if v == "" {
		if p.hasDef {
			return p.def, nil
		}
		if p.field.Required && p.field.Level != providers.OrderLevel {
			return "", p.fieldError(line, raw, ErrRequired, false)
		}
		return "", nil
	}
	res := check(&p.field, p.enum, v, protected)
	if res.err != nil {
		fe := p.fieldError(line, raw, res.err, res.warn)
		if !res.warn {
			return v, fe
		}
		return res.value, fe
	}
	return res.value, nil
}

func (p *plan) fieldError(line int, raw string, err error, warning bool) *FieldError {
	fe := &FieldError{Line: line, Field: p.field.Name, Value: raw, Warning: warning, Err: err}
	if !p.isConst && p.index >= 0 {
		fe.Column, fe.Header = p.index+1, p.header
	}
	return fe
}

// unwrapText removes the marks spreadsheets use to keep a number as text:
// ="0123" and a leading apostrophe before a digit or '+'. protected reports
// that such a mark was found.
func unwrapText(v string) (s string, protected bool) {
	if len(v) >= 3 && v[0] == '=' && v[1] == '"' && v[len(v)-1] == '"' {
		return trimValue(strings.ReplaceAll(v[2:len(v)-1], `""`, `"`)), true
	}
	if len(v) >= 2 && v[0] == '\'' && (v[1] == '+' || (v[1] >= '0' && v[1] <= '9')) {
		return v[1:], true
	}
	return v, false
}

// Columns tells, for each field in order, where its value comes from.
func (mp *Mapper) Columns() []ColumnUse {
	out := make([]ColumnUse, len(mp.plans))
	for i := range mp.plans {
		p := &mp.plans[i]
		u := ColumnUse{Field: p.field.Name, Required: p.field.Required, Accepts: p.accepts()}
		switch {
		case p.isConst:
			u.Source, u.Value = SourceConstant, p.constant
		case p.index >= 0:
			u.Source, u.Column, u.Header, u.Value = SourceColumn, p.index+1, p.header, p.def
		case p.hasDef:
			u.Source, u.Value = SourceDefault, p.def
		}
		out[i] = u
	}
	return out
}

// CheckRequired reports the required fields that are blank in r. The
// importer calls it for the rows of an order after copying OrderLevel
// fields from the order's first row.
func (mp *Mapper) CheckRequired(r providers.Record, line int) []*FieldError {
	var errs []*FieldError
	for i := range mp.plans {
		p := &mp.plans[i]
		if !p.field.Required {
			continue
		}
		if i < len(r.Values) && r.Values[i] != "" {
			continue
		}
		errs = append(errs, p.fieldError(line, "", ErrRequired, false))
	}
	return errs
}
