package mapping

import (
	"regexp"
	"strings"
	"unicode"
)

// Transform is one cleaning step applied to a cell value before validation.
//
// The transforms are:
//   - trim: drop surrounding spaces (values are always trimmed; this also
//     trims again after earlier transforms);
//   - digits: keep only the digits 0-9;
//   - upper, lower: change case;
//   - replace: {pattern: RE2 regexp, with: replacement ($1 allowed)};
//   - split_name: first | last — take a part of a Western "First Last" name
//     ("Last, First" is understood too); a Chinese name (any Han character)
//     or a single word is not split: "first" keeps the whole name and
//     "last" gives blank, so give the last-name rule a default. Filling
//     first_name and last_name from one template is later work.
type Transform struct {
	// Name is the transform's name as written in the mapping file.
	Name string
	// Pattern and With are the arguments of replace.
	Pattern, With string
	// Part is the argument of split_name: "first" or "last".
	Part string

	re *regexp.Regexp // compiled once by Parse
}

// transformNames lists the transforms written as a plain name.
var transformNames = []string{"trim", "digits", "upper", "lower"}

// apply returns s transformed.
func (t *Transform) apply(s string) string {
	switch t.Name {
	case "trim":
		return trimValue(s)
	case "digits":
		return keepDigits(s)
	case "upper":
		return strings.ToUpper(s)
	case "lower":
		return strings.ToLower(s)
	case "replace":
		if t.re == nil {
			return s
		}
		return t.re.ReplaceAllString(s, t.With)
	case "split_name":
		first, last := splitName(s)
		if t.Part == "last" {
			return last
		}
		return first
	}
	return s
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

// splitName splits a Western name into first and last names. A name with a
// Han character, or a single word, is returned whole as first.
func splitName(s string) (first, last string) {
	s = trimValue(s)
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return s, ""
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
	return strings.TrimSpace(s)
}
