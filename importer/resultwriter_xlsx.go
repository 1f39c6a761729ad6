package importer

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// rwSheetName is the result workbook's only sheet.
const rwSheetName = "result"

// rwXLSX writes an XLSX result sheet with excelize's StreamWriter: every
// cell a string (exact text: long numbers stay text), the header bold with
// a frozen pane, the status cell coloured.
//
// Note: StreamWriter keeps rows in a temporary file, but SaveAs still
// assembles the whole zip in memory (excelize issue #2357); the result of
// a very large import is cheaper as CSV.
type rwXLSX struct {
	path   string
	tmp    *atomicFile // created at once, so a bad directory fails early
	f      *excelize.File
	sw     *excelize.StreamWriter
	styles rwStyles
	width  int
	row    int
	done   bool
	// tracked: the tracking columns follow the result columns.
	tracked bool
}

// rwStyles holds the style ids of the result sheet.
type rwStyles struct {
	header int
	status map[Status]int
}

func rwNewXLSX(path string) (*rwXLSX, error) {
	tmp, err := createAtomic(path)
	if err != nil {
		return nil, fmt.Errorf("create result sheet: %w", err)
	}
	f := excelize.NewFile()
	fail := func(err error) (*rwXLSX, error) {
		f.Close()
		tmp.discard()
		return nil, fmt.Errorf("create result sheet %s: %w", path, err)
	}
	if err := f.SetSheetName(f.GetSheetName(0), rwSheetName); err != nil {
		return fail(err)
	}
	styles, err := rwNewStyles(f)
	if err != nil {
		return fail(err)
	}
	sw, err := f.NewStreamWriter(rwSheetName)
	if err != nil {
		return fail(err)
	}
	return &rwXLSX{path: path, tmp: tmp, f: f, sw: sw, styles: styles}, nil
}

func rwNewStyles(f *excelize.File) (rwStyles, error) {
	s := rwStyles{status: map[Status]int{}}
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return s, err
	}
	colours := map[string][]Status{
		"C6EFCE": {StatusOK, StatusReady, StatusSkipped},        // green
		"FFC7CE": {StatusRejected, StatusInvalid, StatusFailed}, // red
		"FFEB9C": {StatusUnknown, StatusNotSent},                // amber
	}
	for colour, statuses := range colours {
		id, err := f.NewStyle(&excelize.Style{
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
		})
		if err != nil {
			return s, err
		}
		for _, st := range statuses {
			s.status[st] = id
		}
	}
	return s, nil
}

// WriteHeader implements ResultWriter. Column widths and the frozen pane
// must be set before the first row.
func (x *rwXLSX) WriteHeader(header []string) error {
	x.width = len(header)
	row := resultHeader(header, x.tracked)
	if err := x.setLayout(row); err != nil {
		return fmt.Errorf("write result sheet %s: %w", x.path, err)
	}
	return x.write(row, func(int) int { return x.styles.header })
}

func (x *rwXLSX) setLayout(header []string) error {
	for i, h := range header {
		if err := x.sw.SetColWidth(i+1, i+1, rwColumnWidth(h)); err != nil {
			return err
		}
	}
	return x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// rwColumnWidth guesses a readable width from the header text.
func rwColumnWidth(h string) float64 {
	switch h {
	case "error", "msg":
		return 40
	}
	w := 0 // wide (CJK) characters count twice
	for _, r := range h {
		if r >= 0x1100 {
			w += 2
		} else {
			w++
		}
	}
	return float64(min(max(w+4, 12), 40))
}

// WriteRow implements ResultWriter.
func (x *rwXLSX) WriteRow(in Row, r RowResult) error {
	cells := rwPad(in.Cells, x.width)
	row := r.appendAll(append(make([]string, 0, len(cells)+len(ResultColumns)+len(TrackColumns)), cells...), x.tracked)
	statusCol := len(cells)
	return x.write(row, func(i int) int {
		if i == statusCol {
			return x.styles.status[r.Status]
		}
		return 0
	})
}

func (x *rwXLSX) write(row []string, style func(i int) int) error {
	if x.done {
		return errors.New("write result sheet: already closed")
	}
	if x.row >= excelize.TotalRows {
		return fmt.Errorf("write result sheet %s: more than %d rows, Excel's limit: use a .csv result sheet", x.path, excelize.TotalRows)
	}
	x.row++
	values := make([]any, len(row))
	for i, c := range row {
		c = strings.ToValidUTF8(c, "\uFFFD") // XML cannot hold invalid bytes
		values[i] = excelize.Cell{StyleID: style(i), Value: c}
	}
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err == nil {
		err = x.sw.SetRow(cell, values)
	}
	if err != nil {
		return fmt.Errorf("write result sheet %s: row %d: %w", x.path, x.row, err)
	}
	return nil
}

// Close implements ResultWriter: it flushes the stream, writes the
// workbook to a temporary file beside the result and renames it into place
// (see atomicFile).
func (x *rwXLSX) Close() error {
	if x.done {
		return nil
	}
	x.done = true
	defer x.f.Close()
	err := x.sw.Flush()
	if err == nil {
		err = x.f.Write(x.tmp)
	}
	if err != nil {
		x.tmp.discard()
		return rwError(x.path, err)
	}
	if err := x.tmp.commit(); err != nil {
		return rwError(x.path, err)
	}
	return nil
}
