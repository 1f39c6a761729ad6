package sheet

// Layout describes the input sheet to the result writer: what an XLSX
// result sheet keeps of it (its name, column widths and cell styles), and
// how wide its rows are, so that the added columns never land on a cell of
// the input.
type Layout struct {
	// Name is the input sheet's name; "" for CSV.
	Name string
	// Widths are the input's column widths by 0-based column, in Excel's
	// units (0: not set).
	Widths []float64
	// Widest is the number of cells of the widest data row (up to its last
	// cell with a value), or -1 when it is not known before the rows are
	// read (CSV).
	Widest int
	// styles are the input workbook's cell styles (Row.Types refers to
	// them); nil for CSV.
	styles *xlsxStyleTable
}

// width returns the width of 0-based column i, 0 when not set.
func (l Layout) width(i int) float64 {
	if i >= 0 && i < len(l.Widths) {
		return l.Widths[i]
	}
	return 0
}
