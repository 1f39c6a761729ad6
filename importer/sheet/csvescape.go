package sheet

import "strings"

// The added columns hold text from elsewhere (an API's order_sn, msg,
// forbidden_zone, the error of a refusal) that a spreadsheet program
// opening the CSV result sheet would otherwise run as a formula:
// "=HYPERLINK(...)", "+cmd|...", "@SUM(...)". The CSV writer neutralises
// them the OWASP way (a leading apostrophe: Excel and LibreOffice show the
// text, run nothing); the merchant's own cells are copied untouched. XLSX
// cells are inline strings, never formulas, and need nothing.

// csvFormulaStart lists the first characters that make a cell a formula
// (OWASP "CSV Injection").
const csvFormulaStart = "=+-@\t\r"

// Neutral returns s made inert: an apostrophe before a cell that starts
// with = + - @ tab or CR, unless it is a plain number ("-3", "+86", "1.5"
// are numbers, never formulas).
func Neutral(s string) string {
	if s == "" || !strings.ContainsRune(csvFormulaStart, rune(s[0])) || csvPlainNumber(s) {
		return s
	}
	return "'" + s
}

// Unneutral undoes Neutral on an added cell read back (a result sheet
// fed back in), so the value is the one given to the writer again.
func Unneutral(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune(csvFormulaStart, rune(s[1])) {
		return s[1:]
	}
	return s
}

// csvPlainNumber reports whether s is a sign, digits and at most one
// decimal point followed by digits.
func csvPlainNumber(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	ints, frac, dot := strings.Cut(s, ".")
	return csvDigits(ints) && (!dot || csvDigits(frac))
}

func csvDigits(s string) bool {
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
