package sheet

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"orderimport/importer/i18n"
)

// xlsxSource streams one sheet of an XLSX file. Values come from
// excelize's row iterator (raw values: shared strings resolved, numbers
// unformatted); cell types and styles come from a second, lightweight pass
// over the same rows (xlsxMetaStream), since the iterator does not expose
// them; merged ranges, column widths and the widest rows from a scan done
// before the first row (xlsxScanSheet).
type xlsxSource struct {
	name, sheet string
	f           *excelize.File
	pkg         *xlsxPackage
	rows        *excelize.Rows
	meta        *xlsxMetaAhead
	scan        *xlsxSheetScan
	merger      xlsxMerger
	table       *xlsxStyleTable
	styles      *xlsxStyles
	date1904    bool
	seek        int        // rows.Next calls so far: excelize's current row
	last        int        // last row number returned
	cells       []string   // the last row's cells (reused)
	types       []CellType // the last row's cell types (reused)
	temps       []string   // temporary files to remove on close
}

// xlsxOpen opens path, chooses the sheet and prepares the streams.
func xlsxOpen(path, name string, o Options) (*xlsxSource, error) {
	return xlsxOpenSource(&xlsxSource{name: name}, path, o)
}

func xlsxOpenSource(s *xlsxSource, path string, o Options) (*xlsxSource, error) {
	if err := s.open(path, o); err != nil {
		s.close()
		var ie *Error
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, &Error{File: s.name, Sheet: s.sheet, Err: err}
	}
	return s, nil
}

func (s *xlsxSource) open(path string, o Options) error {
	pkg, err := xlsxOpenPackage(path)
	if err != nil {
		return reason(i18n.SheetBadZip, err)
	}
	s.pkg = pkg
	if err := xlsxCheckPackage(pkg, o.MaxUnzipBytes); err != nil {
		return err
	}
	if s.sheet, err = xlsxChooseSheet(pkg, o.Sheet); err != nil {
		return err
	}
	if err := s.scanSheet(); err != nil {
		return err
	}
	if s.scan.badStyle {
		// excelize drops the value of a cell whose s attribute is not a
		// number (s=""): it reads a copy without such attributes.
		if path, err = s.sanitized(path); err != nil {
			return err
		}
	}
	xmlLimit := min(int64(excelize.StreamChunkSize), o.MaxUnzipBytes)
	s.f, err = excelize.OpenFile(path, excelize.Options{
		RawCellValue: true, UnzipSizeLimit: o.MaxUnzipBytes, UnzipXMLSizeLimit: xmlLimit,
	})
	if err != nil {
		return xlsxOpenError(err, o.MaxUnzipBytes)
	}
	if props, err := s.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	s.table = xlsxNewStyleTable(s.f)
	s.styles = xlsxNewStyles(s.table)
	return s.openStreams()
}

// scanSheet reads the merged ranges, column widths and row widths of the
// chosen sheet.
func (s *xlsxSource) scanSheet() error {
	rc, err := s.pkg.open(s.pkg.sheets[s.sheet])
	if err != nil {
		return err
	}
	defer rc.Close()
	if s.scan, err = xlsxScanSheet(rc); err != nil {
		return xlsxTruncated(err.Error())
	}
	s.merger = xlsxMerger{pending: s.scan.merges}
	return nil
}

// sanitized writes a copy of the workbook whose chosen sheet has no cell
// style attribute excelize cannot parse, and returns its path.
func (s *xlsxSource) sanitized(path string) (string, error) {
	tmp, err := os.CreateTemp("", "orderimport-*.xlsx")
	if err != nil {
		return "", err
	}
	s.temps = append(s.temps, tmp.Name())
	err = xlsxSanitize(tmp, s.pkg, s.pkg.sheets[s.sheet])
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", xlsxTruncated(err.Error())
	}
	return tmp.Name(), nil
}

// openStreams starts the row iterator and the side stream.
func (s *xlsxSource) openStreams() error {
	rc, err := s.pkg.open(s.pkg.sheets[s.sheet])
	if err != nil {
		return err
	}
	s.meta = xlsxNewMetaAhead(xlsxNewMetaStream(rc))
	s.rows, err = s.f.Rows(s.sheet)
	return err
}

// errXLSB refuses an Excel binary workbook.
var errXLSB = reason(i18n.SheetXLSB)

// xlsxCheckPackage refuses other zip-based formats and zip bombs, judged
// by the sizes the zip declares (excelize checks them again).
func xlsxCheckPackage(pkg *xlsxPackage, limit int64) error {
	if mt := pkg.mimetype(); strings.Contains(mt, "opendocument") {
		return reason(i18n.SheetODS)
	}
	if _, ok := pkg.files["index/document.iwa"]; ok {
		return reason(i18n.SheetNumbers)
	}
	if pkg.isBinaryWorkbook() {
		return errXLSB
	}
	var total uint64
	for _, f := range pkg.zr.File {
		total += f.UncompressedSize64
		if total > uint64(limit) {
			return xlsxUnzipLimitError(limit)
		}
	}
	if err := pkg.readSheets(); err != nil {
		return reason(i18n.SheetNoWorkbook, err)
	}
	if len(pkg.order) == 0 {
		return reason(i18n.SheetZipNoWorksheet)
	}
	return nil
}

func xlsxUnzipLimitError(limit int64) error {
	return reason(i18n.SheetUnzipLimit, limit)
}

// xlsxOpenError turns excelize's open errors into one-line messages.
func xlsxOpenError(err error, limit int64) error {
	switch {
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return xlsxUnzipLimitError(limit)
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return reason(i18n.SheetEncryptedOrXLS)
	}
	return reason(i18n.SheetCorrupt, err)
}

