package importer

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxSource streams one sheet of an XLSX file. Values come from
// excelize's row iterator (raw values: shared strings resolved, numbers
// unformatted); cell types and styles come from a second, lightweight pass
// over the same rows (xlsxMetaStream), since the iterator does not expose
// them; merged ranges from a scan done before the first row.
type xlsxSource struct {
	name, sheet string
	f           *excelize.File
	pkg         *xlsxPackage
	rows        *excelize.Rows
	meta        *xlsxMetaAhead
	merger      xlsxMerger
	styles      *xlsxStyles
	date1904    bool
	seek        int      // rows.Next calls so far: excelize's current row
	last        int      // last row number returned
	cells       []string // the last row's cells (reused)
	numbers     []int    // the last row's long-number cells (reused; see lastNumbers)
}

// xlsxOpen opens path, chooses the sheet and prepares the streams.
func xlsxOpen(path, name string, o ReadOptions) (*xlsxSource, error) {
	s := &xlsxSource{name: name}
	if err := s.open(path, o); err != nil {
		s.close()
		var ie *InputError
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, &InputError{File: name, Sheet: s.sheet, Err: err}
	}
	return s, nil
}

func (s *xlsxSource) open(path string, o ReadOptions) error {
	pkg, err := xlsxOpenPackage(path)
	if err != nil {
		return fmt.Errorf("not a valid XLSX file (corrupt or truncated zip): %w", err)
	}
	s.pkg = pkg
	if err := xlsxCheckPackage(pkg, o.MaxUnzipBytes); err != nil {
		return err
	}
	xmlLimit := min(int64(excelize.StreamChunkSize), o.MaxUnzipBytes)
	s.f, err = excelize.OpenFile(path, excelize.Options{
		RawCellValue: true, UnzipSizeLimit: o.MaxUnzipBytes, UnzipXMLSizeLimit: xmlLimit,
	})
	if err != nil {
		return xlsxOpenError(err, o.MaxUnzipBytes)
	}
	if s.sheet, err = xlsxChooseSheet(s.f, pkg, o.Sheet); err != nil {
		return err
	}
	if props, err := s.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	s.styles = xlsxNewStyles(s.f)
	return s.openStreams()
}

// openStreams starts the row iterator, the side stream and reads the
// merged ranges.
func (s *xlsxSource) openStreams() error {
	part := s.pkg.sheets[s.sheet]
	rc, err := s.pkg.open(part)
	if err != nil {
		return err
	}
	merges, err := xlsxScanMerges(rc)
	rc.Close()
	if err != nil {
		return fmt.Errorf("%w: %v", errXLSXTruncated, err)
	}
	s.merger = xlsxMerger{pending: merges}
	if rc, err = s.pkg.open(part); err != nil {
		return err
	}
	s.meta = xlsxNewMetaAhead(xlsxNewMetaStream(rc))
	s.rows, err = s.f.Rows(s.sheet)
	return err
}

// xlsxCheckPackage refuses other zip-based formats and zip bombs, judged
// by the sizes the zip declares (excelize checks them again).
func xlsxCheckPackage(pkg *xlsxPackage, limit int64) error {
	if mt := pkg.mimetype(); strings.Contains(mt, "opendocument") {
		return errors.New("an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV")
	}
	if _, ok := pkg.files["index/document.iwa"]; ok {
		return errors.New("an Apple Numbers file: save it as .xlsx or CSV")
	}
	var total uint64
	for _, f := range pkg.zr.File {
		total += f.UncompressedSize64
		if total > uint64(limit) {
			return xlsxUnzipLimitError(limit)
		}
	}
	if err := pkg.readSheets(); err != nil {
		return fmt.Errorf("not an XLSX file (no readable workbook in the zip): %w", err)
	}
	if len(pkg.sheets) == 0 {
		return errors.New("not an XLSX file: the zip holds no worksheet")
	}
	return nil
}

func xlsxUnzipLimitError(limit int64) error {
	return fmt.Errorf("decompressed size exceeds the limit of %d bytes (a zip bomb? raise the limit with --max-unzip)", limit)
}

// xlsxOpenError turns excelize's open errors into one-line messages.
func xlsxOpenError(err error, limit int64) error {
	switch {
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return xlsxUnzipLimitError(limit)
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return errors.New("encrypted or legacy .xls file: save it as .xlsx or CSV")
	}
	return fmt.Errorf("not a valid XLSX file (corrupt or truncated?): %w", err)
}

