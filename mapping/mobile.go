package mapping

import (
	"strings"

	"orderimport/importer/i18n"
	"orderimport/providers"
)

// checkMobile normalises a phone number.
//
// Full-width characters are narrowed; spaces, dashes and parentheses are
// dropped; a +86, 0086 or 86 country prefix is stripped from a 13- or
// 15-digit number; a privacy extension of a mobile (13800138000-1234,
// 13800138000转1234, the virtual numbers of Taobao and JD) is kept as
// "13800138000-1234", without a warning: the courier needs it to reach the
// buyer. A number with another country code (+1 ...)
// passes with a warning as "+<digits>". A mainland mobile (1[3-9] and 9 more digits) is
// accepted. Masked numbers (138****1234), landlines (0571-88888888, or 7
// to 12 digits not starting with 1) and 11-digit numbers with an unknown
// 1x prefix pass with a warning. Anything else, letters or Chinese
// included, is an error. The result must fit f.Max characters.
func checkMobile(f *providers.Field, v string) result {
	if isMobile(v) && (f.Max == 0 || len(v) <= f.Max) {
		return ok(v) // the common case, already clean
	}
	r := mobile(narrow(v))
	if r.err == nil || r.warn {
		if f.Max > 0 && len(r.value) > f.Max {
			return fail(invalid(i18n.ValTooLong, len(r.value), f.Max, v))
		}
	}
	switch {
	case r.warn:
		r.err = sentAs(r.err, r.value, v)
	case r.err != nil:
		r.err = problem(nil, i18n.ValWithValue, r.err, v)
	}
	return r
}

// sentAs completes a warning about the value v with what is sent: "sent
// as is" only when nothing was cleaned.
func sentAs(err error, sent, v string) error {
	if sent == v {
		return note(i18n.ValSentAsIs, err, v)
	}
	return note(i18n.ValSentAs, err, sent, v)
}

// The problems of phone numbers.
var (
	errNotMobile   = invalid(i18n.ValNotMobile)
	errNotPhone    = invalid(i18n.ValNotPhone)
	errMasked      = note(i18n.ValMaskedNumber)
	errLandline    = note(i18n.ValLandline)
	errLostZero    = note(i18n.ValLostZero)
	errForeign     = note(i18n.ValForeign)
	errPrefix      = note(i18n.ValUnknownPrefix)
	phoneSeparator = strings.NewReplacer(" ", "", "-", "", "(", "", ")", "", "\t", "")
)

func mobile(s string) result {
	if isScientific(s) {
		return fail(excelError(s))
	}
	main, ext := splitExtension(s)
	d := phoneSeparator.Replace(main)
	if intl, found := international(d); found {
		return warn(intl, errForeign)
	}
	d = stripCountryPrefix(d)
	switch {
	case isMobile(d):
		if ext != "" {
			return ok(d + "-" + ext)
		}
		return ok(d)
	case isMasked(d):
		return warn(d, errMasked)
	case !allDigits(d):
		return fail(errNotPhone)
	case len(d) == 11 && d[0] == '1':
		return warn(d, errPrefix)
	case d[0] == '1':
		return fail(errNotMobile)
	case d[0] == '0' && len(d) >= 10 && len(d) <= 12:
		return warn(landline(s), errLandline)
	case len(d) >= 7 && len(d) <= 8:
		return warn(d, errLandline)
	case len(d) >= 9 && len(d) <= 11 && d[0] != '0':
		return warn(d, errLostZero)
	}
	return fail(errNotMobile)
}

// splitExtension splits "13800138000-1234" or "13800138000转1234" into the
// main number and the extension.
func splitExtension(s string) (main, ext string) {
	for _, sep := range []string{"转", "ext.", "ext", "#", ",", "-"} {
		i := strings.LastIndex(s, sep)
		if i <= 0 {
			continue
		}
		m, e := s[:i], strings.TrimSpace(s[i+len(sep):])
		if len(e) >= 1 && len(e) <= 6 && allDigits(e) && isMobile(stripCountryPrefix(phoneSeparator.Replace(m))) {
			return m, e
		}
	}
	return s, ""
}

// stripCountryPrefix removes +86 or 0086, and 86 before an 11-digit mobile.
func stripCountryPrefix(d string) string {
	switch {
	case strings.HasPrefix(d, "+86"):
		return d[3:]
	case strings.HasPrefix(d, "0086"):
		return d[4:]
	case len(d) == 13 && strings.HasPrefix(d, "86") && d[2] == '1':
		return d[2:]
	}
	return d
}

// international returns a number with a country code other than 86
// (+1 555 0100, 0044 20...) as "+<digits>".
func international(d string) (string, bool) {
	var rest string
	switch {
	case strings.HasPrefix(d, "+86") || strings.HasPrefix(d, "0086"):
		return "", false
	case strings.HasPrefix(d, "+"):
		rest = d[1:]
	case strings.HasPrefix(d, "00"):
		rest = d[2:]
	default:
		return "", false
	}
	if len(rest) < 8 || len(rest) > 15 || !allDigits(rest) {
		return "", false
	}
	return "+" + rest, true
}

// isMobile matches ^1[3-9]\d{9}$.
func isMobile(d string) bool {
	return len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' && allDigits(d)
}

// isMasked matches digits and at least one '*', with a digit at each end or
// a leading 1 (138****1234, 15*********7).
func isMasked(d string) bool {
	stars, digits := 0, 0
	for i := 0; i < len(d); i++ {
		switch c := d[i]; {
		case c == '*':
			stars++
		case c >= '0' && c <= '9':
			digits++
		default:
			return false
		}
	}
	return stars > 0 && digits >= 2 && len(d) >= 7
}

// landline keeps a landline's digits and dashes as written.
func landline(s string) string {
	return strings.NewReplacer(" ", "", "(", "", ")", "", "\t", "").Replace(s)
}

// narrow turns full-width digits and phone symbols into ASCII.
func narrow(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '＋':
			return '+'
		case r == '－' || r == '—' || r == '–':
			return '-'
		case r == '（':
			return '('
		case r == '）':
			return ')'
		case r == '＊':
			return '*'
		case r == '＃':
			return '#'
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}