// xlsxChooseSheet resolves Options.Sheet: a name, a 1-based index (in
// tab order, chart sheets counted), or "" for the first visible worksheet
// that has data. A chart sheet named is refused, listing the sheets with
// data.
func xlsxChooseSheet(pkg *xlsxPackage, want string) (string, error) {
	var names []string
	for _, e := range pkg.order {
		if _, ok := pkg.sheets[e.name]; ok {
			names = append(names, e.name)
		}
	}
	if len(names) == 0 {
		return "", xlsxNoWorksheet(pkg)
	}
	if want == "" {
		return xlsxFirstSheetWithData(pkg), nil
	}
	e, ok := xlsxFindSheet(pkg.order, want)
	if !ok {
		return "", reason(i18n.SheetNoSuchSheet, want, readQuoteList(names))
	}
	if _, ok := pkg.sheets[e.name]; !ok {
		return "", fmt.Errorf("sheet %q is %s, not a sheet of rows and cells; the sheets with data are: %s",
			e.name, e.kindName(), readQuoteList(xlsxSheetsWithData(pkg)))
	}
	return e.name, nil
}

// xlsxNoWorksheet says why a workbook without a worksheet is refused.
func xlsxNoWorksheet(pkg *xlsxPackage) error {
	if len(pkg.order) > 0 && pkg.order[0].part != "" {
		return fmt.Errorf("the workbook has no sheet of rows and cells (%q is %s)", pkg.order[0].name, pkg.order[0].kindName())
	}
	return errors.New("not an XLSX file: the workbook has no worksheet")
}

// xlsxFindSheet finds a sheet by its exact name, its name ignoring case and
// surrounding spaces, or its 1-based position.
func xlsxFindSheet(order []xlsxSheetEntry, want string) (xlsxSheetEntry, bool) {
	for _, e := range order {
		if e.name == want {
			return e, true
		}
	}
	for _, e := range order {
		if strings.EqualFold(strings.TrimSpace(e.name), strings.TrimSpace(want)) {
			return e, true
		}
	}
	if i, err := strconv.Atoi(strings.TrimSpace(want)); err == nil && i >= 1 && i <= len(order) {
		return order[i-1], true
	}
	return xlsxSheetEntry{}, false
}

// xlsxFirstSheetWithData returns the first visible worksheet with a
// non-blank cell, else the first visible worksheet, else the first
// worksheet.
func xlsxFirstSheetWithData(pkg *xlsxPackage) string {
	var visible, all []string
	for _, e := range pkg.order {
		if _, ok := pkg.sheets[e.name]; ok {
			all = append(all, e.name)
			if !e.hidden {
				visible = append(visible, e.name)
			}
		}
	}
	for _, n := range visible {
		if pkg.sheetHasData(pkg.sheets[n]) {
			return n
		}
	}
	if len(visible) > 0 {
		return visible[0]
	}
	return all[0]
}

// xlsxSheetsWithData lists the worksheets that have a non-blank cell.
func xlsxSheetsWithData(pkg *xlsxPackage) []string {
	var out []string
	for _, e := range pkg.order {
		if part, ok := pkg.sheets[e.name]; ok && pkg.sheetHasData(part) {
			out = append(out, e.name)
		}
	}
	return out
}

// errXLSXNoValue reports a formula cell without its computed value.
var errXLSXNoValue = reason(i18n.SheetNoValue)

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
	s.table.close()
	if s.f != nil {
		errs = append(errs, s.f.Close())
	}
	for _, t := range s.temps {
		if err := os.Remove(t); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	s.rows, s.meta, s.pkg, s.f, s.temps = nil, nil, nil, nil, nil
	return errors.Join(errs...)
}

func (s *xlsxSource) errorf(line int, err error) *Error {
	return &Error{File: s.name, Sheet: s.sheet, Line: line, Err: err}
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
		return 0, nil, s.errorf(num, xlsxTruncated("rows out of order"))
	}
	for s.seek < num {
		if !s.rows.Next() {
			return 0, nil, s.errorf(num, errXLSXTruncated)
		}
		s.seek++
	}
	vals, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, nil, s.errorf(num, xlsxTruncated(err.Error()))
	}
	s.last = num
	cells := append(s.cells[:0], vals...) // reused: valid until the next call
	types := s.types[:0]
	if cap(types) < len(vals) {
		types = make([]CellType, len(vals), 2*len(vals))
	} else {
		types = types[:len(vals)]
		clear(types)
	}
	for _, m := range metas {
		raw := ""
		if m.col >= 1 && m.col <= len(vals) {
			raw = vals[m.col-1]
		}
		if m.noValue(raw) {
			return 0, nil, &Error{File: s.name, Sheet: s.sheet, Line: num, Column: m.col, Err: errXLSXNoValue}
		}
		if m.col >= 1 && m.col <= len(vals) {
			cells[m.col-1], types[m.col-1] = xlsxCellText(raw, m, s.styles, s.date1904)
		}
	}
	s.cells, s.types = s.merger.apply(num, cells, types)
	return num, s.cells, nil
}

// lastTypes implements typedSource: the types of the cells next returned
// last.
func (s *xlsxSource) lastTypes() []CellType { return s.types }

// headerBlock implements blockSource.
func (s *xlsxSource) headerBlock(row int) (first, last int) { return s.scan.headerBlock(row) }

// layout implements layoutSource.
func (s *xlsxSource) layout(headerLine int) Layout {
	return Layout{Name: s.sheet, Widths: s.scan.widths, Widest: s.scan.widestAfter(headerLine), styles: s.table}
}
