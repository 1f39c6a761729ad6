package mapping

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"orderimport/importer/i18n"
	"orderimport/mapping/regions"
	"orderimport/providers"
)

// Mapper turns the cells of one row into a Record aligned with the
// provider's fields. It is immutable and safe for concurrent use.
type Mapper struct {
	fields []providers.Field
	plans  []plan
	// staged: a field's value may depend on other fields of the row (a
	// split_address rule, or order-level fields of a continuation row), so
	// every value is extracted before any is validated.
	staged bool
	// blank[i]: field i has no source and nothing to check; it is always
	// "" (an optional field the file does not have).
	blank []bool
	// plain[i]: field i's value comes from one cell alone (no template,
	// fallback columns, constant or split), so equal cells give equal
	// values (see Memo).
	plain []bool
	// skips are the mapping's skip_when rules bound to the file's columns.
	skips []boundSkip
	// regions are the province, city and district fields normalised
	// together (normaliseRegions).
	regions []regionTriple
	// ev, when set, tells whether a column's long numbers are genuine.
	ev Evidence
	// country is the provider's country field (-1: none): its phones are
	// checked against the row's country.
	country int
	// preset names the preset the mapping is or starts from, for messages.
	preset string
}

// A Memo remembers, for one caller of MapToMemo, the last valid value of
// each field whose value comes from one cell: a cell repeated from the row
// before (the same product, source or province on row after row) is not
// checked again. Cells with problems are never remembered: they are
// reported on every row. A Memo is used by one goroutine at a time; its
// zero value is ready, and it forgets everything when given to another
// Mapper.
type Memo struct {
	mp   *Mapper // the Mapper last holds values of
	last []memoEntry
	// regions remembers normalised provinces, cities and districts.
	regions map[regionKey]regions.Address
}

type memoEntry struct {
	raw, value string
	set        bool
}

// blankFields returns Mapper.blank.
func (mp *Mapper) blankFields() []bool {
	blank := make([]bool, len(mp.plans))
	for i := range mp.plans {
		p := &mp.plans[i]
		blank[i] = !p.hasSource() && len(p.transforms) == 0 && !p.field.Required
	}
	return blank
}

// plainFields returns Mapper.plain.
func (mp *Mapper) plainFields() []bool {
	plain := make([]bool, len(mp.plans))
	for i := range mp.plans {
		p := &mp.plans[i]
		plain[i] = p.index >= 0 && !p.isConst && p.tmpl == nil && len(p.coalesce) <= 1 && p.split == nil && !p.filled
	}
	return plain
}

// needsStaging reports whether a row's values must all be extracted before
// they are validated (see Mapper.staged).
func (mp *Mapper) needsStaging() bool {
	for i := range mp.plans {
		p := &mp.plans[i]
		if p.split != nil || p.field.Level == providers.OrderLevel || (mp.country >= 0 && p.field.Kind == providers.KindMobile) {
			return true
		}
	}
	return false
}

// countryField returns the provider's country field, or -1.
func (mp *Mapper) countryField() int {
	for i := range mp.plans {
		if mp.plans[i].field.Kind == providers.KindCountry {
			return i
		}
	}
	return -1
}

// validatePhones checks the row's phone fields against its country (an
// ISO code other than CN; mainland rules otherwise).
func (mp *Mapper) validatePhones(line int, vals []cell, out []string, errs []*FieldError) []*FieldError {
	country := out[mp.country]
	if len(country) != 2 || country == "CN" || reported(errs, mp.plans[mp.country].field.Name) {
		country = ""
	}
	for i := range mp.plans {
		if mp.plans[i].field.Kind != providers.KindMobile {
			continue
		}
		vals[i].country = country
		v, fe := mp.plans[i].validate(line, &vals[i], mp.ev)
		out[i] = v
		if fe != nil {
			errs = append(errs, fe)
		}
	}
	return errs
}

// reported reports whether errs has a problem with field.
func reported(errs []*FieldError, field string) bool {
	for _, e := range errs {
		if e.Field == field && !e.Warning {
			return true
		}
	}
	return false
}

// Fields returns the provider fields the Mapper fills, in Record order.
func (mp *Mapper) Fields() []providers.Field { return mp.fields }

