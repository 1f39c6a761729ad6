package sheet

import (
	"math"
	"strconv"
	"strings"
	"sync"
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
	xlsxDuration                    // elapsed time: [h]:mm:ss, 255:10:10
)

// cellKind is the CellKind of a number shown this way.
func (k xlsxNumKind) cellKind() CellKind {
	switch k {
	case xlsxDate:
		return CellDate
	case xlsxDateTime:
		return CellDateTime
	case xlsxTime:
		return CellTime
	case xlsxDuration:
		return CellDuration
	}
	return CellNumber
}

// xlsxNumFormat is what a cell style's number format does to a number: its
// kind, and for elapsed times the code that prints them.
type xlsxNumFormat struct {
	kind xlsxNumKind
	code string
}

// xlsxStyleTable holds the cell styles of an input workbook, each read from
// excelize once, under a lock: the reader and the result writer (which
// copies them) both use it.
type xlsxStyleTable struct {
	mu     sync.Mutex
	f      *excelize.File // nil once the workbook is closed
	styles map[int]*excelize.Style
}

func xlsxNewStyleTable(f *excelize.File) *xlsxStyleTable {
	t := &xlsxStyleTable{f: f, styles: map[int]*excelize.Style{}}
	t.get(0) // loads the styles part now, before other goroutines read it
	return t
}

// get returns style id of the workbook, or nil when it has none such (or
// the workbook is closed).
func (t *xlsxStyleTable) get(id int) *excelize.Style {
	if t == nil || id < 0 {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	st, ok := t.styles[id]
	if !ok && t.f != nil {
		st = xlsxReadStyle(t.f, id)
		t.styles[id] = st
	}
	return st
}

// close forgets the workbook: styles not read yet are nil from now on.
func (t *xlsxStyleTable) close() {
	if t != nil {
		t.mu.Lock()
		t.f = nil
		t.mu.Unlock()
	}
}

// xlsxReadStyle reads a style; a malformed styles part must not crash the
// reader (excelize indexes its tables without bounds checks), hence the
// recover.
func xlsxReadStyle(f *excelize.File, id int) (st *excelize.Style) {
	defer func() {
		if recover() != nil {
			st = nil
		}
	}()
	st, err := f.GetStyle(id)
	if err != nil {
		return nil
	}
	return st
}

// xlsxStyles is the reader's cache of the number format of each style id
// (one goroutine: no lock).
type xlsxStyles struct {
	table   *xlsxStyleTable
	formats map[int]xlsxNumFormat
}

func xlsxNewStyles(table *xlsxStyleTable) *xlsxStyles {
	return &xlsxStyles{table: table, formats: map[int]xlsxNumFormat{}}
}

// format returns the number format of style id, looking each id up once.
func (s *xlsxStyles) format(id int) xlsxNumFormat {
	if id <= 0 {
		return xlsxNumFormat{}
	}
	nf, ok := s.formats[id]
	if !ok {
		nf = xlsxFormatOfStyle(s.table.get(id))
		s.formats[id] = nf
	}
	return nf
}

// xlsxFormatOfStyle classifies a style's number format.
func xlsxFormatOfStyle(st *excelize.Style) xlsxNumFormat {
	switch {
	case st == nil:
		return xlsxNumFormat{}
	case st.CustomNumFmt != nil:
		return xlsxNumFormat{kind: xlsxKindOfFormat(*st.CustomNumFmt), code: *st.CustomNumFmt}
	case st.NumFmt == 46:
		return xlsxNumFormat{kind: xlsxDuration, code: "[h]:mm:ss"}
	}
	return xlsxNumFormat{kind: xlsxKindOfBuiltIn(st.NumFmt)}
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

// xlsxFormatDate prints a date serial as ISO text; ok is false when the
// serial is no date (negative, after 9999-12-31).
func xlsxFormatDate(serial float64, kind xlsxNumKind, date1904 bool) (text string, ok bool) {
	if serial < 0 || serial > 2958466 { // after 9999-12-31
		return "", false
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil {
		return "", false
	}
	t = t.Round(time.Second)
	switch {
	case kind == xlsxTime && serial < 1:
		return t.Format("15:04:05"), true
	case kind == xlsxDate:
		return t.Format("2006-01-02"), true
	}
	return t.Format("2006-01-02 15:04:05"), true
}

// xlsxParseISODate parses a t="d" cell's ISO 8601 text.
func xlsxParseISODate(v string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// xlsxCellText turns excelize's raw value into the text a person sees,
// and says how the cell stored it.
func xlsxCellText(raw string, m xlsxCellMeta, styles *xlsxStyles, date1904 bool) (string, CellType) {
	ct := CellType{Kind: CellText, Style: int32(m.style)}
	switch m.typ {
	case "b":
		switch raw {
		case "1":
			ct.Kind = CellBool
			return "TRUE", ct
		case "0":
			ct.Kind = CellBool
			return "FALSE", ct
		}
		return raw, ct
	case "d":
		return xlsxISODateCell(raw, ct)
	case "e":
		ct.Kind = CellError
		return raw, ct
	case "", "n":
		if raw == "" {
			ct.Kind = CellNone
			return raw, ct
		}
		return xlsxNumberCell(raw, styles.format(m.style), date1904, ct)
	}
	return raw, ct // s, str, inlineStr: text as is
}

// xlsxNumberCell prints a numeric cell as its number format shows it: a
// number, a date, a time or an elapsed time.
func xlsxNumberCell(raw string, nf xlsxNumFormat, date1904 bool, ct CellType) (string, CellType) {
	num, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(num, 0) || math.IsNaN(num) {
		return raw, ct // not a number after all: text
	}
	ct.Kind, ct.Num = CellNumber, num
	switch nf.kind {
	case xlsxPlain:
		return xlsxFormatNumber(raw), ct
	case xlsxDuration:
		ct.Kind = CellDuration
		return xlsxFormatElapsed(num, nf.code), ct
	}
	v, ok := xlsxFormatDate(num, nf.kind, date1904)
	if !ok {
		return xlsxFormatNumber(raw), ct
	}
	ct.Kind = nf.kind.cellKind()
	if ct.Kind == CellTime && num >= 1 {
		ct.Kind = CellDateTime // a time format on a serial of a day or more
	}
	if date1904 {
		ct.Num += xlsx1904Offset
	}
	return v, ct
}

// xlsx1904Offset is the serial of 1904-01-01 in the 1900 date system.
const xlsx1904Offset = 1462

// xlsxISODateCell reads a t="d" cell (ISO 8601 text, as Strict Open XML
// workbooks store dates).
func xlsxISODateCell(raw string, ct CellType) (string, CellType) {
	t, ok := xlsxParseISODate(raw)
	if !ok {
		return raw, ct
	}
	ct.Num = xlsxSerial(t)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		ct.Kind = CellDate
		return t.Format("2006-01-02"), ct
	}
	ct.Kind = CellDateTime
	return t.Format("2006-01-02 15:04:05"), ct
}

// xlsxSerial returns the serial of t in Excel's 1900 date system (which
// counts the 29th of February 1900 that never was).
func xlsxSerial(t time.Time) float64 {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	y, mo, d := t.Date()
	days := float64(time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Sub(base) / (24 * time.Hour))
	if t.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, t.Location())) {
		days-- // before Excel's phantom 1900-02-29
	}
	secs := t.Hour()*3600 + t.Minute()*60 + t.Second()
	return days + (float64(secs)+float64(t.Nanosecond())/1e9)/86400
}
