package mapping

import (
	"errors"
	"slices"
	"strings"

	"orderimport/importer/i18n"
	"orderimport/mapping/regions"
	"orderimport/providers"
)

// regionTriple is a provider's province, city and district fields
// (X_province, X_city, X_district), as field indexes.
type regionTriple struct{ province, city, district int }

// bindRegions finds the provider's region triples that the mapping fills.
func (mp *Mapper) bindRegions() []regionTriple {
	var out []regionTriple
	for i, f := range mp.fields {
		prefix, ok := strings.CutSuffix(f.Name, "province")
		if !ok {
			continue
		}
		t := regionTriple{province: i, city: providers.FieldIndex(mp.fields, prefix+"city"),
			district: providers.FieldIndex(mp.fields, prefix+"district")}
		if t.city < 0 || t.district < 0 {
			continue
		}
		if mp.plans[t.province].hasSource() || mp.plans[t.city].hasSource() || mp.plans[t.district].hasSource() {
			out = append(out, t)
		}
	}
	return out
}

// normaliseRegions turns the province, city and district of a row into the
// full names split_address gives (北京 → 北京市; 济源's blank district → 济源市)
// and reports a province that does not exist, or a city not in it, as a
// problem of the row. A triple with a problem already, or no province, is
// left as it is.
func (mp *Mapper) normaliseRegions(m *Memo, line int, out []string, errs []*FieldError) []*FieldError {
	for _, t := range mp.regions {
		if out[t.province] == "" || reportedAny(errs, mp, t) {
			continue
		}
		a, err := m.normalize(out[t.province], out[t.city], out[t.district])
		if err != nil {
			k := t.province
			var re *regions.Error
			if errors.As(err, &re) && re.Part == "city" {
				k = t.city
			}
			errs = append(errs, mp.plans[k].fieldError(line, out[k], invalid(i18n.ValDetail, err), false))
			continue
		}
		out[t.province], out[t.city], out[t.district] = a.Province, a.City, a.District
		if a.District != "" {
			// 济源's blank district is filled: it is not missing.
			errs = slices.DeleteFunc(errs, func(e *FieldError) bool {
				return e.Field == mp.fields[t.district].Name && errors.Is(e.Err, ErrRequired)
			})
		}
	}
	return errs
}

// reportedAny reports whether errs has a problem with a field of t, other
// than a blank district (which the province and city may fill).
func reportedAny(errs []*FieldError, mp *Mapper, t regionTriple) bool {
	for _, e := range errs {
		if e.Warning {
			continue
		}
		if e.Field == mp.fields[t.province].Name || e.Field == mp.fields[t.city].Name ||
			(e.Field == mp.fields[t.district].Name && !errors.Is(e.Err, ErrRequired)) {
			return true
		}
	}
	return false
}

// regionKey is a province, city and district as given.
type regionKey struct{ p, c, d string }

// memoRegions bounds the normalised regions a Memo remembers.
const memoRegions = 1024

// normalize is regions.Normalize remembering its answers in m (nil: none);
// errors are not remembered.
func (m *Memo) normalize(p, c, d string) (regions.Address, error) {
	if m == nil {
		return regions.Normalize(p, c, d)
	}
	k := regionKey{p, c, d}
	if a, ok := m.regions[k]; ok {
		return a, nil
	}
	a, err := regions.Normalize(p, c, d)
	if err == nil {
		if m.regions == nil || len(m.regions) >= memoRegions {
			m.regions = make(map[regionKey]regions.Address, 64)
		}
		m.regions[k] = a
	}
	return a, err
}
