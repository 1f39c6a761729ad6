package mapping

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"orderimport/importer/i18n"
)

// Transform is one cleaning step applied to a cell value before validation.
//
// The transforms are:
//   - trim: drop surrounding spaces (values are always trimmed; this also
//     trims again after earlier transforms);
//   - digits: keep only the digits 0-9;
//   - upper, lower: change case;
//   - replace: {pattern: RE2 regexp, with: replacement ($1 allowed)};
//   - split_name: first | last — a part of a name. A Western name is split
//     at its last space ("Ann Marie Test" → Ann Marie / Test; "Test, Ann"
//     is understood too). A Chinese name is split after its surname, with
//     compound surnames known (欧阳娜娜 → last 欧阳, first 娜娜; 张三 → 张 /
//     三). A single word is kept whole in first and last is blank;
//   - split_address: the value is a full Chinese address; the rule's field
//     gets the street detail and the province, city and district fields
//     (consigner_province … for consigner_address) are filled from it
//     unless their own column has a value. It must be the last transform;
//   - lookup: {table: FILE.csv, key: COLUMN, value: COLUMN} — the value is
//     replaced by the value column of the table row whose key column equals
//     it; a value not in the table makes the row invalid. FILE is relative
//     to the mapping file and is read once, when the mapping is compiled.
type Transform struct {
	// Name is the transform's name as written in the mapping file.
	Name string
	// Pattern and With are the arguments of replace.
	Pattern, With string
	// Part is the argument of split_name: "first" or "last".
	Part string
	// Table, Key and Value are the arguments of lookup: the CSV file and
	// the names of its key and value columns.
	Table, Key, Value string
	// Line is the transform's line in the mapping file (lookup).
	Line int

	re     *regexp.Regexp    // compiled once by Parse
	lookup map[string]string // lookup: loaded by Compile
}

// transformNames lists the transforms written as a plain name.
var transformNames = []string{"trim", "digits", "upper", "lower", "split_address"}

// apply returns s transformed, or why it cannot be.
func (t *Transform) apply(s string) (string, error) {
	switch t.Name {
	case "trim":
		return trimValue(s), nil
	case "digits":
		return keepDigits(s), nil
	case "upper":
		return strings.ToUpper(s), nil
	case "lower":
		return strings.ToLower(s), nil
	case "replace":
		if t.re == nil {
			return s, nil
		}
		return t.re.ReplaceAllString(s, t.With), nil
	case "split_name":
		first, last := splitName(s)
		if t.Part == "last" {
			return last, nil
		}
		return first, nil
	case "lookup":
		key := trimValue(s)
		if key == "" {
			return "", nil
		}
		v, ok := t.lookup[key]
		if !ok {
			return "", invalid(i18n.ValNotInTable, key, t.Key, t.Table)
		}
		return v, nil
	}
	return s, nil
}

// keepDigits returns the ASCII and full-width digits of s as ASCII digits.
func keepDigits(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		}
	}
	return b.String()
}

// splitName splits a name into first (given) and last (family) names. A
// name with a Han character is split after its surname (compound surnames
// known); a Western name at its last space, or at a comma ("Last, First").
// A single word is returned whole as first.
func splitName(s string) (first, last string) {
	s = trimValue(s)
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return splitChineseName(s)
		}
	}
	if l, f, ok := strings.Cut(s, ","); ok {
		return trimValue(f), trimValue(l)
	}
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return trimValue(s[:i]), trimValue(s[i:])
}

// trimValue drops surrounding white space, full-width spaces included.
func trimValue(s string) string {
	if s == "" {
		return s
	}
	if first, last := s[0], s[len(s)-1]; first > ' ' && first < utf8.RuneSelf && last > ' ' && last < utf8.RuneSelf {
		return s // ASCII at both ends, no space: numbers and codes, decided inline
	}
	if !spaceAtStart(s) && !spaceAtEnd(s) {
		return s // most other cells: nothing to trim, decided from a byte or two
	}
	return strings.TrimSpace(s)
}

// spaceAtStart reports whether s may start with a Unicode space. Every
// non-ASCII space (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) starts
// with the byte 0xC2, 0xE1, 0xE2 or 0xE3.
func spaceAtStart(s string) bool {
	switch c := s[0]; {
	case c < utf8.RuneSelf:
		return asciiSpace(c)
	case c == 0xC2 || (c >= 0xE1 && c <= 0xE3):
		r, _ := utf8.DecodeRuneInString(s)
		return unicode.IsSpace(r)
	}
	return false
}

// spaceAtEnd reports whether s may end with a Unicode space. Every
// non-ASCII space has 0xC2, 0x9A, 0x80 or 0x81 as its next-to-last byte in
// UTF-8, which settles most text (a Chinese character) without decoding.
func spaceAtEnd(s string) bool {
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return asciiSpace(c)
	}
	if len(s) < 2 {
		return false
	}
	if c := s[len(s)-2]; c != 0xC2 && c != 0x9A && c != 0x80 && c != 0x81 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r > 0x84 && unicode.IsSpace(r)
}

func asciiSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

// template is a parsed template: literal text and {name} references.
type template []templatePart

type templatePart struct {
	text string // literal text, when name is ""
	name string // a header or field name
}

// parseTemplate splits "{省}{市} {详细地址}" into its parts. "{{" and "}}"
// stand for literal braces.
func parseTemplate(s string) (template, error) {
	var t template
	var lit strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{', c == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte(c)
			i++
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unclosed { in %q", s)
			}
			name := strings.TrimSpace(s[i+1 : i+end])
			if name == "" {
				return nil, fmt.Errorf("empty {} in %q", s)
			}
			if lit.Len() > 0 {
				t = append(t, templatePart{text: lit.String()})
				lit.Reset()
			}
			t = append(t, templatePart{name: name})
			i += end
		case c == '}':
			return nil, fmt.Errorf("unmatched } in %q", s)
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		t = append(t, templatePart{text: lit.String()})
	}
	return t, nil
}
