package importer

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxMerge is one merged range; value is its top-left cell's value once
// that row has been read.
type xlsxMerge struct {
	top, left, bottom, right int
	value                    string
}

// xlsxScanMerges finds the merged ranges of a sheet by scanning its XML
// for <mergeCell ref="A1:C3"/> (they come after the rows, so a separate
// pass is needed; it holds one tag at a time). Sorted by top row.
func xlsxScanMerges(r io.Reader) ([]xlsxMerge, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var merges []xlsxMerge
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
		head, _ := br.Peek(24)
		if !xlsxIsMergeCellTag(head) {
			continue
		}
		tag, err := br.ReadSlice('>')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			break
		}
		if m, ok := xlsxParseMergeTag(tag); ok {
			merges = append(merges, m)
		}
	}
	sort.SliceStable(merges, func(i, j int) bool { return merges[i].top < merges[j].top })
	return merges, nil
}

// xlsxIsMergeCellTag matches "mergeCell " or "x:mergeCell " at the start
// of a tag (not "mergeCells").
func xlsxIsMergeCellTag(head []byte) bool {
	if i := bytes.IndexByte(head, ':'); i >= 0 && i < 12 && !bytes.ContainsAny(head[:i], " \t\r\n/>") {
		head = head[i+1:]
	}
	const name = "mergeCell"
	return len(head) > len(name) && string(head[:len(name)]) == name &&
		strings.IndexByte(" \t\r\n/", head[len(name)]) >= 0
}

func xlsxParseMergeTag(tag []byte) (xlsxMerge, bool) {
	i := bytes.Index(tag, []byte(`ref=`))
	if i < 0 || i+5 > len(tag) {
		return xlsxMerge{}, false
	}
	q := tag[i+4]
	rest := tag[i+5:]
	j := bytes.IndexByte(rest, q)
	if j < 0 {
		return xlsxMerge{}, false
	}
	from, to, ok := strings.Cut(string(rest[:j]), ":")
	if !ok {
		return xlsxMerge{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil {
		return xlsxMerge{}, false
	}
	return xlsxMerge{top: min(r1, r2), left: min(c1, c2), bottom: max(r1, r2), right: max(c1, c2)}, true
}

// xlsxMerger fills merged ranges row by row: the rows must come in
// increasing order.
type xlsxMerger struct {
	pending []xlsxMerge  // not reached yet, sorted by top
	active  []*xlsxMerge // covering the current row
}

// apply gives every cell of a merged range covering row the value of the
// range's top-left cell; it may extend cells.
func (m *xlsxMerger) apply(row int, cells []string) []string {
	for len(m.pending) > 0 && m.pending[0].top <= row {
		mg := m.pending[0]
		m.pending = m.pending[1:]
		if mg.bottom >= row {
			m.active = append(m.active, &mg)
		}
	}
	kept := m.active[:0]
	for _, mg := range m.active {
		if mg.bottom < row {
			continue
		}
		kept = append(kept, mg)
		if mg.top == row && mg.left <= len(cells) {
			mg.value = cells[mg.left-1]
		}
		if mg.value == "" {
			continue
		}
		if len(cells) < mg.right {
			cells = append(cells, make([]string, mg.right-len(cells))...)
		}
		for c := mg.left; c <= mg.right; c++ {
			cells[c-1] = mg.value
		}
	}
	m.active = kept
	return cells
}