// xlsxChooseSheet resolves ReadOptions.Sheet: a name, a 1-based index, or
// "" for the first visible sheet that has data.
func xlsxChooseSheet(f *excelize.File, pkg *xlsxPackage, want string) (string, error) {
	names := f.GetSheetList()
	var usable []string
	for _, n := range names {
		if _, ok := pkg.sheets[n]; ok {
			usable = append(usable, n)
		}
	}
	if len(usable) == 0 {
		return "", errors.New("not an XLSX file: the workbook has no worksheet")
	}
	if want == "" {
		return xlsxFirstSheetWithData(f, usable), nil
	}
	for _, n := range usable {
		if n == want {
			return n, nil
		}
	}
	for _, n := range usable {
		if strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(want)) {
			return n, nil
		}
	}
	if i, err := strconv.Atoi(strings.TrimSpace(want)); err == nil && i >= 1 && i <= len(usable) {
		return usable[i-1], nil
	}
	return "", fmt.Errorf("no sheet %q; the sheets are: %s", want, readQuoteList(usable))
}

// xlsxFirstSheetWithData returns the first visible sheet with a non-empty
// cell, else the first visible sheet, else the first sheet.
func xlsxFirstSheetWithData(f *excelize.File, names []string) string {
	var visible []string
	for _, n := range names {
		if v, err := f.GetSheetVisible(n); err == nil && v {
			visible = append(visible, n)
		}
	}
	for _, n := range visible {
		if xlsxSheetHasData(f, n) {
			return n
		}
	}
	if len(visible) > 0 {
		return visible[0]
	}
	return names[0]
}

// xlsxSheetHasData streams the sheet up to its first non-empty cell.
func xlsxSheetHasData(f *excelize.File, sheet string) bool {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false
	}
	defer rows.Close()
	for rows.Next() {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return false
		}
		if !(Row{Cells: cells}).Blank() {
			return true
		}
	}
	return false
}

// errXLSXNoValue reports a formula cell without its computed value.
var errXLSXNoValue = errors.New("a formula whose result was never saved (the file was written by a program that does not calculate formulas): open it in Excel, WPS or LibreOffice, save it and import it again")

func (s *xlsxSource) displayName() string { return s.name + ", sheet " + s.sheet }
func (s *xlsxSource) fileName() string    { return s.name }
func (s *xlsxSource) sheetName() string   { return s.sheet }

func (s *xlsxSource) close() error {
	var errs []error
	if s.rows != nil {
		errs = append(errs, s.rows.Close())
	}
	if s.meta != nil {
		errs = append(errs, s.meta.close())
	}
	if s.pkg != nil {
		errs = append(errs, s.pkg.close())
	}
	if s.f != nil {
		errs = append(errs, s.f.Close())
	}
	s.rows, s.meta, s.pkg, s.f = nil, nil, nil, nil
	return errors.Join(errs...)
}

func (s *xlsxSource) errorf(line int, err error) *InputError {
	return &InputError{File: s.name, Sheet: s.sheet, Line: line, Err: err}
}

// next returns the next <row> of the sheet with its Excel row number.
func (s *xlsxSource) next() (int, []string, error) {
	num, metas, err := s.meta.next()
	if errors.Is(err, io.EOF) {
		return 0, nil, io.EOF
	}
	if err != nil {
		return 0, nil, s.errorf(s.last+1, err)
	}
	if num <= s.last {
		return 0, nil, s.errorf(num, fmt.Errorf("%w: rows out of order", errXLSXTruncated))
	}
	for s.seek < num {
		if !s.rows.Next() {
			return 0, nil, s.errorf(num, errXLSXTruncated)
		}
		s.seek++
	}
	vals, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, nil, s.errorf(num, fmt.Errorf("%w: %v", errXLSXTruncated, err))
	}
	s.last = num
	cells := append(s.cells[:0], vals...) // reused: valid until the next call
	s.numbers = s.numbers[:0]
	for _, m := range metas {
		raw := ""
		if m.col >= 1 && m.col <= len(vals) {
			raw = vals[m.col-1]
		}
		if m.noValue(raw) {
			return 0, nil, &InputError{File: s.name, Sheet: s.sheet, Line: num, Column: m.col, Err: errXLSXNoValue}
		}
		if m.col >= 1 && m.col <= len(vals) {
			cells[m.col-1] = xlsxCellText(vals[m.col-1], m, s.styles, s.date1904)
			if (m.typ == "" || m.typ == "n") && len(cells[m.col-1]) >= 16 && xlsxIsIntText(cells[m.col-1]) {
				s.numbers = append(s.numbers, m.col-1)
			}
		}
	}
	s.cells = s.merger.apply(num, cells)
	return num, s.cells, nil
}

// lastNumbers returns the 0-based columns of the row next returned last
// whose cell is stored as a number of 16 or more digits (Row.Numbers): Excel
// keeps 15 significant digits of a number, never of a text cell. Valid
// until the next call.
func (s *xlsxSource) lastNumbers() []int { return s.numbers }
