package regions

import (
	"strings"
	"sync"

	"orderimport/importer/i18n"
)

// Normalize checks an address given as separate province, city and
// district columns (Pinduoduo's 省, 市, 区; Youzan's) and returns them as
// Split would: full names (北京 → 北京市, 浙江 → 浙江省, 杭州 → 杭州市, 余杭 →
// 余杭区, a zone's other spelling → its district). A municipality's city may
// be blank, repeated or 市辖区. A blank district of a city without districts
// (东莞, 济源 …) is the city's name, as Split makes it. A district the data
// does not know is kept as written; a blank one of another city stays
// blank (the field is required). An unknown province, or a city that is not
// in the province, is an *Error.
func Normalize(province, city, district string) (Address, error) {
	x := index()
	a := Address{Province: strings.TrimSpace(province), City: strings.TrimSpace(city), District: strings.TrimSpace(district)}
	p := x.provinces[a.Province]
	if p == nil {
		return a, &Error{Part: "province", Reason: i18n.ValRegionNotProvince, Args: []any{a.Province}}
	}
	a.Province = p.name
	c, err := x.city(p, &a)
	if err != nil {
		return a, err
	}
	a.City = c.name
	switch d := x.districts[c][a.District]; {
	case d != nil:
		a.District = d.name
	case a.District == "" && c.townsOnly():
		a.District = c.name
	}
	return a, nil
}

// city finds the city of a in p. A blank city, 市辖区 or a repetition of a
// municipality is the municipality; a city 省直辖县级行政区划 takes the city
// from the district column (济源市), whose district is then blank.
func (x *regionIndex) city(p *province, a *Address) (*city, error) {
	name := a.City
	if isFiller(name) && x.cities[p][a.District] != nil {
		name, a.District = a.District, ""
	}
	if c := x.cities[p][name]; c != nil {
		return c, nil
	}
	if muni := p.municipality(); muni != nil && (name == "" || isFiller(name)) {
		return muni, nil
	}
	if name == "" {
		return nil, &Error{Part: "city", Reason: i18n.ValRegionNoCityGiven, Args: []any{p.name}}
	}
	return nil, &Error{Part: "city", Reason: i18n.ValRegionNoSuchCity, Args: []any{name, p.name}}
}

// municipality returns the province's only city when the province is a
// municipality (北京市 → 北京市), else nil.
func (p *province) municipality() *city {
	if len(p.cities) == 1 && p.cities[0].name == p.name {
		return p.cities[0]
	}
	return nil
}

func isFiller(s string) bool {
	for _, f := range fillers {
		if s == f {
			return true
		}
	}
	return s == "县" || s == "市"
}

// regionIndex finds provinces, cities and districts by any of their names.
type regionIndex struct {
	provinces map[string]*province
	cities    map[*province]map[string]*city
	districts map[*city]map[string]*district
}

var index = sync.OnceValue(func() *regionIndex {
	t := data()
	x := &regionIndex{provinces: map[string]*province{}, cities: map[*province]map[string]*city{},
		districts: map[*city]map[string]*district{}}
	for _, p := range t.provinces {
		for _, n := range p.names {
			x.provinces[n] = p
		}
		x.cities[p] = map[string]*city{}
		for _, c := range p.cities {
			for _, n := range c.names {
				if _, taken := x.cities[p][n]; !taken {
					x.cities[p][n] = c
				}
			}
			ds := map[string]*district{}
			for _, d := range c.districts {
				for _, n := range d.names {
					if _, taken := ds[n]; !taken {
						ds[n] = d
					}
				}
			}
			x.districts[c] = ds
		}
	}
	return x
})
