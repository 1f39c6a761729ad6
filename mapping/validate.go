package mapping

import (
	"net/mail"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"orderimport/importer/i18n"
	"orderimport/providers"
)

// result is the outcome of checking one value: the normalised value, and a
// problem, which is only a warning when warn is set.
type result struct {
	value string
	err   error
	warn  bool
}

func ok(v string) result { return result{value: v} }

func fail(err error) result { return result{err: err} }

func warn(v string, err error) result { return result{value: v, err: err, warn: true} }

// check validates and normalises a trimmed, non-blank value of field f.
// protected says the cell was stored as text (="..." or a leading
// apostrophe), so long digit strings in it are genuine.
func check(f *providers.Field, enum map[string]string, v string, protected bool) result {
	if f.Personal && masked(v) {
		return fail(maskedError(v))
	}
	switch f.Kind {
	case providers.KindText:
		return checkText(f, v)
	case providers.KindInt:
		return checkInt(f, narrowWidth(v))
	case providers.KindIdent:
		return checkIdent(f, narrowWidth(v), protected)
	case providers.KindMobile:
		return checkMobile(f, v)
	case providers.KindEmail:
		return checkEmail(narrowWidth(v))
	case providers.KindCountry:
		if code, found := lookupCountry(v); found {
			return ok(code)
		}
		return fail(invalid(i18n.ValNotCountry, v))
	case providers.KindEnum:
		if c, found := enum[v]; found {
			return ok(c) // an exact key: no need to fold the case
		}
		if c, found := enum[strings.ToLower(v)]; found {
			return ok(c)
		}
		return fail(invalid(i18n.ValNotOneOf, strings.Join(f.Enum, ", "), v))
	}
	return ok(v)
}

// checkText bounds the length in characters.
func checkText(f *providers.Field, v string) result {
	if !utf8.ValidString(v) {
		return fail(invalid(i18n.ValBadText, v))
	}
	if f.Min <= 1 && (f.Max == 0 || len(v) <= f.Max) {
		// v is not blank and has at most len(v) characters: in bounds
		// without counting.
		return ok(v)
	}
	n := utf8.RuneCountInString(v)
	if n < f.Min {
		return fail(invalid(i18n.ValTooShort, n, f.Min, v))
	}
	if f.Max > 0 && n > f.Max {
		return fail(invalid(i18n.ValTooLong, n, f.Max, v))
	}
	return ok(v)
}

// checkInt accepts decimal digits with an optional "+" and a ".0" that
// spreadsheets add; it never truncates "12.99" or "1.38E+10".
func checkInt(f *providers.Field, v string) result {
	if len(v) < 19 && allDigits(v) && (len(v) == 1 || v[0] != '0') {
		n, _ := strconv.ParseInt(v, 10, 64) // cannot fail: under 19 digits
		return checkIntRange(f, n, v, v)
	}
	if isScientific(v) {
		return fail(excelError(v))
	}
	s := strings.TrimPrefix(v, "+")
	if i := strings.IndexByte(s, '.'); i >= 0 {
		if i+1 == len(s) || strings.Trim(s[i+1:], "0") != "" {
			return fail(invalid(i18n.ValNotWhole, v))
		}
		s = s[:i]
	}
	if !allDigits(s) {
		return fail(invalid(i18n.ValNotWhole, v))
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fail(invalid(i18n.ValTooLarge, v))
	}
	return checkIntRange(f, n, s, v)
}

// checkIntRange bounds n, parsed from the digits s of the value v, and
// returns it in canonical form.
func checkIntRange(f *providers.Field, n int64, s, v string) result {
	if n < int64(f.Min) {
		return fail(invalid(i18n.ValAtLeast, f.Min, v))
	}
	if f.Max > 0 && n > int64(f.Max) {
		return fail(invalid(i18n.ValAtMost, f.Max, v))
	}
	if s == v && (len(s) == 1 || s[0] != '0') {
		return ok(v)
	}
	return ok(strconv.FormatInt(n, 10))
}

// checkIdent accepts letters, digits, '-' and '_'.
//
// An all-digit value of 16 or more digits whose last 3 or more digits are
// zeros, with at most 15 digits before them, is rejected as Excel's
// signature: Excel keeps 15 significant digits, so 301234567890123456 typed
// into a number cell becomes 301234567890123000. A genuine id of that shape
// is rejected too; it passes when the cell is stored as text (="..." or a
// leading apostrophe), which is also the fix the message suggests.
func checkIdent(f *providers.Field, v string, protected bool) result {
	if allDigits(v) {
		return checkIdentDigits(f, v, v, protected)
	}
	if isScientific(v) {
		return fail(excelError(v))
	}
	s := v
	if i := strings.IndexByte(s, '.'); i > 0 && allDigits(s[:i]) && strings.Trim(s[i+1:], "0") == "" {
		s = s[:i]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isASCIILetter(c) && (c < '0' || c > '9') && c != '-' && c != '_' {
			return fail(invalid(i18n.ValIdentChars, v))
		}
	}
	return checkIdentDigits(f, s, v, protected)
}

// checkIdentDigits checks the identifier s (the value v as given) for
// Excel's truncation and for its length.
func checkIdentDigits(f *providers.Field, s, v string, protected bool) result {
	if !protected {
		if shown, cut := excelTruncated(s); cut {
			return fail(excelError(shown))
		}
	}
	if n := len(s); n < f.Min || (f.Max > 0 && n > f.Max) {
		return fail(invalid(i18n.ValLength, n, f.Min, f.Max, v))
	}
	return ok(s)
}

// excelError says that Excel cut a long number, shown as shown.
func excelError(shown string) *Problem {
	return problem([]error{ErrExcelNumber}, i18n.ValExcelNumber, shown)
}

// excelTruncated reports whether s looks like a long number Excel cut to 15
// significant digits, and returns it the way Excel shows it (3.01234567890123E+17).
func excelTruncated(s string) (string, bool) {
	n := len(s)
	if n < 16 || !allDigits(s) {
		return "", false
	}
	sig := strings.TrimRight(s, "0")
	if sig == "" || n-len(sig) < 3 || len(sig) > 15 {
		return "", false
	}
	shown := sig[:1]
	if len(sig) > 1 {
		shown += "." + sig[1:]
	}
	return shown + "E+" + strconv.Itoa(n-1), true
}

// isScientific reports whether s is a number in E notation (1.38E+10).
func isScientific(s string) bool {
	i := strings.IndexAny(s, "eE")
	if i <= 0 || i == len(s)-1 {
		return false
	}
	mant, exp := strings.TrimLeft(s[:i], "+-"), strings.TrimLeft(s[i+1:], "+-")
	whole, frac, _ := strings.Cut(mant, ".")
	return whole != "" && allDigits(whole) && (frac == "" || allDigits(frac)) && exp != "" && allDigits(exp)
}

// narrowWidth turns full-width letters, digits and symbols (１２, ＰＤＤ)
// into ASCII; ASCII text is returned as is, without allocating.
func narrowWidth(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return width.Narrow.String(s)
		}
	}
	return s
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkEmail accepts one address whose domain has a dot; "Name <a@b.cn>"
// is reduced to the address.
func checkEmail(v string) result {
	a, err := mail.ParseAddress(v)
	if err != nil {
		return fail(invalid(i18n.ValNotEmail, v))
	}
	domain := a.Address[strings.LastIndexByte(a.Address, '@')+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		return fail(invalid(i18n.ValEmailDomain, v))
	}
	return ok(a.Address)
}
