package sheet

// Row is one data row of the input as a person sees it in Excel.
type Row struct {
	// Line is the row number a person sees in Excel: the XLSX row number;
	// for CSV the row Excel shows the record on (records before it, blank
	// lines included, each take one row whatever line breaks their quoted
	// cells hold). 1-based, counting the header and any title and blank
	// rows above.
	Line int
	// TextLine, for CSV, is the line of the text file on which the record
	// starts (it differs from Line after a cell with line breaks); 0 for
	// XLSX.
	TextLine int
	// Cells holds the cell texts; it may be shorter or longer than the
	// header. The slice belongs to the caller.
	Cells []string
	// Types, for XLSX, holds how each cell of Cells was stored (number,
	// date, text …) and its style; nil for CSV. It may be shorter than
	// Cells (the missing cells are CellNone).
	Types []CellType
	// Raw, when not nil, is the row as comma-separated UTF-8 CSV text
	// without its line end, exactly as it was parsed into Cells (a CSV
	// input with comma delimiters): a CSV result sheet copies it instead of
	// encoding Cells again.
	Raw []byte
}

// LongNumbers returns the 0-based columns whose cell an XLSX file stores as
// a number of 16 or more digits (digits past the 15th may be Excel's
// rounding: Excel keeps 15 significant digits of a number, never of a text
// cell); every other XLSX cell is text or shorter. Nil for CSV.
func (r Row) LongNumbers() []int {
	var cols []int
	for i, t := range r.Types {
		if t.Kind == CellNumber && i < len(r.Cells) && len(r.Cells[i]) >= 16 && xlsxIsIntText(r.Cells[i]) {
			cols = append(cols, i)
		}
	}
	return cols
}

// Blank reports whether every cell of r is empty or white space.
func (r Row) Blank() bool {
	for _, c := range r.Cells {
		for _, ch := range c {
			if ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n' && ch != '\u3000' {
				return false
			}
		}
	}
	return true
}

// CellKind is how an XLSX cell stored its value, and so how an XLSX result
// sheet writes it back.
type CellKind uint8

// The kinds of cell values.
const (
	// CellNone: no cell, an empty cell, or a CSV cell (no type known).
	CellNone CellKind = iota
	// CellText: stored as text (a shared or inline string, or the text
	// result of a formula): never rounded by Excel.
	CellText
	// CellNumber: a number shown as a number.
	CellNumber
	// CellDate: a number shown as a date (Cells holds 2006-01-02).
	CellDate
	// CellDateTime: a number shown as a date and time (2006-01-02 15:04:05).
	CellDateTime
	// CellTime: a number shown as a time of day (15:04:05).
	CellTime
	// CellDuration: a number shown as elapsed time, [h]:mm:ss (255:10:10).
	CellDuration
	// CellBool: TRUE or FALSE.
	CellBool
	// CellError: an error value such as #N/A.
	CellError
)

// CellType is how an XLSX cell stored its value and which of the input
// workbook's cell styles showed it.
type CellType struct {
	Kind  CellKind
	Style int32 // the input workbook's style (cellXfs) index; 0 is the default
	// Num is the number the cell stored, for the number, date, time and
	// duration kinds: dates and times as days since 1899-12-30 (Excel's
	// 1900 date system, also for a 1904 workbook).
	Num float64
}

// numeric reports whether the kind is a number as Excel stores it.
func (k CellKind) numeric() bool { return k >= CellNumber && k <= CellDuration }

// RowWidth returns the number of cells up to the last one that is not
// empty.
func RowWidth(cells []string) int {
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return n
}
