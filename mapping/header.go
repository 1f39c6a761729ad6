package mapping

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// normHeader folds a header cell for matching: full-width letters and
// spaces narrowed, a byte-order mark and surrounding spaces dropped, inner
// runs of spaces made one space, case folded.
func normHeader(s string) string {
	s = width.Fold.String(s)
	s = strings.TrimPrefix(s, "\ufeff")
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "))
}

// ColumnName returns the spreadsheet letter of a 1-based column: 1 → "A",
// 27 → "AA". It returns "" for n < 1.
func ColumnName(n int) string {
	if n < 1 {
		return ""
	}
	var b [8]byte
	i := len(b)
	for n > 0 && i > 0 {
		n--
		i--
		b[i] = byte('A' + n%26)
		n /= 26
	}
	return string(b[i:])
}

// maxColumn is the last column of a spreadsheet (XFD).
const maxColumn = 16384

// parseColumn reads a column given as letters (A, ab) or a 1-based number.
func parseColumn(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= maxColumn
	}
	n := 0
	for _, r := range strings.ToUpper(s) {
		if r < 'A' || r > 'Z' {
			return 0, false
		}
		n = n*26 + int(r-'A'+1)
		if n > maxColumn {
			return 0, false
		}
	}
	return n, true
}

// IsHeader reports whether cells look like this mapping's header row: at
// least two of the header names the mapping accepts (after folding) are
// present, or every header rule without a default matches a cell. It lets
// the importer find the header below title rows.
func (m *Mapping) IsHeader(cells []string) bool {
	present := make(map[string]bool, len(cells))
	for _, c := range cells {
		if n := normHeader(c); n != "" {
			present[n] = true
		}
	}
	matched, needed, neededMatched := 0, 0, 0
	for i := range m.Rules {
		r := &m.Rules[i]
		names := m.headerNames(r)
		if len(names) == 0 || r.HasValue {
			continue
		}
		hit := false
		for _, h := range names {
			if present[normHeader(h)] {
				hit = true
				break
			}
		}
		if hit {
			matched++
		}
		if !r.HasDefault {
			needed++
			if hit {
				neededMatched++
			}
		}
	}
	return matched >= 2 || (needed > 0 && neededMatched == needed)
}

// headerNames returns the header names a rule reads: its headers, its
// coalesce list, or the names its template refers to that are not fields
// the mapping fills ({consignee} is the consignee field's value, not a
// column the file must have).
func (m *Mapping) headerNames(r *Rule) []string {
	switch {
	case len(r.Headers) > 0:
		return r.Headers
	case len(r.Coalesce) > 0:
		return r.Coalesce
	case r.Template != "":
		t, _ := parseTemplate(r.Template)
		var names []string
		for _, p := range t {
			if p.name != "" && m.ruleIndex(p.name) < 0 {
				names = append(names, p.name)
			}
		}
		return names
	}
	return nil
}

// PrimaryHeaderNames lists the first header name of each rule that reads a
// column, in rule order: a short list for a "no header found" message.
func (m *Mapping) PrimaryHeaderNames() []string {
	var out []string
	for i := range m.Rules {
		if m.Rules[i].HasValue {
			continue
		}
		if names := m.headerNames(&m.Rules[i]); len(names) > 0 {
			out = append(out, names[0])
		}
	}
	return out
}

// HeaderNames lists, once each and in rule order, the header names the
// mapping looks for.
func (m *Mapping) HeaderNames() []string {
	var out []string
	seen := map[string]bool{}
	for i := range m.Rules {
		if m.Rules[i].HasValue {
			continue
		}
		for _, h := range m.headerNames(&m.Rules[i]) {
			if k := normHeader(h); !seen[k] {
				seen[k] = true
				out = append(out, h)
			}
		}
	}
	return out
}
