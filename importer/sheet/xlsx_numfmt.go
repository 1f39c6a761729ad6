package sheet

import (
	"math"
	"strconv"
	"strings"
)

// Excel number format codes (ECMA-376 §18.8.31), as far as the reader needs
// them: whether a number is shown as a number, a date, a time of day or an
// elapsed time, and how an elapsed time looks.
//
// A code has up to four sections separated by ';' (positive, negative,
// zero, text); the first one decides. In a section, "quoted text", \x
// (escaped), _x (a space as wide as x) and *x (fill) are literal, and
// [brackets] hold colours ([Red], [Color12]), conditions ([>=100]), locale
// and currency tags ([$-804], [$USD-409]), numeral systems ([DBNum1]) and
// calendar tags ([ENG]) — none of which is a date code — or an elapsed-time
// unit: [h], [hh], [m], [mm], [s], [ss].

// xlsxFirstSection returns the first section of a format code.
func xlsxFirstSection(code string) string {
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				return code
			}
		case '\\', '_', '*':
			i++
		case '[':
			if j := strings.IndexByte(code[i:], ']'); j >= 0 {
				i += j
			}
		case ';':
			return code[:i]
		}
	}
	return code
}

// xlsxElapsedUnit returns 'h', 'm' or 's' when a bracket's content is an
// elapsed-time unit ("hh", "m", "ss" …), else 0.
func xlsxElapsedUnit(content string) byte {
	if content == "" {
		return 0
	}
	u := content[0] | 0x20 // lower case
	if u != 'h' && u != 'm' && u != 's' {
		return 0
	}
	for i := 1; i < len(content); i++ {
		if content[i]|0x20 != u {
			return 0
		}
	}
	return u
}

// xlsxHasPrefixFold reports whether s starts with the lower-case ASCII word.
func xlsxHasPrefixFold(s, word string) bool {
	return len(s) >= len(word) && strings.EqualFold(s[:len(word)], word)
}

// xlsxKindOfFormat classifies a custom format code by the date and time
// codes of its first section.
func xlsxKindOfFormat(code string) xlsxNumKind {
	sec := xlsxFirstSection(code)
	var runs []byte // one letter per run of date/time codes: y, m, d, h, s
	elapsed, ampm := false, false
	for i := 0; i < len(sec); i++ {
		c := sec[i]
		lc := c | 0x20
		switch {
		case c == '"':
			if j := strings.IndexByte(sec[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(sec)
			}
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			j := strings.IndexByte(sec[i:], ']')
			if j < 0 {
				i = len(sec)
				continue
			}
			if xlsxElapsedUnit(sec[i+1:i+j]) != 0 {
				elapsed = true
			}
			i += j
		case xlsxHasPrefixFold(sec[i:], "general"):
			i += len("general") - 1
		case xlsxHasPrefixFold(sec[i:], "am/pm"):
			ampm = true
			i += len("am/pm") - 1
		case xlsxHasPrefixFold(sec[i:], "a/p"):
			ampm = true
			i += len("a/p") - 1
		case lc == 'e' && i+1 < len(sec) && (sec[i+1] == '+' || sec[i+1] == '-'):
			i++ // scientific notation: 0.00E+00
		case lc == 'y' || lc == 'm' || lc == 'd' || lc == 'h' || lc == 's':
			if len(runs) == 0 || runs[len(runs)-1] != lc {
				runs = append(runs, lc)
			}
		}
	}
	if elapsed {
		return xlsxDuration
	}
	hasDate, hasTime := false, ampm
	for i, r := range runs {
		switch r {
		case 'y', 'd':
			hasDate = true
		case 'h', 's':
			hasTime = true
		case 'm': // minutes after hours or before seconds, else the month
			if (i > 0 && runs[i-1] == 'h') || (i+1 < len(runs) && runs[i+1] == 's') {
				hasTime = true
			} else {
				hasDate = true
			}
		}
	}
	switch {
	case hasDate && hasTime:
		return xlsxDateTime
	case hasDate:
		return xlsxDate
	case hasTime:
		return xlsxTime
	}
	return xlsxPlain
}

// xlsxFormatElapsed prints a number of days as an elapsed-time format
// shows it: 10.632060185 with [h]:mm:ss → 255:10:10; [mm]:ss → total
// minutes and seconds. Seconds are rounded to the fraction digits the
// format shows (ss.00), as Excel does.
func xlsxFormatElapsed(days float64, code string) string {
	sec := xlsxFirstSection(code)
	var b strings.Builder
	if days < 0 {
		b.WriteByte('-')
		days = -days
	}
	digits := xlsxFractionDigits(sec)
	scale := math.Pow10(digits)
	rem := math.Round(days*86400*scale) / scale // seconds
	take := func(unit float64) int {
		v := math.Floor(rem/unit + 1e-9)
		rem = math.Max(rem-v*unit, 0)
		return int(v)
	}
	pad := func(v, width int) {
		s := strconv.Itoa(v)
		for i := len(s); i < width; i++ {
			b.WriteByte('0')
		}
		b.WriteString(s)
	}
	units := map[byte]float64{'h': 3600, 'm': 60, 's': 1}
	for i := 0; i < len(sec); i++ {
		c := sec[i]
		lc := c | 0x20
		switch {
		case c == '"':
			j := strings.IndexByte(sec[i+1:], '"')
			if j < 0 {
				j = len(sec) - i - 1
			}
			b.WriteString(sec[i+1 : i+1+j])
			i += j + 1
		case c == '\\' && i+1 < len(sec):
			b.WriteByte(sec[i+1])
			i++
		case c == '_' || c == '*':
			if c == '_' {
				b.WriteByte(' ')
			}
			i++
		case c == '[':
			j := strings.IndexByte(sec[i:], ']')
			if j < 0 {
				return b.String()
			}
			if u := xlsxElapsedUnit(sec[i+1 : i+j]); u != 0 {
				pad(take(units[u]), j-1)
			}
			i += j
		case xlsxHasPrefixFold(sec[i:], "am/pm"), xlsxHasPrefixFold(sec[i:], "a/p"):
			i += strings.IndexByte(sec[i:], '/') + 1
			for i+1 < len(sec) && (sec[i+1]|0x20 == 'm' || sec[i+1]|0x20 == 'p') {
				i++
			}
		case lc == 'h' || lc == 'm' || lc == 's':
			n := 1
			for i+n < len(sec) && sec[i+n]|0x20 == lc {
				n++
			}
			pad(take(units[lc]), min(n, 2))
			i += n - 1
		case c == '.' && i+1 < len(sec) && sec[i+1] == '0':
			n := 0
			for i+1+n < len(sec) && sec[i+1+n] == '0' {
				n++
			}
			b.WriteByte('.')
			pad(int(math.Round(rem*math.Pow10(n))), n)
			i += n
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// xlsxFractionDigits counts the 0s after the first '.' of a section
// outside literals: ss.00 shows hundredths of a second.
func xlsxFractionDigits(sec string) int {
	for i := 0; i < len(sec); i++ {
		switch sec[i] {
		case '"':
			if j := strings.IndexByte(sec[i+1:], '"'); j >= 0 {
				i += j + 1
			}
		case '\\', '_', '*':
			i++
		case '[':
			if j := strings.IndexByte(sec[i:], ']'); j >= 0 {
				i += j
			}
		case '.':
			n := 0
			for i+1+n < len(sec) && sec[i+1+n] == '0' {
				n++
			}
			return n
		}
	}
	return 0
}
