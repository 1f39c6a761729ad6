package sheet

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"orderimport/importer/internal/atomicfile"
)

// rwSheetName is the result sheet's name when the input has none (CSV).
const rwSheetName = "result"

// rwWidthRows is how many rows the XLSX writer holds before it chooses the
// widths of the columns the input gives none for (a stream sets widths
// before its first row).
const rwWidthRows = 100

// rwXLSX writes an XLSX result sheet with excelize's StreamWriter. It looks
// like the input: the input sheet's name, its column widths, every cell
// written as the input stored it (numbers as numbers, dates as dates, text
// as text — a long id typed as text stays text) in the input's cell style;
// the header bold with a frozen pane, the added cells coloured as their
// Column says, and a second sheet, the Result's Legend.
//
// Note: StreamWriter keeps rows in a temporary file, but SaveAs still
// assembles the whole zip in memory (excelize issue #2357); the result of
// a very large import is cheaper as CSV.
type rwXLSX struct {
	path   string
	tmp    *atomicfile.File // created at once, so a bad directory fails early
	f      *excelize.File
	sw     *excelize.StreamWriter
	sheet  string
	styles rwStyles
	layout Layout
	width  int // the input header's columns
	extras int // extra_N columns after the result columns
	row    int
	done   bool
	res    Result

	// The header and the first rows, held until the column widths are
	// chosen; the display width of each column's texts so far.
	held    [][]any
	started bool
	texts   []int
}

// rwStyles holds the style ids of the result sheet.
type rwStyles struct {
	header int
	// fills maps each added column's texts to their fill's style id; nil
	// for a column without fills.
	fills []map[string]int
	// copied maps an input style id, and the kind of cell shown with it,
	// to the result workbook's copy of it; an input style that cannot be
	// copied maps to 0.
	copied map[rwStyleKey]int
}

func rwNewXLSX(path string, res Result) (*rwXLSX, error) {
	tmp, err := atomicfile.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create result sheet: %w", err)
	}
	f := excelize.NewFile()
	styles, err := rwNewStyles(f, res.Columns)
	if err != nil {
		f.Close()
		tmp.Discard()
		return nil, fmt.Errorf("create result sheet %s: %w", path, err)
	}
	return &rwXLSX{path: path, tmp: tmp, f: f, styles: styles, layout: Layout{Widest: -1}, res: res}, nil
}

// rwNewStyles adds the header's style and the added columns' fills (one
// style per colour) to f.
func rwNewStyles(f *excelize.File, cols []Column) (rwStyles, error) {
	s := rwStyles{fills: make([]map[string]int, len(cols)), copied: map[rwStyleKey]int{}}
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return s, err
	}
	byColour := map[string]int{}
	for i, c := range cols {
		if c.Fills == nil {
			continue
		}
		s.fills[i] = make(map[string]int, len(c.Fills))
		for text, colour := range c.Fills {
			id, ok := byColour[colour]
			if !ok {
				id, err = f.NewStyle(&excelize.Style{
					Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
				})
				if err != nil {
					return s, err
				}
				byColour[colour] = id
			}
			s.fills[i][text] = id
		}
	}
	return s, nil
}

// SetLayout implements Writer.
func (x *rwXLSX) SetLayout(l Layout) { x.layout = l }

// WriteHeader implements Writer: the sheet is named after the input
// sheet; the header row is held with the first rows until the column widths
// are chosen.
func (x *rwXLSX) WriteHeader(header []string) error {
	if x.done {
		return errors.New("write result sheet: already closed")
	}
	x.sheet = rwSheetName
	if x.layout.Name != "" {
		x.sheet = x.layout.Name
	}
	err := x.f.SetSheetName(x.f.GetSheetName(0), x.sheet)
	if err == nil {
		x.sw, err = x.f.NewStreamWriter(x.sheet)
	}
	if err != nil {
		return fmt.Errorf("write result sheet %s: %w", x.path, err)
	}
	x.width = len(header)
	x.extras = rwExtras(x.layout, x.width)
	row := append(x.res.headerOf(header), rwExtraHeader(x.extras)...)
	values := make([]any, len(row))
	for i, c := range row {
		values[i] = excelize.Cell{StyleID: x.styles.header, Value: rwValidXML(c)}
	}
	return x.hold(values, row)
}