// Map validates and normalises the cells of the row at line. It returns
// every problem of the row at once; a row with any FieldError that is not a
// Warning must not be sent. A blank required OrderLevel field is not an
// error here: the importer fills it from the order's first row and calls
// CheckRequired.
func (mp *Mapper) Map(line int, cells []string) (providers.Record, []*FieldError) {
	return mp.MapTo(make([]string, len(mp.plans)), line, cells)
}

// MapTo is Map with the record's values stored in dst, which must have
// room for one value per field (len(Fields())): a caller mapping many rows
// can take them from one allocation.
func (mp *Mapper) MapTo(dst []string, line int, cells []string) (providers.Record, []*FieldError) {
	return mp.MapToMemo(nil, dst, line, cells)
}

// MapToMemo is MapTo remembering the last valid values in m (nil: none),
// for a caller that maps rows one after another.
func (mp *Mapper) MapToMemo(m *Memo, dst []string, line int, cells []string) (providers.Record, []*FieldError) {
	return mp.mapRow(m, dst, line, cells, cellTypes{})
}

// MapTyped is MapToMemo for a row of a file that records its cells' types
// (XLSX): numbers lists the 0-based columns whose cell is stored as a
// number of 16 or more digits. Any other cell was stored as text, and Excel
// never rounded it: a long id in it is genuine even when it ends in zeros.
func (mp *Mapper) MapTyped(m *Memo, dst []string, line int, cells []string, numbers []int) (providers.Record, []*FieldError) {
	return mp.mapRow(m, dst, line, cells, cellTypes{typed: true, numbers: numbers})
}

// cellTypes says which cells of a row a typed file stores as long numbers.
type cellTypes struct {
	typed   bool
	numbers []int
}

// text reports whether the cell of column col is known to be stored as
// text.
func (t cellTypes) text(col int) bool {
	return t.typed && col >= 0 && !slices.Contains(t.numbers, col)
}

func (mp *Mapper) mapRow(m *Memo, dst []string, line int, cells []string, types cellTypes) (providers.Record, []*FieldError) {
	if !mp.staged {
		return mp.mapEach(m, dst, line, cells, types)
	}
	var buf [24]cell // on the stack: no per-row allocation for common mappings
	var vals []cell
	if len(mp.plans) <= len(buf) {
		vals = buf[:len(mp.plans)]
	} else {
		vals = make([]cell, len(mp.plans))
	}
	var errs []*FieldError
	for i := range mp.plans {
		mp.extract(i, cells, &vals[i])
		vals[i].text = types.text(vals[i].col)
	}
	for i := range mp.plans {
		if mp.plans[i].split != nil {
			if fe := mp.splitAddress(i, line, vals); fe != nil {
				errs = append(errs, fe)
			}
		}
	}
	cont := mp.continuation(vals)
	out := dst[:len(mp.plans):len(mp.plans)]
	for i := range mp.plans {
		if cont && mp.plans[i].field.Level == providers.OrderLevel {
			vals[i].noDefault = true
		}
		if mp.country >= 0 && mp.plans[i].field.Kind == providers.KindMobile {
			continue // checked below, against the row's country
		}
		v, fe := mp.plans[i].validate(line, &vals[i], mp.ev)
		out[i] = v
		if fe != nil {
			errs = append(errs, fe)
		}
	}
	if mp.country >= 0 {
		errs = mp.validatePhones(line, vals, out, errs)
	}
	if len(mp.regions) > 0 {
		errs = mp.normaliseRegions(m, line, out, errs)
	}
	if len(errs) > 1 {
		shortenMasked(errs)
	}
	return providers.Record{Values: out}, errs
}

// mapEach is MapTo for a mapping whose fields do not depend on each other
// (not staged): each value is validated as soon as it is extracted.
func (mp *Mapper) mapEach(m *Memo, dst []string, line int, cells []string, types cellTypes) (providers.Record, []*FieldError) {
	out := dst[:len(mp.plans):len(mp.plans)]
	if m != nil && m.mp != mp {
		m.mp, m.last = mp, make([]memoEntry, len(mp.plans))
	}
	var errs []*FieldError
	for i := range mp.plans {
		if mp.blank[i] {
			out[i] = ""
			continue
		}
		remember := m != nil && mp.plain[i] && (!types.typed || !slices.Contains(types.numbers, mp.plans[i].index))
		if remember {
			if e := &m.last[i]; e.set && e.raw == cellAt(cells, mp.plans[i].index) {
				out[i] = e.value
				continue
			}
		}
		var c cell
		mp.extract(i, cells, &c)
		c.text = types.text(c.col)
		v, fe := mp.plans[i].validate(line, &c, mp.ev)
		out[i] = v
		switch {
		case fe != nil:
			errs = append(errs, fe)
		case remember:
			m.last[i] = memoEntry{raw: c.raw, value: v, set: true}
		}
	}
	if len(mp.regions) > 0 {
		errs = mp.normaliseRegions(m, line, out, errs)
	}
	if len(errs) > 1 {
		shortenMasked(errs)
	}
	return providers.Record{Values: out}, errs
}

