package importer

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"sort"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// xlsxSheetScan is what one pass over a sheet's XML, before its first row
// is read, learns of the sheet: the merged ranges (they come after the
// rows), the column widths (before them), the widest rows and whether a
// cell has a style attribute excelize cannot parse.
type xlsxSheetScan struct {
	merges []xlsxMerge // sorted by top row
	widths []float64   // column widths by 0-based column; 0 = not set
	// wide is the staircase of the widest rows seen from the end: rows
	// increasing, widths strictly decreasing, so the widest row below any
	// row r is the first entry after r (see widestAfter).
	wide []xlsxRowWidth
	// badStyle: a cell's s attribute is not a number (s=""): excelize
	// drops such a cell's value, so the sheet is read from a copy without
	// them (xlsxSanitize).
	badStyle bool
}

// xlsxRowWidth is a row and the column of its last cell holding a value.
type xlsxRowWidth struct{ row, width int }

// widestAfter returns the largest number of cells a row below row holds
// (the last column with a value, or a merged range's right edge).
func (s *xlsxSheetScan) widestAfter(row int) int {
	w := 0
	if i := sort.Search(len(s.wide), func(i int) bool { return s.wide[i].row > row }); i < len(s.wide) {
		w = s.wide[i].width
	}
	for _, m := range s.merges {
		if m.bottom > row {
			w = max(w, m.right)
		}
	}
	return w
}

// noteRow records a row's width in the staircase.
func (s *xlsxSheetScan) noteRow(row, width int) {
	if width == 0 {
		return
	}
	for n := len(s.wide); n > 0 && s.wide[n-1].width <= width; n-- {
		s.wide = s.wide[:n-1]
	}
	s.wide = append(s.wide, xlsxRowWidth{row, width})
}

// headerBlock returns the rows of the header block around row: row itself
// widened, as long as it changes, to every merged range (of at most
// xlsxHeaderMergeRows rows) that overlaps it. A template's header cells
// merged down over several rows make one header.
func (s *xlsxSheetScan) headerBlock(row int) (first, last int) {
	first, last = row, row
	for changed := true; changed; {
		changed = false
		for _, mg := range s.merges {
			if mg.top > last {
				break // sorted by top
			}
			if mg.bottom < first || mg.bottom-mg.top+1 > xlsxHeaderMergeRows {
				continue
			}
			if mg.top < first || mg.bottom > last {
				first, last, changed = min(first, mg.top), max(last, mg.bottom), true
			}
		}
	}
	return first, last
}

// xlsxScanSheet reads a sheet's XML tag by tag (holding one tag at a time;
// text between tags is skipped unread).
func xlsxScanSheet(r io.Reader) (*xlsxSheetScan, error) {
	sc := &xlsxSheetScan{}
	br := bufio.NewReaderSize(r, 64<<10)
	row, rowWidth, col, inCell := 0, 0, 0, false
	for {
		_, err := br.ReadSlice('<')
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		head, _ := br.Peek(32)
		name := xlsxTagName(head)
		switch string(name) {
		case "v", "is", "f":
			if inCell {
				rowWidth = max(rowWidth, col)
			}
			continue
		case "/c":
			inCell = false
			continue
		case "c", "row", "mergeCell", "col":
		default:
			continue
		}
		tag, err := br.ReadSlice('>')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			break
		}
		switch string(name) {
		case "c":
			col++
			if ref, ok := xlsxTagAttr(tag, "r"); ok {
				if c, _, err := excelize.CellNameToCoordinates(string(ref)); err == nil {
					col = c
				}
			}
			if s, ok := xlsxTagAttr(tag, "s"); ok {
				if _, err := strconv.Atoi(string(s)); err != nil {
					sc.badStyle = true
				}
			}
			inCell = !bytes.HasSuffix(tag, []byte("/>"))
		case "row":
			sc.noteRow(row, rowWidth)
			row, rowWidth, col, inCell = row+1, 0, 0, false
			if v, ok := xlsxTagAttr(tag, "r"); ok {
				if n, err := strconv.Atoi(string(v)); err == nil {
					row = n
				}
			}
		case "mergeCell":
			if m, ok := xlsxParseMergeTag(tag); ok {
				sc.merges = append(sc.merges, m)
			}
		case "col":
			sc.noteCol(tag)
		}
	}
	sc.noteRow(row, rowWidth)
	sort.SliceStable(sc.merges, func(i, j int) bool { return sc.merges[i].top < sc.merges[j].top })
	return sc, nil
}