// WriteRow implements Writer.
func (x *rwXLSX) WriteRow(in Row, r []string) error {
	if x.sw == nil {
		return errors.New("write result sheet: no header written")
	}
	data, extra := rwSplit(in.Cells, x.width)
	values := make([]any, 0, x.width+len(r)+len(extra))
	texts := make([]string, 0, cap(values))
	for i := range x.width {
		if i < len(data) {
			values = append(values, x.cell(data[i], rwTypeAt(in.Types, i)))
			texts = append(texts, data[i])
		} else {
			values, texts = append(values, nil), append(texts, "")
		}
	}
	for i, c := range r {
		switch {
		case i < len(x.styles.fills) && x.styles.fills[i] != nil:
			values = append(values, excelize.Cell{StyleID: x.styles.fills[i][c], Value: rwValidXML(c)})
		case c == "":
			values = append(values, nil) // no cell
		default:
			values = append(values, excelize.Cell{Value: rwValidXML(c)})
		}
		texts = append(texts, c)
	}
	for j, c := range extra {
		values = append(values, x.cell(c, rwTypeAt(in.Types, x.width+j)))
		texts = append(texts, c)
	}
	return x.hold(values, texts)
}

// added is the number of columns the result sheet adds after the input's.
func (x *rwXLSX) added() int { return len(x.res.Columns) }

// rwTypeAt returns types[i], or the zero CellType beyond it.
func rwTypeAt(types []CellType, i int) CellType {
	if i < len(types) {
		return types[i]
	}
	return CellType{}
}

// cell renders an input cell as the input stored it, in a copy of its
// style.
func (x *rwXLSX) cell(text string, t CellType) any {
	if text == "" && t.Kind == CellNone {
		return nil
	}
	style := x.copyStyle(t)
	switch {
	case t.Kind == CellNumber && xlsxIsIntText(text):
		// Every digit as read (a float64 would print 301234567890123456 as
		// …460), so a retry of the sheet reads the same number.
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return excelize.Cell{StyleID: style, Value: n}
		}
		return excelize.Cell{StyleID: style, Value: t.Num}
	case t.Kind.numeric() && !math.IsNaN(t.Num) && !math.IsInf(t.Num, 0):
		return excelize.Cell{StyleID: style, Value: t.Num}
	case t.Kind == CellBool && (text == "TRUE" || text == "FALSE"):
		return excelize.Cell{StyleID: style, Value: text == "TRUE"}
	}
	return excelize.Cell{StyleID: style, Value: rwValidXML(text)}
}

// rwStyleKey is an input style as a cell of one kind uses it.
type rwStyleKey struct {
	id   int32
	kind CellKind
}

// copyStyle returns the result workbook's copy of the input style of a
// cell (number format, font, fill, borders, alignment), made on first
// use; 0 for the default style or one that cannot be copied. A date, time
// or elapsed time whose style does not show it as one (a Strict Open XML
// ISO date, t="d", needs no format) gets the format that does.
func (x *rwXLSX) copyStyle(t CellType) int {
	key := rwStyleKey{t.Style, t.Kind}
	if !rwNeedsDateFormat(t.Kind) {
		key.kind = CellNone // one copy for every kind that needs no date format
	}
	if out, ok := x.styles.copied[key]; ok {
		return out
	}
	var st *excelize.Style
	if t.Style > 0 && x.layout.styles != nil {
		st = x.layout.styles.get(int(t.Style))
	}
	if rwNeedsDateFormat(t.Kind) && rwKindOfStyle(st) != t.Kind {
		cp := excelize.Style{}
		if st != nil {
			cp = *st
		}
		cp.CustomNumFmt, cp.NumFmt = rwDateFormat(t.Kind)
		st = &cp
	}
	out := 0
	if st != nil {
		out, _ = x.newStyle(st)
	}
	x.styles.copied[key] = out
	return out
}

// rwNeedsDateFormat reports the kinds of numbers that read back as what
// they are only with a date or time format.
func rwNeedsDateFormat(k CellKind) bool {
	return k == CellDate || k == CellDateTime || k == CellTime || k == CellDuration
}

// rwKindOfStyle is the kind of number a style shows.
func rwKindOfStyle(st *excelize.Style) CellKind {
	if st == nil {
		return CellNumber
	}
	return xlsxFormatOfStyle(st).kind.cellKind()
}

