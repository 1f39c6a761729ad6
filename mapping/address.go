package mapping

import (
	"orderimport/importer/i18n"
	"orderimport/mapping/regions"
)

// splitAddress splits the full address of plan i (a split_address rule)
// and fills its province, city and district fields where their own column
// is blank; the rule's own field keeps the street detail. An address that
// cannot be split is a problem of the row, reported on the address field;
// the parts it would have filled are then not reported as missing.
func (mp *Mapper) splitAddress(i, line int, vals []cell) *FieldError {
	p := &mp.plans[i]
	c := &vals[i]
	t := p.split
	if c.err != nil || c.value == "" {
		// Only the address itself is reported.
		for _, k := range []int{t.province, t.city, t.district} {
			vals[k].skip = true
		}
		return nil
	}
	if p.field.Personal && masked(c.value) {
		// A masked address is reported as such, not as unreadable.
		for _, k := range []int{t.province, t.city, t.district} {
			vals[k].skip = true
		}
		return nil // validate reports it
	}
	a, err := regions.Split(c.value)
	if err != nil {
		for _, k := range []int{t.province, t.city, t.district} {
			vals[k].skip = true
		}
		fe := p.cellError(line, c, invalid(i18n.ValAddressSplit, err), false)
		c.skip, c.value = true, ""
		return fe
	}
	c.value = a.Detail
	fill := func(k int, v string) {
		if vals[k].value == "" && !vals[k].isConst {
			vals[k].value, vals[k].raw, vals[k].col = v, c.raw, c.col
		}
	}
	fill(t.province, a.Province)
	fill(t.city, a.City)
	fill(t.district, a.District)
	return nil
}
