package importer

// Row is one data row of the input as a person sees it in Excel.
type Row struct {
	// Line is the row number a person sees: the Excel row number for XLSX,
	// the line on which the record starts for CSV (1-based, counting the
	// header and any title and blank rows above).
	Line int
	// Cells holds the cell texts; it may be shorter or longer than the
	// header. The slice belongs to the caller.
	Cells []string
	// Raw, when not nil, is the row as comma-separated UTF-8 CSV text
	// without its line end, exactly as it was parsed into Cells (a CSV
	// input with comma delimiters): a CSV result sheet copies it instead of
	// encoding Cells again.
	Raw []byte
	// Numbers lists the 0-based columns whose cell an XLSX file stores as
	// a number of 16 or more digits (digits past the 15th may be Excel's
	// rounding); every other XLSX cell is text or shorter. Nil for CSV.
	Numbers []int
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