// rwDateFormat returns a format code showing a cell of kind k.
func rwDateFormat(k CellKind) (*string, int) {
	var code string
	switch k {
	case CellDate:
		code = "yyyy-mm-dd"
	case CellTime:
		code = "hh:mm:ss"
	case CellDuration:
		code = "[h]:mm:ss"
	default:
		code = "yyyy-mm-dd hh:mm:ss"
	}
	return &code, 0
}

// newStyle adds a copy of st to the result workbook; excelize may refuse
// a style it read (an odd font size, a theme colour): then only the number
// format is kept, which is what tells a date from a number.
func (x *rwXLSX) newStyle(st *excelize.Style) (id int, err error) {
	defer func() {
		if recover() != nil {
			id, err = 0, errors.New("style not copied")
		}
	}()
	if id, err = x.f.NewStyle(st); err == nil {
		return id, nil
	}
	return x.f.NewStyle(&excelize.Style{NumFmt: st.NumFmt, CustomNumFmt: st.CustomNumFmt, DecimalPlaces: st.DecimalPlaces})
}

// rwValidXML makes text fit for XML, which cannot hold invalid bytes.
func rwValidXML(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// hold keeps a row until the column widths are chosen, then writes it.
func (x *rwXLSX) hold(values []any, texts []string) error {
	if x.started {
		return x.write(values)
	}
	x.measure(texts)
	x.held = append(x.held, values)
	if len(x.held) > rwWidthRows {
		return x.start()
	}
	return nil
}

// measure notes the display width of a row's texts.
func (x *rwXLSX) measure(texts []string) {
	for len(x.texts) < len(texts) {
		x.texts = append(x.texts, 0)
	}
	for i, t := range texts {
		x.texts[i] = max(x.texts[i], rwDisplayWidth(t))
	}
}

// start sets the column widths and the frozen pane, and writes the rows
// held so far.
func (x *rwXLSX) start() error {
	x.started = true
	if err := x.setLayout(); err != nil {
		return fmt.Errorf("write result sheet %s: %w", x.path, err)
	}
	for _, values := range x.held {
		if err := x.write(values); err != nil {
			return err
		}
	}
	x.held = nil
	return nil
}

// setLayout sets each column's width: the input's where it gives one, else
// one that shows the header and the first rows' texts; and freezes the
// header row.
func (x *rwXLSX) setLayout() error {
	for i, w := range x.texts {
		width := float64(min(max(w+2, 10), 60))
		switch {
		case i < x.width && x.layout.width(i) > 0:
			width = x.layout.width(i)
		case i >= x.width+x.added() && x.layout.width(i-x.added()) > 0:
			width = x.layout.width(i - x.added())
		}
		if err := x.sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	return x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// rwDisplayWidth is the width of a cell's longest line in Excel's units:
// wide (CJK) characters count twice.
func rwDisplayWidth(s string) int {
	most, w := 0, 0
	for _, r := range s {
		switch {
		case r == '\n':
			most, w = max(most, w), 0
		case r >= 0x1100:
			w += 2
		default:
			w++
		}
	}
	return max(most, w)
}

func (x *rwXLSX) write(values []any) error {
	if x.done {
		return errors.New("write result sheet: already closed")
	}
	if x.row >= excelize.TotalRows {
		return fmt.Errorf("write result sheet %s: more than %d rows, Excel's limit: use a .csv result sheet", x.path, excelize.TotalRows)
	}
	x.row++
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err == nil {
		err = x.sw.SetRow(cell, values)
	}
	if err != nil {
		return fmt.Errorf("write result sheet %s: row %d: %w", x.path, x.row, err)
	}
	return nil
}

// Close implements Writer: it writes the rows still held, flushes
// the stream, adds the legend sheet and writes the workbook to a temporary
// file beside the result, renamed into place (see atomicfile).
func (x *rwXLSX) Close() error {
	if x.done {
		return nil
	}
	var err error
	if x.sw != nil && !x.started {
		err = x.start()
	}
	x.done = true
	defer x.f.Close()
	if err == nil && x.sw != nil {
		err = x.sw.Flush()
	}
	if err == nil && x.sw != nil {
		err = rwAddLegend(x.f, x.sheet, x.res.Legend)
	}
	if err == nil {
		err = x.f.Write(x.tmp)
	}
	if err != nil {
		x.tmp.Discard()
		return rwError(x.path, err)
	}
	if err := x.tmp.Commit(); err != nil {
		return rwError(x.path, err)
	}
	return nil
}