// xlsxMaxWidthColumns bounds the columns whose widths are kept.
const xlsxMaxWidthColumns = 1024

// noteCol records a <col min max width> tag's width.
func (s *xlsxSheetScan) noteCol(tag []byte) {
	lo, err1 := xlsxIntAttr(tag, "min")
	hi, err2 := xlsxIntAttr(tag, "max")
	wv, ok := xlsxTagAttr(tag, "width")
	if err1 != nil || err2 != nil || !ok || lo < 1 || hi < lo {
		return
	}
	w, err := strconv.ParseFloat(string(wv), 64)
	if err != nil || w <= 0 || w > 255 {
		return
	}
	if hidden, ok := xlsxTagAttr(tag, "hidden"); ok && (string(hidden) == "1" || string(hidden) == "true") {
		return
	}
	hi = min(hi, xlsxMaxWidthColumns)
	for len(s.widths) < hi {
		s.widths = append(s.widths, 0)
	}
	for c := lo; c <= hi; c++ {
		s.widths[c-1] = w
	}
}

func xlsxIntAttr(tag []byte, name string) (int, error) {
	v, ok := xlsxTagAttr(tag, name)
	if !ok {
		return 0, errors.New("missing")
	}
	return strconv.Atoi(string(v))
}

// xlsxTagName returns the local name of the tag at the start of head (the
// bytes after '<'), with a leading '/' for an end tag: "c", "/c", "row".
func xlsxTagName(head []byte) []byte {
	end := 0
	if len(head) > 0 && head[0] == '/' {
		end = 1
	}
	for end < len(head) && bytes.IndexByte([]byte(" \t\r\n/>"), head[end]) < 0 {
		end++
	}
	name := head[:end]
	i := bytes.IndexByte(name, ':')
	switch {
	case i < 0:
		return name
	case name[0] == '/':
		return append([]byte{'/'}, name[i+1:]...)
	}
	return name[i+1:]
}

// xlsxTagAttr returns the value of attribute name in tag (the bytes of one
// start tag), matched on its local name.
func xlsxTagAttr(tag []byte, name string) ([]byte, bool) {
	_, from, to, ok := xlsxTagAttrPos(tag, name)
	if !ok {
		return nil, false
	}
	return tag[from:to], true
}

// xlsxTagAttrPos finds attribute name in tag: where the attribute starts
// (its prefix included), and where its value starts and ends (inside the
// quotes).
func xlsxTagAttrPos(tag []byte, name string) (start, from, to int, ok bool) {
	key := []byte(name + "=")
	for i := 0; ; {
		j := bytes.Index(tag[i:], key)
		if j < 0 {
			return 0, 0, 0, false
		}
		j += i
		k := j + len(key)
		start = j
		if j > 0 && tag[j-1] == ':' { // a prefixed attribute: x:s=
			for start > 0 && !xlsxIsSpace(tag[start-1]) {
				start--
			}
		}
		if start > 0 && xlsxIsSpace(tag[start-1]) && k < len(tag) && (tag[k] == '"' || tag[k] == '\'') {
			end := bytes.IndexByte(tag[k+1:], tag[k])
			if end < 0 {
				return 0, 0, 0, false
			}
			return start, k + 1, k + 1 + end, true
		}
		i = k
	}
}

func xlsxIsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
