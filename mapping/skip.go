package mapping

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/width"

	"orderimport/importer/i18n"
)

// SkipRule keeps the rows whose cell in one column says the order must not
// be sent (a closed, cancelled, refunded or deleted order; a gift-card line)
// from being sent. Such a row is "skipped" with the rule's reason; it is
// counted, never sent, and its other problems do not matter.
//
// In a mapping file:
//
//	skip_when:
//	  - column: 订单状态             # the column's header (or a list: the first present wins)
//	    matches: [交易关闭]          # or starts_with: [...], contains: [...], filled: true
//	    reason: {zh: 淘宝订单已关闭, en: order closed on Taobao}   # or one string for every language
//	    scope: order                # optional: row (default) or order
type SkipRule struct {
	// Line is the rule's line in the mapping file.
	Line int
	// Source names the mapping file the rule comes from (a preset's name
	// for a rule inherited with "preset:"); "" is the mapping itself.
	Source string
	// Column lists the accepted header names of the column read; the first
	// one the file has wins.
	Column []string
	// Match is how the cell is compared with Values: MatchExact,
	// MatchPrefix, MatchContains, or MatchFilled (any non-blank cell).
	Match string
	// Values are the cell texts that skip the row. Case, surrounding
	// spaces, full-width forms and Excel's text marks are ignored.
	Values []string
	// Reason says why, e.g. "order closed on Taobao" (淘宝订单已关闭); a
	// skipped row's error reads "order closed on Taobao: 交易关闭"
	// (淘宝订单已关闭：交易关闭 in Chinese).
	Reason Text
	// Order makes the rule skip the whole order when it matches any row of
	// it (a storefront order of several rows whose order-level columns are
	// filled on its first row only: a cancelled order). Without it only the
	// matching row is skipped (a gift-card line of an order whose other
	// lines are sent). With damaijia one row is one consignee and Order
	// makes no difference.
	Order bool
}

// The ways a SkipRule compares a cell.
const (
	MatchExact    = "matches"
	MatchPrefix   = "starts_with"
	MatchContains = "contains"
	MatchFilled   = "filled"
)

// Skip says why a row is not sent.
type Skip struct {
	// Reason is the rule's reason and the cell in English, e.g.
	// "order closed on Taobao: 交易关闭" (Text gives it in any language).
	Reason string
	// Order says the whole order of the row is skipped (SkipRule.Order).
	Order bool

	rule   *SkipRule
	header string // the header of the rule's column
	cell   string // the cell, Excel's text marks removed
}

// Text returns the rule's reason and the cell in language l:
// "淘宝订单已关闭：交易关闭", or with the header for a filled rule or a
// yes/no cell, which say little alone: "order cancelled on Shopify:
// Cancelled at 2024-03-02 10:00:00". A rule without a reason names its
// column: "skip_when 订单状态: 交易关闭".
func (s Skip) Text(l i18n.Lang) string {
	if s.rule == nil {
		return s.Reason
	}
	r := s.rule.Reason.In(l)
	if r == "" {
		r = "skip_when " + s.header
	}
	if s.rule.Match == MatchFilled || isFlag(s.cell) {
		return i18n.Sprintf(l, i18n.RowSkippedFlag, r, s.header, s.cell)
	}
	return i18n.Sprintf(l, i18n.RowSkipped, r, s.cell)
}

// boundSkip is a SkipRule bound to a column of the file.
type boundSkip struct {
	rule   *SkipRule
	col    int      // 0-based; -1 when the file lacks the column
	header string   // the file's header cell of col
	folded []string // the rule's values, folded
}

// bindSkips binds the mapping's skip rules to the header.
func (m *Mapping) bindSkips(header, folded []string) []boundSkip {
	out := make([]boundSkip, len(m.Skip))
	for i := range m.Skip {
		r := &m.Skip[i]
		b := boundSkip{rule: r, col: findHeader(r.Column, folded)}
		if b.col >= 0 {
			b.header = strings.TrimPrefix(trimValue(header[b.col]), "\ufeff")
		}
		for _, v := range r.Values {
			b.folded = append(b.folded, foldValue(v))
		}
		out[i] = b
	}
	return out
}

// foldValue folds a cell for a skip rule: Excel's text marks removed,
// surrounding spaces trimmed, full-width forms narrowed, case folded.
func foldValue(s string) string {
	s, _ = unwrapText(trimValue(s))
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.ToLower(width.Fold.String(s))
		}
	}
	return strings.ToLower(s)
}

// Skip reports whether the mapping's skip_when rules keep the row with
// cells from being sent, and why. The first matching rule gives the reason.
func (mp *Mapper) Skip(cells []string) (Skip, bool) {
	for i := range mp.skips {
		b := &mp.skips[i]
		if b.col < 0 || b.col >= len(cells) {
			continue
		}
		raw := cells[b.col]
		if trimValue(raw) == "" {
			continue
		}
		if b.matches(raw) {
			s := Skip{Order: b.rule.Order, rule: b.rule, header: b.header}
			s.cell, _ = unwrapText(trimValue(raw))
			s.Reason = s.Text(i18n.En)
			return s, true
		}
	}
	return Skip{}, false
}

