package sheet

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"orderimport/importer/i18n"
)

// Error is a problem with the input file itself (not with a row's
// values). Its message names the file, sheet, line and column, each left
// out when unknown (zero).
type Error struct {
	File, Sheet  string
	Line, Column int // 1-based
	// TextLine, for a CSV record, is the line of the text it starts on;
	// Line is then the row Excel shows it on. 0 when Line is a line of a
	// text file (a problem of the text itself, such as a quote never
	// closed) or a row of an XLSX sheet.
	TextLine int
	Err      error
}

// Error formats "orders.csv: line 12: ..." for a problem of a CSV file's
// text, "orders.csv: row 10 (line 12), column 3: ..." for one of its
// records (the line only when it differs from the row) and
// "orders.xlsx, sheet 订单: row 12, column C: ..." for XLSX.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		b.WriteString(", sheet ")
		b.WriteString(e.Sheet)
	}
	var pos []string
	if e.Line > 0 {
		switch {
		case e.TextLine > 0 && e.TextLine != e.Line:
			pos = append(pos, "row "+strconv.Itoa(e.Line)+" (line "+strconv.Itoa(e.TextLine)+")")
		case e.TextLine > 0 || e.Sheet != "":
			pos = append(pos, "row "+strconv.Itoa(e.Line))
		default:
			pos = append(pos, "line "+strconv.Itoa(e.Line))
		}
	}
	if e.Column > 0 {
		pos = append(pos, "column "+readColumnLabel(e.Column, e.Sheet != ""))
	}
	if len(pos) > 0 {
		b.WriteString(": ")
		b.WriteString(strings.Join(pos, ", "))
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Text returns the error in language l: the file, sheet, row and column
// as Error names them, and Err in l when it is a Texter (a *Reason), else
// its English text. Text(i18n.En) is Error().
func (e *Error) Text(l i18n.Lang) string {
	var b strings.Builder
	if e.Sheet != "" {
		b.WriteString(i18n.Sprintf(l, i18n.SheetInSheet, e.File, e.Sheet))
	} else {
		b.WriteString(e.File)
	}
	var pos []string
	if e.Line > 0 {
		switch {
		case e.TextLine > 0 && e.TextLine != e.Line:
			pos = append(pos, i18n.Sprintf(l, i18n.SheetAtRowLine, e.Line, e.TextLine))
		case e.TextLine > 0 || e.Sheet != "":
			pos = append(pos, i18n.Sprintf(l, i18n.SheetAtRow, e.Line))
		default:
			pos = append(pos, i18n.Sprintf(l, i18n.SheetAtLine, e.Line))
		}
	}
	if e.Column > 0 {
		pos = append(pos, i18n.Sprintf(l, i18n.SheetAtColumn, readColumnLabel(e.Column, e.Sheet != "")))
	}
	sep := i18n.Sprintf(l, i18n.SheetSep)
	if len(pos) > 0 {
		b.WriteString(sep)
		b.WriteString(strings.Join(pos, i18n.Sprintf(l, i18n.SheetPosSep)))
	}
	if e.Err != nil {
		b.WriteString(sep)
		if t, ok := e.Err.(Texter); ok {
			b.WriteString(t.Text(l))
		} else {
			b.WriteString(e.Err.Error())
		}
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// readColumnLabel is "3" for CSV and "C" for XLSX.
func readColumnLabel(col int, letters bool) string {
	if letters {
		if name, err := excelize.ColumnNumberToName(col); err == nil {
			return name
		}
	}
	return strconv.Itoa(col)
}
