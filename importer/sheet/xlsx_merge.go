package sheet

import (
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxMerge is one merged range; value is its top-left cell's value once
// that row has been read.
type xlsxMerge struct {
	top, left, bottom, right int
	value                    string
	typ                      CellType
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

// apply gives every cell of a merged range covering row the value (and
// type) of the range's top-left cell; it may extend cells and types (types
// may be nil).
func (m *xlsxMerger) apply(row int, cells []string, types []CellType) ([]string, []CellType) {
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
			if mg.left <= len(types) {
				mg.typ = types[mg.left-1]
			}
		}
		if mg.value == "" {
			continue
		}
		if len(cells) < mg.right {
			cells = append(cells, make([]string, mg.right-len(cells))...)
		}
		if types != nil && len(types) < mg.right {
			types = append(types, make([]CellType, mg.right-len(types))...)
		}
		for c := mg.left; c <= mg.right; c++ {
			cells[c-1] = mg.value
			if types != nil {
				types[c-1] = mg.typ
			}
		}
	}
	m.active = kept
	return cells, types
}

// xlsxHeaderMergeRows is the tallest merged range taken as part of a header
// block; a taller one running down beside the data is a label, not a
// header cell.
const xlsxHeaderMergeRows = 10