func (b *boundSkip) matches(raw string) bool {
	if b.rule.Match == MatchFilled {
		return true
	}
	v := foldValue(raw)
	for _, w := range b.folded {
		switch b.rule.Match {
		case MatchExact:
			if v == w {
				return true
			}
		case MatchPrefix:
			if strings.HasPrefix(v, w) {
				return true
			}
		case MatchContains:
			if strings.Contains(v, w) {
				return true
			}
		}
	}
	return false
}

// isFlag reports whether a cell is a yes/no flag, which says little
// without its header.
func isFlag(v string) bool {
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "0", "1", "是", "否":
		return true
	}
	return false
}

// SkipUse describes one skip_when rule as bound to a file, for messages and
// `mapping check`.
type SkipUse struct {
	// Rule is the rule.
	Rule SkipRule
	// Column is the 1-based column read, 0 when the file lacks it.
	Column int
	// Header is the header cell of Column.
	Header string
}

// String returns e.g. `skip when column K (订单状态) matches 交易关闭: order
// closed on Taobao` or `skip_when: no column 订单状态 in the file`.
func (u SkipUse) String() string {
	if u.Column == 0 {
		return fmt.Sprintf("skip_when: no column %s in the file: rows cannot be skipped by it (%s)",
			strings.Join(u.Rule.Column, " or "), u.Rule.describe())
	}
	s := fmt.Sprintf("skip when column %s (%s) %s", ColumnName(u.Column), u.Header, u.Rule.describe())
	if u.Rule.Order {
		s += " (the whole order)"
	}
	return s
}

// describe returns e.g. `matches 交易关闭, 已取消: order closed on Taobao`.
func (r *SkipRule) describe() string {
	var s string
	switch r.Match {
	case MatchFilled:
		s = "is filled"
	case MatchPrefix:
		s = "starts with " + strings.Join(r.Values, ", ")
	case MatchContains:
		s = "contains " + strings.Join(r.Values, ", ")
	default:
		s = "matches " + strings.Join(r.Values, ", ")
	}
	if !r.Reason.IsZero() {
		s += ": " + r.Reason.En
	}
	return s
}

// Skips describes the mapping's skip_when rules as bound to the file.
func (mp *Mapper) Skips() []SkipUse {
	out := make([]SkipUse, len(mp.skips))
	for i, b := range mp.skips {
		out[i] = SkipUse{Rule: *b.rule, Header: b.header}
		if b.col >= 0 {
			out[i].Column = b.col + 1
		}
	}
	return out
}

// skipWhen parses skip_when: a list of rules, or one rule as a map.
func (p parser) skipWhen(n *yaml.Node, m *Mapping) error {
	if n.Kind == yaml.MappingNode {
		r, err := p.skipRule(n)
		if err != nil {
			return err
		}
		m.Skip = append(m.Skip, r)
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return p.errf(n.Line, "", "skip_when: expected a list of rules such as {column: 订单状态, matches: [交易关闭], reason: order closed}")
	}
	for _, c := range n.Content {
		r, err := p.skipRule(c)
		if err != nil {
			return err
		}
		m.Skip = append(m.Skip, r)
	}
	return nil
}

const skipKeys = "column, matches, starts_with, contains, filled, reason, scope"

func (p parser) skipRule(n *yaml.Node) (SkipRule, error) {
	r := SkipRule{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return r, p.errf(n.Line, "", "skip_when: a rule is a map (%s)", skipKeys)
	}
	kinds := 0
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var err error
		switch k.Value {
		case "column":
			r.Column, err = p.headers("", v)
		case MatchExact, MatchPrefix, MatchContains:
			kinds++
			r.Match = k.Value
			r.Values, err = p.skipValues(k.Value, v)
		case MatchFilled:
			kinds++
			r.Match = MatchFilled
			if v.Tag != "!!bool" || v.Value != "true" {
				err = p.errf(v.Line, "", "skip_when: filled: want true")
			}
		case "reason":
			r.Reason, err = p.text(v, "", "skip_when: reason")
		case "scope":
			var s string
			s, err = p.scalar(v, "")
			if err == nil && s != "row" && s != "order" {
				err = p.errf(v.Line, "", "skip_when: scope: want row or order, not %q", s)
			}
			r.Order = s == "order"
		default:
			err = p.errf(k.Line, "", "skip_when: unknown key %q (want %s)", k.Value, skipKeys)
		}
		if err != nil {
			return r, err
		}
	}
	switch {
	case len(r.Column) == 0:
		return r, p.errf(n.Line, "", "skip_when: a rule needs column: the header of the column it reads")
	case kinds != 1:
		return r, p.errf(n.Line, "", "skip_when: give exactly one of matches, starts_with, contains or filled: true")
	}
	return r, nil
}

// skipValues reads the values of matches, starts_with or contains: one
// value or a list, none of them blank.
func (p parser) skipValues(key string, n *yaml.Node) ([]string, error) {
	if n.Kind == yaml.ScalarNode {
		n = &yaml.Node{Kind: yaml.SequenceNode, Line: n.Line, Content: []*yaml.Node{n}}
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return nil, p.errf(n.Line, "", "skip_when: %s: expected a list of cell values", key)
	}
	vs := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		s, err := p.scalar(c, "")
		if err != nil {
			return nil, err
		}
		if foldValue(s) == "" {
			return nil, p.errf(c.Line, "", "skip_when: %s: a blank value (use filled: true to skip rows whose cell is not blank)", key)
		}
		vs = append(vs, s)
	}
	return vs, nil
}
