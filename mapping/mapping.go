package mapping

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Mapping says, for each provider field, where its value comes from.
type Mapping struct {
	// Name identifies the mapping in errors (its file name).
	Name string
	// Provider is the provider the file is written for; empty when the file
	// does not say. The importer checks it against --provider.
	Provider string
	// Dir is the directory lookup tables are relative to: Load sets it to
	// the mapping file's directory; "" means the working directory.
	Dir string
	// Rules holds one rule per field, in file order.
	Rules []Rule
	// Skip lists the skip_when rules: rows they match are not sent.
	Skip []SkipRule
	// Layouts lists the exports the mapping is written for (presets): a
	// file whose header has a layout's headers is recognised as that
	// export (see Recognise).
	Layouts []Layout
	// Preset names the preset the file starts from ("preset: shopify"):
	// its rules, skip rules and layouts are inherited, the file's own
	// rules replace the preset's rules of the same fields.
	Preset string
}

// Layout is one export a mapping is written for, recognised by its header.
type Layout struct {
	// Line is the layout's line in the mapping file.
	Line int
	// Name names the export in messages: "a Taobao/Tmall order export (订单报表)".
	Name string
	// Headers are the header names a file of this export always has; a
	// header with all of them is recognised as this export.
	Headers []string
	// Lacks, when set, says in one line what this export lacks and how a
	// merchant gets it: it replaces the list of missing columns when
	// required fields have no column.
	Lacks Text
}

// Rule says where one field's value comes from.
type Rule struct {
	// Field is the provider field the rule fills.
	Field string
	// Line is the rule's line in the mapping file, 0 for --set constants.
	Line int
	// Headers lists the accepted header names; the first name of the list
	// found in the file wins (so list the preferred column first), and when
	// the file has that name twice the leftmost column wins.
	Headers []string
	// Coalesce lists header names whose columns are read in turn for each
	// row: the first non-blank cell wins (修改后的收货地址 before 收货地址).
	Coalesce []string
	// Template combines columns and fields into one value, e.g.
	// "{省}{市}{区}{详细地址}": each {name} is the cell of the column with that
	// header, or else the source value of the field of that name.
	Template string
	// Column is a fixed 1-based column, 0 when not set.
	Column int
	// Value is a constant for every row; it is used when HasValue is set.
	Value string
	// HasValue says the rule is the constant Value (from the file or --set).
	HasValue bool
	// Default fills a blank cell or an absent column when HasDefault is set.
	Default string
	// HasDefault says Default is set.
	HasDefault bool
	// Transforms are applied in order to every cell value.
	Transforms []Transform
	// Hint, when set, says how to give the field a value when the file has
	// no column for it (the damaijia gift a platform export never names).
	Hint Text
	// Source names the mapping the rule comes from when it is inherited
	// from a preset ("preset shopify"); "" is the mapping itself.
	Source string
}

// Rule returns the rule of field and whether there is one.
func (m *Mapping) Rule(field string) (Rule, bool) {
	if i := m.ruleIndex(field); i >= 0 {
		return m.Rules[i], true
	}
	return Rule{}, false
}

func (m *Mapping) ruleIndex(field string) int {
	return slices.IndexFunc(m.Rules, func(r Rule) bool { return r.Field == field })
}

// Set makes field the constant value, replacing the file's rule for it. It
// implements --set field=value.
func (m *Mapping) Set(field, value string) {
	r := Rule{Field: field, Value: value, HasValue: true}
	if i := m.ruleIndex(field); i >= 0 {
		m.Rules[i] = r
		return
	}
	m.Rules = append(m.Rules, r)
}

// Load reads and parses the mapping file at path.
func Load(path string) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	m, err := Parse(data, path)
	if err != nil {
		return nil, err
	}
	m.Dir = filepath.Dir(path)
	return m, nil
}

//go:embed defaults/*.yaml
var defaults embed.FS

// Providers lists the providers that have a built-in default mapping.
func Providers() []string {
	entries, err := defaults.ReadDir("defaults")
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return names
}

// DefaultSource returns the YAML text of provider's built-in mapping, for
// `mapping init` to write out as a starting point.
func DefaultSource(provider string) ([]byte, error) {
	if provider == "" || strings.ContainsAny(provider, `/\.`) {
		return nil, fmt.Errorf("mapping: no default mapping for provider %q (have %s)", provider, strings.Join(Providers(), ", "))
	}
	data, err := defaults.ReadFile("defaults/" + provider + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("mapping: no default mapping for provider %q (have %s)", provider, strings.Join(Providers(), ", "))
	}
	return data, nil
}

// Default returns provider's built-in mapping (defaults/<provider>.yaml).
func Default(provider string) (*Mapping, error) {
	data, err := DefaultSource(provider)
	if err != nil {
		return nil, err
	}
	return Parse(data, filepath.ToSlash(filepath.Join("defaults", provider+".yaml")))
}
