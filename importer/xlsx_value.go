package importer

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxNumKind is how a numeric cell's number format presents it.
type xlsxNumKind int

const (
	xlsxPlain    xlsxNumKind = iota // a number
	xlsxDate                        // a date: 2006-01-02
	xlsxDateTime                    // a date and time: 2006-01-02 15:04:05
	xlsxTime                        // a time of day: 15:04:05
)

// xlsxStyles caches the kind of each cell style id of one workbook.
type xlsxStyles struct {
	f     *excelize.File
	kinds map[int]xlsxNumKind
}

func xlsxNewStyles(f *excelize.File) *xlsxStyles {
	return &xlsxStyles{f: f, kinds: map[int]xlsxNumKind{}}
}

// kind returns the kind of style id, looking each id up once.
func (s *xlsxStyles) kind(id int) xlsxNumKind {
	if id <= 0 {
		return xlsxPlain
	}
	k, ok := s.kinds[id]
	if !ok {
		k = s.lookup(id)
		s.kinds[id] = k
	}
	return k
}

// lookup reads a style; a malformed styles part must not crash the reader
// (excelize indexes its tables without bounds checks), hence the recover.
func (s *xlsxStyles) lookup(id int) (k xlsxNumKind) {
	defer func() {
		if recover() != nil {
			k = xlsxPlain
		}
	}()
	st, err := s.f.GetStyle(id)
	if err != nil || st == nil {
		return xlsxPlain
	}
	if st.CustomNumFmt != nil {
		return xlsxKindOfFormat(*st.CustomNumFmt)
	}
	return xlsxKindOfBuiltIn(st.NumFmt)
}

// xlsxKindOfBuiltIn classifies Excel's built-in number formats, including
// the East Asian date formats 27–36 and 50–58.
func xlsxKindOfBuiltIn(id int) xlsxNumKind {
	switch {
	case id >= 14 && id <= 17, id >= 27 && id <= 31, id == 36, id >= 50 && id <= 58:
		return xlsxDate
	case id == 22:
		return xlsxDateTime
	case id >= 18 && id <= 21, id >= 45 && id <= 47, id >= 32 && id <= 35:
		return xlsxTime
	}
	return xlsxPlain
}

// xlsxKindOfFormat classifies a custom format code by its date letters
// outside quoted text, escapes and [brackets].
func xlsxKindOfFormat(code string) xlsxNumKind {
	code, _, _ = strings.Cut(code, ";") // the positive section decides
	var b strings.Builder
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
		case inBracket:
			inBracket = c != ']'
			if c == 'h' || c == 'H' || c == 'm' || c == 'M' || c == 's' || c == 'S' {
				b.WriteByte(c) // [h]:mm elapsed time
			}
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\' || c == '_' || c == '*':
			i++
		default:
			b.WriteByte(c)
		}
	}
	lc := strings.ToLower(b.String())
	lc = strings.NewReplacer("am/pm", "", "a/p", "", "general", "").Replace(lc)
	hasDate := strings.ContainsAny(lc, "yd") || (strings.Contains(lc, "m") && !strings.ContainsAny(lc, "hs"))
	hasTime := strings.ContainsAny(lc, "hs")
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

// xlsxFormatNumber prints a raw numeric value the way a person expects:
// integers without exponent (13800138000), other values rounded to Excel's
// 15 significant digits to drop float artefacts (0.30000000000000004 →
// 0.3). An integer text is returned unchanged, whatever its length.
func xlsxFormatNumber(v string) string {
	if xlsxIsIntText(v) {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if a := math.Abs(f); a != 0 && (a < 1e-9 || a >= 1e21) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func xlsxIsIntText(v string) bool {
	v = strings.TrimPrefix(v, "-")
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

// xlsxFormatDate prints a date serial as ISO text.
func xlsxFormatDate(v string, kind xlsxNumKind, date1904 bool) string {
	serial, err := strconv.ParseFloat(v, 64)
	if err != nil || serial < 0 || serial > 2958466 { // after 9999-12-31
		return xlsxFormatNumber(v)
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil {
		return xlsxFormatNumber(v)
	}
	t = t.Round(time.Second)
	switch {
	case kind == xlsxTime && serial < 1:
		return t.Format("15:04:05")
	case kind == xlsxDate:
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05")
}

// xlsxFormatISODate prints a t="d" cell (ISO 8601 text) as our ISO text.
func xlsxFormatISODate(v string) string {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
				return t.Format("2006-01-02")
			}
			return t.Format("2006-01-02 15:04:05")
		}
	}
	return v
}

// xlsxCellText turns excelize's raw value into the text a person sees.
func xlsxCellText(raw string, m xlsxCellMeta, styles *xlsxStyles, date1904 bool) string {
	switch m.typ {
	case "b":
		switch raw {
		case "1":
			return "TRUE"
		case "0":
			return "FALSE"
		}
		return raw
	case "d":
		return xlsxFormatISODate(raw)
	case "", "n":
		if raw == "" {
			return raw
		}
		if k := styles.kind(m.style); k != xlsxPlain {
			return xlsxFormatDate(raw, k, date1904)
		}
		return xlsxFormatNumber(raw)
	}
	return raw // s, str, inlineStr, e: text as is
}