// cell is a field's value before validation.
type cell struct {
	raw       string // the cell text as read, for messages
	col       int    // 0-based column the value came from, -1 for none
	value     string // after unwrapping and transforms
	protected bool   // the cell was stored as text (="..." or ')
	text      bool   // the file says the cell is stored as text (XLSX)
	country   string // a phone's row's country (ISO code), "" when unknown or CN
	isConst   bool   // a constant: already validated
	err       error  // a transform failed
	skip      bool   // already reported (split_address failed)
	noDefault bool   // a continuation row: inherit, do not default
}

// continuation reports whether the row looks like a continuation row of a
// multi-row order: the provider has order-level fields read from columns,
// and all of them (the order key, which is not sent, aside) are blank. Such
// a row inherits the order's fields from its first row, so the defaults of
// order-level fields are not applied to it.
func (mp *Mapper) continuation(vals []cell) bool {
	columns := 0
	for i := range mp.plans {
		p := &mp.plans[i]
		if p.field.Level != providers.OrderLevel || p.field.NotSent || p.isConst || (p.index < 0 && p.tmpl == nil) {
			continue
		}
		if vals[i].value != "" {
			return false
		}
		columns++
	}
	return columns > 0
}

// extract sets c to field i's value in the row, before validation. c is
// the zero cell on entry.
func (mp *Mapper) extract(i int, cells []string, c *cell) {
	p := &mp.plans[i]
	if p.isConst {
		*c = cell{value: p.constant, isConst: true, col: -1}
		return
	}
	c.col = p.index
	switch {
	case p.tmpl != nil:
		c.raw = mp.fillTemplate(p.tmpl, cells)
	case len(p.coalesce) > 1:
		for _, col := range p.coalesce {
			if col < len(cells) && trimValue(cells[col]) != "" {
				c.col = col
				break
			}
		}
		c.raw = cellAt(cells, c.col)
	default:
		c.raw = cellAt(cells, p.index)
	}
	c.value, c.protected = unwrapText(trimValue(c.raw))
	if len(c.raw) > 1 && c.raw[0] == '\t' && c.raw[1] >= '0' && c.raw[1] <= '9' {
		c.protected = true // a leading tab keeps a number as text (Pinduoduo)
	}
	for k := range p.transforms {
		if p.transforms[k].Name == "split_address" {
			break
		}
		v, err := p.transforms[k].apply(c.value)
		if err != nil {
			c.err = err
			break
		}
		c.value = v
	}
	if len(p.transforms) > 0 {
		c.value = trimValue(c.value)
	}
}

func cellAt(cells []string, col int) string {
	if col >= 0 && col < len(cells) {
		return cells[col]
	}
	return ""
}

// fillTemplate joins a template's text and the cells and field sources it
// names; a field's source is its column's cell, else its constant or
// default.
func (mp *Mapper) fillTemplate(t []boundPart, cells []string) string {
	var b strings.Builder
	for _, bp := range t {
		switch {
		case bp.col >= 0:
			v, _ := unwrapText(trimValue(cellAt(cells, bp.col)))
			b.WriteString(v)
		case bp.field >= 0:
			b.WriteString(mp.plans[bp.field].source(cells))
		default:
			b.WriteString(bp.text)
		}
	}
	return b.String()
}

// source returns the field's value as its column, constant or default
// gives it, without transforms.
func (p *plan) source(cells []string) string {
	if p.isConst {
		return p.constant
	}
	col := p.index
	for _, c := range p.coalesce {
		if c < len(cells) && trimValue(cells[c]) != "" {
			col = c
			break
		}
	}
	v, _ := unwrapText(trimValue(cellAt(cells, col)))
	if v == "" && p.hasDef {
		return p.def
	}
	return v
}

