package sheet

import (
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

// xlsxScanChunk is how much of a sheet's XML the scan reads at a time.
const xlsxScanChunk = 128 << 10

// xlsxScanSheet reads a sheet's XML once, tag by tag, before its rows are
// read: a byte scan (bytes.IndexByte from '<' to '<'), not an XML parse.
// It holds one chunk at a time; a tag longer than a chunk is skipped.
func xlsxScanSheet(r io.Reader) (*xlsxSheetScan, error) {
	sc := &xlsxSheetScan{}
	st := xlsxScanState{sc: sc}
	buf := make([]byte, 0, xlsxScanChunk)
	eof := false
	for !eof {
		n, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			eof = true
		case err != nil:
			return nil, err
		}
		if bytes.Contains(buf, []byte(`s=""`)) || bytes.Contains(buf, []byte(`s=''`)) {
			sc.badStyle = true // excelize drops such a cell's value
		}
		rest := st.tags(buf, eof)
		if len(rest) == len(buf) && !eof {
			rest = rest[:0] // a tag longer than a chunk: not one we read
		}
		// Keep the unread tail, and 3 bytes of overlap for the s="" check.
		keep := max(len(rest), min(3, len(buf)))
		buf = buf[:copy(buf, buf[len(buf)-keep:])]
	}
	st.endRow()
	sort.SliceStable(sc.merges, func(i, j int) bool { return sc.merges[i].top < sc.merges[j].top })
	return sc, nil
}

// xlsxScanState is the scan's position in the sheet.
type xlsxScanState struct {
	sc              *xlsxSheetScan
	row, width, col int
	inCell          bool
}

// endRow notes the width of the row just scanned.
func (st *xlsxScanState) endRow() { st.sc.noteRow(st.row, st.width) }

// xlsxScanTagRoom is the most of a tag a decision needs without its end:
// its name and a leading r="XFD1048576" attribute.
const xlsxScanTagRoom = 48

// tags scans the tags of data and returns the tail it could not finish (a
// tag cut by the end of data, unless eof).
func (st *xlsxScanState) tags(data []byte, eof bool) []byte {
	for {
		i := bytes.IndexByte(data, '<')
		if i < 0 {
			return data[len(data):]
		}
		data = data[i:]
		if len(data) < xlsxScanTagRoom && !eof {
			return data
		}
		head := data[1:]
		switch {
		case len(head) > 1 && head[0] == 'c' && (head[1] == ' ' || head[1] == '>' || head[1] == '/'):
			st.cell(head)
		case len(head) > 1 && (head[0] == 'v' || head[0] == 'f') && (head[1] == '>' || head[1] == ' ' || head[1] == '/'),
			len(head) > 2 && head[0] == 'i' && head[1] == 's' && (head[2] == '>' || head[2] == ' '):
			if st.inCell {
				st.width = max(st.width, st.col)
			}
		case len(head) > 0 && head[0] == '/':
			// an end tag: nothing to learn
		default:
			kind := xlsxClassify(head)
			if kind == xlsxTagOther {
				break
			}
			end := bytes.IndexByte(head, '>')
			if end < 0 {
				if !eof {
					return data
				}
				return data[len(data):]
			}
			st.other(kind, head[:end+1])
		}
		data = data[1:]
	}
}

// cell reads the column of a <c> tag from its r attribute (or counts it).
func (st *xlsxScanState) cell(head []byte) {
	st.col++
	st.inCell = true
	if bytes.HasPrefix(head, []byte(`c r="`)) { // as every writer puts it
		if c := xlsxRefColumn(head[len(`c r="`):]); c > 0 {
			st.col = c
		}
		return
	}
	tag := head
	if end := bytes.IndexByte(head, '>'); end >= 0 {
		tag = head[:end+1]
	}
	if ref, ok := xlsxTagAttr(tag, "r"); ok {
		if c := xlsxRefColumn(ref); c > 0 {
			st.col = c
		}
	}
}

// other handles the tags read whole: rows, merged ranges, column widths,
// and prefixed cell and value tags (x:c).
func (st *xlsxScanState) other(kind xlsxScanTag, tag []byte) {
	switch kind {
	case xlsxTagCell:
		st.cell(tag)
	case xlsxTagValue:
		if st.inCell {
			st.width = max(st.width, st.col)
		}
	case xlsxTagRow:
		st.endRow()
		st.row, st.width, st.col, st.inCell = st.row+1, 0, 0, false
		if v, ok := xlsxTagAttr(tag, "r"); ok {
			if n, err := strconv.Atoi(string(v)); err == nil {
				st.row = n
			}
		}
	case xlsxTagMerge:
		if m, ok := xlsxParseMergeTag(tag); ok {
			st.sc.merges = append(st.sc.merges, m)
		}
	case xlsxTagCol:
		st.sc.noteCol(tag)
	}
}

// The tags xlsxScanSheet reads whole or by their prefixed names.
type xlsxScanTag uint8

const (
	xlsxTagOther xlsxScanTag = iota
	xlsxTagCell              // <c …>
	xlsxTagValue             // <v>, <is>, <f>: the cell holds something
	xlsxTagRow               // <row …>
	xlsxTagMerge             // <mergeCell …>
	xlsxTagCol               // <col …>
)

// xlsxClassify tells which tag starts head (the bytes after '<').
func xlsxClassify(head []byte) xlsxScanTag {
	switch string(xlsxTagName(head)) {
	case "c":
		return xlsxTagCell
	case "v", "is", "f":
		return xlsxTagValue
	case "row":
		return xlsxTagRow
	case "mergeCell":
		return xlsxTagMerge
	case "col":
		return xlsxTagCol
	}
	return xlsxTagOther
}

// xlsxRefColumn returns the column of a cell reference ("AB12" → 28), 0
// when it has none.
func xlsxRefColumn(ref []byte) int {
	col := 0
	for _, c := range ref {
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a'+1)
		case c == '$':
		default:
			return min(col, excelize.MaxColumns)
		}
		if col > excelize.MaxColumns {
			return 0
		}
	}
	return col
}

// xlsxIsDigits reports whether v is a non-empty run of ASCII digits.
func xlsxIsDigits(v []byte) bool {
	for _, c := range v {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(v) > 0
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
	end, colon := 0, -1
	if len(head) > 0 && head[0] == '/' {
		end = 1
	}
name:
	for ; end < len(head); end++ {
		switch head[end] {
		case ' ', '\t', '\r', '\n', '/', '>':
			break name
		case ':':
			colon = end
		}
	}
	name := head[:end]
	switch {
	case colon < 0:
		return name
	case name[0] == '/':
		return append([]byte{'/'}, name[colon+1:]...)
	}
	return name[colon+1:]
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
