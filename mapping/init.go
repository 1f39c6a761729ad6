package mapping

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"orderimport/providers"
)

// Init implements `orderimport mapping init`: it writes a commented mapping
// file for a file whose header row is header. It starts from the preset
// that recognises the header (its layouts; see RecognisePreset) when that
// preset is written for provider, else from provider's built-in mapping,
// and says which. It writes the base's skip_when rules, and every field
// with the column it found or marked "# MISSING" (with the preset's hint:
// a platform export never names the damaijia gift). The file it writes
// compiles against header and maps the rows as the chosen mapping does; a
// MISSING required field must be filled in, or given with --set. Note
// columns the remark does not send (买家留言 …) are named with the way to
// send them.
func Init(w io.Writer, header []string, provider string, fields []providers.Field) error {
	base, note, err := initBase(header, provider, fields)
	if err != nil {
		return err
	}
	return writeInit(w, base, note, header, provider, fields, true)
}

// writeInit writes the mapping file of base in Init's format; fallback
// fills the fields base leaves undeclared from the built-in mapping's
// columns (Init), or leaves them as base has them (InitFrom).
func writeInit(w io.Writer, base *candidate, note string, header []string, provider string, fields []providers.Field, fallback bool) error {
	ew := &errWriter{w: w}
	ew.printf("# Mapping for provider %s, written by `orderimport mapping init` from %s.\n", provider, base.m.Name)
	ew.printf("# %s\n", note)
	ew.printf("# Header found: %s\n", strings.Join(nonBlank(header), ", "))
	ew.printf("# Edit it, then: orderimport import FILE --provider %s --mapping THIS_FILE\n", provider)
	ew.printf("# A rule is [header, ...] (first present wins), {coalesce: [...]}, {column: C},\n")
	ew.printf("# {template: \"{A}{B}\"}, {value: x}, with default: and transforms: (see the README).\n")
	ew.printf("provider: %s\n", provider)
	writeSkips(ew, base.mp.Skips())
	ew.printf("fields:\n")
	uses := base.mp.Columns()
	var def *Mapper // the default mapping, for fields a preset leaves out
	if m, err := Default(provider); err == nil && m.Name != base.m.Name && fallback {
		def, _, _ = m.compile(header, fields)
	}
	for i, f := range fields {
		p, u := base.mp.plans[i], uses[i]
		_, declared := base.m.Rule(f.Name) // a preset's choice (no product column) stands
		if u.Source == SourceMissing && def != nil && !declared {
			if fu := def.Columns()[i]; fu.Source == SourceColumn || !f.Required {
				p, u = def.plans[i], fu
			}
		}
		ew.printf("\n")
		writeField(ew, f, p, u)
		if f.Name == "remark" {
			writeNotes(ew, header, p)
		}
	}
	return ew.err
}

// initBase chooses what `mapping init` starts from: the preset whose layout
// the header has, when it is written for provider; else the built-in
// mapping ("no preset matches this header"). note says which, in one line.
func initBase(header []string, provider string, fields []providers.Field) (*candidate, string, error) {
	rec, found := RecognisePreset(header)
	if found && rec.Provider == provider {
		m, err := Preset(rec.Preset)
		if err != nil {
			return nil, "", err
		}
		mp, missing, err := m.compile(header, fields)
		if err != nil {
			return nil, "", err
		}
		return &candidate{m: m, mp: mp, missing: len(missing)}, "Recognised " + rec.Layout.Name + ": starting from preset " + rec.Preset + ".", nil
	}
	def, err := Default(provider)
	if err != nil {
		return nil, "", fmt.Errorf("mapping: no mapping for provider %q (have %s)", provider, strings.Join(Providers(), ", "))
	}
	mp, missing, err := def.compile(header, fields)
	if err != nil {
		return nil, "", err
	}
	note := "No preset matches this header: starting from the built-in mapping."
	if found {
		note = fmt.Sprintf("This looks like %s, which preset %s reads for provider %s, not %s: starting from the built-in mapping.",
			rec.Layout.Name, rec.Preset, rec.Provider, provider)
	}
	return &candidate{m: def, mp: mp, missing: len(missing)}, note, nil
}

// writeSkips writes the skip_when rules of the base mapping.
func writeSkips(ew *errWriter, skips []SkipUse) {
	if len(skips) == 0 {
		return
	}
	ew.printf("# Rows these rules match are skipped, never sent (closed, cancelled, refunded orders).\n")
	ew.printf("skip_when:\n")
	for _, u := range skips {
		if u.Column == 0 {
			ew.printf("  # not in this file: column %s\n", strings.Join(u.Rule.Column, " or "))
		}
		ew.printf("  - %s\n", skipYAML(u.Rule))
	}
}

// skipYAML writes a skip rule as a flow-style map.
func skipYAML(r SkipRule) string {
	cols := make([]string, len(r.Column))
	for i, c := range r.Column {
		cols[i] = quote(c)
	}
	parts := []string{"column: " + cols[0]}
	if len(cols) > 1 {
		parts[0] = "column: [" + strings.Join(cols, ", ") + "]"
	}
	if r.Match == MatchFilled {
		parts = append(parts, "filled: true")
	} else {
		vals := make([]string, len(r.Values))
		for i, v := range r.Values {
			vals[i] = quote(v)
		}
		parts = append(parts, r.Match+": ["+strings.Join(vals, ", ")+"]")
	}
	if !r.Reason.IsZero() {
		parts = append(parts, "reason: "+r.Reason.yaml())
	}
	if r.Order {
		parts = append(parts, "scope: order")
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// writeNotes says which note columns of the file the remark does not send,
// and how to send them: a buyer's message is never dropped silently.
func writeNotes(ew *errWriter, header []string, p plan) {
	var unused []string
	for i, h := range header {
		if !slices.Contains(noteHeaders, normHeader(h)) || i == p.index || slices.Contains(p.coalesce, i) {
			continue
		}
		if p.tmpl != nil && slices.ContainsFunc(p.tmpl, func(bp boundPart) bool { return bp.col == i }) {
			continue
		}
		unused = append(unused, strings.TrimSpace(h))
	}
	if len(unused) == 0 {
		return
	}
	names := make([]string, len(unused))
	for i, h := range unused {
		names[i] = "{" + h + "}"
	}
	ew.printf("  # Not sent: %s. To send them in the remark (each consignee with a remark of its own then\n", strings.Join(unused, ", "))
	ew.printf("  # travels in an order of its own):  remark: {template: %s, default: orderimport}\n", quote(strings.Join(names, " ")))
}

// candidate is a mapping compiled against the header.
type candidate struct {
	m       *Mapping
	mp      *Mapper
	missing int
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
	case u.Source == SourceMissing && f.Required && !p.rule.Hint.IsZero():
		ew.printf("  # MISSING: name the column here, or give --set %s=VALUE\n", f.Name)
		ew.printf("  %s: {hint: %s}\n", f.Name, p.rule.Hint.yaml())
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
		return RecognisesAny(cells)
	}
}