// validate checks a field's extracted value; ev (nil: none) may show that a
// long number that looks rounded by Excel is genuine.
func (p *plan) validate(line int, c *cell, ev Evidence) (string, *FieldError) {
	if c.isConst {
		return c.value, nil
	}
	if c.err != nil {
		return c.value, p.cellError(line, c, c.err, false)
	}
	v := c.value
	if v == "" {
		if p.hasDef && !c.noDefault {
			return p.def, nil
		}
		if p.field.Required && p.field.Level != providers.OrderLevel && !c.skip {
			return "", p.cellError(line, c, ErrRequired, false)
		}
		return "", nil
	}
	var res result
	if c.country != "" && p.field.Kind == providers.KindMobile && !(p.field.Personal && masked(v)) {
		res = checkPhoneIn(&p.field, v, c.country)
	} else {
		res = check(&p.field, p.enum, v, c.protected || c.text)
	}
	if res.err != nil && !res.warn && ev != nil && c.col >= 0 && errors.Is(res.err, ErrExcelNumber) && ev.Genuine(c.col) {
		res = check(&p.field, p.enum, v, true)
	}
	if res.err != nil {
		fe := p.cellError(line, c, res.err, res.warn)
		if !res.warn {
			return v, fe
		}
		return res.value, fe
	}
	return res.value, nil
}

// cellError locates a problem at the column the value came from.
func (p *plan) cellError(line int, c *cell, err error, warning bool) *FieldError {
	fe := &FieldError{Line: line, Field: p.field.Name, Value: c.raw, Warning: warning, Err: err}
	if c.col >= 0 {
		fe.Column, fe.Header = c.col+1, p.headerOf(c.col)
	}
	return fe
}

// headerOf returns the header cell of column col.
func (p *plan) headerOf(col int) string {
	if col == p.index {
		return p.header
	}
	if col >= 0 && col < len(p.headers) {
		return p.headers[col]
	}
	return ""
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
		case p.tmpl != nil:
			u.Source, u.Value = SourceTemplate, p.rule.Template
		case p.index >= 0:
			u.Source, u.Column, u.Header, u.Value = SourceColumn, p.index+1, p.header, p.def
			for _, c := range p.coalesce[min(1, len(p.coalesce)):] {
				u.Fallbacks = append(u.Fallbacks, fmt.Sprintf("%s (%s)", ColumnName(c+1), p.headerOf(c)))
			}
		case p.hasDef:
			u.Source, u.Value = SourceDefault, p.def
		case p.filled:
			u.Source, u.Value = SourceSplit, mp.splitterOf(i)
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
		err := ErrRequired
		if p.field.Level == providers.OrderLevel {
			err = blankOrderField(p.field.Name, p.exampleHeader(), mp.preset)
		}
		errs = append(errs, p.fieldError(line, "", err, false))
	}
	return errs
}

// blankOrderField is ErrRequired for an order-level field the export left
// blank (no e-mail on a cash-on-delivery store): it says how to fill it,
// with the mapping rule (naming header, if any) and the preset the mapping
// starts from, if any.
func blankOrderField(field, header, preset string) *Problem {
	rule := fmt.Sprintf("%s: {default: VALUE}", field)
	if header != "" {
		rule = fmt.Sprintf("%s: {headers: [%s], default: VALUE}", field, header)
	}
	kinds := []error{ErrRequired}
	if preset != "" {
		return problem(kinds, i18n.ValBlankOrderFieldPreset, rule, preset, field)
	}
	return problem(kinds, i18n.ValBlankOrderField, rule, field)
}

// exampleHeader returns the header a rule for the field would name: its
// column's, else the first it accepts.
func (p *plan) exampleHeader() string {
	if p.header != "" {
		return p.header
	}
	if len(p.rule.Headers) > 0 {
		return p.rule.Headers[0]
	}
	return ""
}

// splitterOf returns the field whose split_address fills field i.
func (mp *Mapper) splitterOf(i int) string {
	for k := range mp.plans {
		if t := mp.plans[k].split; t != nil && (t.province == i || t.city == i || t.district == i) {
			return mp.plans[k].field.Name
		}
	}
	return ""
}
