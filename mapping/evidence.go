package mapping

import "orderimport/providers"

// Evidence is what a whole file says about the long numbers of its columns.
// Excel keeps 15 significant digits: a number typed into a number cell as
// 301234567890123456 is saved as 301234567890123000, and an id that ends in
// three zeros looks the same. A column that holds another long number with
// more than 15 significant digits was not saved by Excel as numbers, so
// its trailing zeros are genuine.
type Evidence interface {
	// Genuine reports whether the long numbers of column col (0-based)
	// are as typed: the file's other values of the column show that Excel
	// did not round them.
	Genuine(col int) bool
}

// WithEvidence returns a Mapper that asks ev before it calls a long number
// rounded by Excel (ErrExcelNumber). The Mapper returned shares m's plans.
func (mp *Mapper) WithEvidence(ev Evidence) *Mapper {
	c := *mp
	c.ev = ev
	return &c
}

// IdentColumns lists the 0-based columns whose cells feed identifier
// fields (platform order numbers): the columns whose Evidence matters.
func (mp *Mapper) IdentColumns() []int {
	var cols []int
	for i := range mp.plans {
		p := &mp.plans[i]
		if p.field.Kind != providers.KindIdent || p.isConst {
			continue
		}
		for _, c := range append([]int{p.index}, p.coalesce...) {
			if c >= 0 && !containsInt(cols, c) {
				cols = append(cols, c)
			}
		}
	}
	return cols
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// KeepsDigits reports whether cell holds a whole number (Excel's text marks
// allowed) with more than 15 significant digits: a number Excel never
// rounded. It is the evidence that makes a column's long numbers genuine.
func KeepsDigits(cell string) bool {
	v, _ := unwrapText(trimValue(cell))
	if len(v) < 16 || !allDigits(v) {
		return false
	}
	sig := 0
	first, last := -1, -1
	for i := 0; i < len(v); i++ {
		if v[i] != '0' {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first >= 0 {
		sig = last - first + 1
	}
	return sig > 15
}
