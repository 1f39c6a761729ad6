package regions

import (
	"strings"
	"unicode/utf8"

	"orderimport/importer/i18n"
)

// Address is an address split into its administrative parts.
type Address struct {
	// Province is the full name of the province-level division (浙江省,
	// 北京市, 广西壮族自治区, 香港特别行政区).
	Province string
	// City is the prefecture-level city (杭州市); for a municipality it
	// repeats the province (北京市); for a county-level city the province
	// administers directly it is that city (济源市, 仙桃市, 石河子市).
	City string
	// District is the county-level division (余杭区, 正定县, 科尔沁左翼中旗).
	// For a city without districts (东莞市, 中山市, 儋州市, 嘉峪关市, 济源市
	// …) it is the town or street the address names when the data knows it
	// (长安镇), else the city's name repeated.
	District string
	// Detail is the rest of the address: street, number, building.
	Detail string
}

// Error says why an address could not be split.
type Error struct {
	// Part names the part found wrong by Normalize: "province" or "city";
	// "" for Split.
	Part string
	// Reason is what went wrong: a message of the catalog
	// (orderimport/importer/i18n), with its arguments Args.
	Reason i18n.ID
	Args   []any
	// Candidates lists the readings when the address is ambiguous (Reason
	// is i18n.ValRegionAmbiguous).
	Candidates []string
}

// Error returns the reason and the candidates, if any, in English.
func (e *Error) Error() string { return e.Text(i18n.En) }

// Text returns the reason and the candidates, if any, in language l.
func (e *Error) Text(l i18n.Lang) string {
	if len(e.Candidates) == 0 {
		return i18n.Sprintf(l, e.Reason, e.Args...)
	}
	return i18n.Sprintf(l, e.Reason, strings.Join(e.Candidates, i18n.Sprintf(l, i18n.ValOr)))
}

// Split splits a full address such as "浙江省杭州市余杭区梦想大道1号",
// "浙江省 杭州市 余杭区 梦想大道1号" (Taobao), "浙江 杭州 余杭 梦想大道1号",
// "北京市朝阳区示例街3号" or "湖北省仙桃市示例路1号".
//
// Full names, short names (浙江, 杭州, 恩施州) and the space-separated form are
// understood; a leading 中国 and a trailing postcode "(311100)" are dropped. A
// short district name (余杭 for 余杭区) is accepted only when a space or the
// end of the text follows it, so that 余杭塘路 is not read as 余杭区.
//
// Split never guesses: when no province or city is found, when the city has
// districts but none is named, or when the address reads two ways (朝阳区
// without a city), it returns an *Error naming the reason or the candidates.
func Split(addr string) (Address, error) {
	s := normalize(addr)
	if s == "" {
		return Address{}, &Error{Reason: i18n.ValRegionEmpty}
	}
	best := bestReadings(data(), s)
	if len(best) == 0 {
		return Address{}, &Error{Reason: i18n.ValRegionNoStart}
	}
	if len(best) > 1 {
		names := make([]string, len(best))
		for i, r := range best {
			names[i] = r.String()
		}
		return Address{}, &Error{Reason: i18n.ValRegionAmbiguous, Candidates: names}
	}
	r := best[0]
	a := Address{Province: r.prov.name, Detail: trimSep(s[r.end:])}
	if r.city == nil {
		return a, &Error{Reason: i18n.ValRegionNoCityIn, Args: []any{r.prov.name}}
	}
	a.City = r.city.name
	switch {
	case r.dist != nil:
		a.District = r.dist.name
	case r.city.townsOnly():
		a.District = r.city.name
	default:
		return a, &Error{Reason: i18n.ValRegionNoDistrict, Args: []any{r.prov.name, r.city.name}}
	}
	return a, nil
}

// reading is one way to read the start of an address.
type reading struct {
	prov   *province
	city   *city
	dist   *district
	levels int // parts named explicitly
	end    int // bytes consumed
}

// String returns e.g. 北京市朝阳区.
func (r reading) String() string {
	var b strings.Builder
	b.WriteString(r.prov.name)
	if r.city != nil && r.city.name != r.prov.name {
		b.WriteString(r.city.name)
	}
	if r.dist != nil {
		b.WriteString(r.dist.name)
	}
	return b.String()
}

func (r reading) same(o reading) bool {
	return r.prov == o.prov && r.city == o.city && r.dist == o.dist
}

// bestReadings returns the distinct readings that name the most parts and
// consume the most text.
func bestReadings(t *table, s string) []reading {
	var all []reading
	add := func(r reading) {
		if r.city == nil && r.dist != nil {
			r.city = r.dist.city
		}
		if r.city == nil && len(r.prov.cities) == 1 && r.prov.cities[0].name == r.prov.name {
			r.city = r.prov.cities[0] // a municipality
		}
		all = append(all, r)
	}
	// With a province.
	for _, p := range t.provinces {
		for _, pe := range matches(s, 0, p.names, len(p.names)) {
			i := skipFiller(s, pe)
			cities(s, i, p.cities, func(c *city, ce int) {
				districts(s, ce, c.districts, func(d *district, de int) {
					add(reading{prov: p, city: c, dist: d, levels: 3, end: de})
				})
				add(reading{prov: p, city: c, levels: 2, end: ce})
			})
			j := skipSep(s, i)
			districts(s, j, p.districts[firstRune(s[j:])], func(d *district, de int) {
				add(reading{prov: p, dist: d, levels: 2, end: de})
			})
			add(reading{prov: p, levels: 1, end: pe})
		}
	}
	// Without a province.
	cities(s, 0, t.cities[firstRune(s)], func(c *city, ce int) {
		districts(s, ce, c.districts, func(d *district, de int) {
			add(reading{prov: c.prov, city: c, dist: d, levels: 2, end: de})
		})
		add(reading{prov: c.prov, city: c, levels: 1, end: ce})
	})
	return best(all)
}

func best(all []reading) []reading {
	var out []reading
	for _, r := range all {
		switch {
		case len(out) == 0 || better(r, out[0]):
			out = append(out[:0], r)
		case !better(out[0], r) && !containsReading(out, r):
			out = append(out, r)
		}
	}
	return out
}

func better(a, b reading) bool {
	if a.levels != b.levels {
		return a.levels > b.levels
	}
	return a.end > b.end
}

func containsReading(rs []reading, r reading) bool {
	for _, o := range rs {
		if o.same(r) {
			return true
		}
	}
	return false
}

// cities calls f for each city named at s[i:].
func cities(s string, i int, cs []*city, f func(*city, int)) {
	i = skipSep(s, i)
	for _, c := range cs {
		for _, e := range matches(s, i, c.names, len(c.names)) {
			f(c, skipFiller(s, e))
		}
	}
}

// districts calls f for each district named at s[i:].
func districts(s string, i int, ds []*district, f func(*district, int)) {
	i = skipSep(s, i)
	for _, d := range ds {
		for _, e := range matches(s, i, d.names, d.exact) {
			f(d, e)
		}
	}
}

// matches returns the end of each of names found at s[i:]. The first exact
// names are full names; a later (short) name must be followed by a space, a
// separator or the end of s.
func matches(s string, i int, names []string, exact int) []int {
	var ends []int
	for k, n := range names {
		if !strings.HasPrefix(s[i:], n) {
			continue
		}
		e := i + len(n)
		if k >= exact && e < len(s) && !isSep(s[e:]) {
			continue
		}
		ends = append(ends, e)
	}
	return ends
}

// fillers are words exports put between the levels of an address.
var fillers = []string{"自治区直辖县级行政区划", "省直辖县级行政区划", "省直辖县", "市辖区"}

func skipFiller(s string, i int) int {
	j := skipSep(s, i)
	for _, f := range fillers {
		if strings.HasPrefix(s[j:], f) {
			return j + len(f)
		}
	}
	return i
}

func isSep(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == ' ' || r == ',' || r == '，' || r == '/' || r == '、'
}

func skipSep(s string, i int) int {
	for i < len(s) && isSep(s[i:]) {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return i
}

func trimSep(s string) string {
	return strings.TrimSpace(s[skipSep(s, 0):])
}

// townsOnly reports whether the city has no county-level division: the data
// lists its towns and streets instead (东莞市, with a few development zones
// such as 松山湖), or nothing (济源市).
func (c *city) townsOnly() bool {
	towns := 0
	for _, d := range c.districts {
		if strings.HasSuffix(d.name, "镇") || strings.HasSuffix(d.name, "街道") || strings.HasSuffix(d.name, "乡") {
			towns++
		}
	}
	return 2*towns >= len(c.districts)
}

// normalize folds white space, drops a leading 中国 and a trailing postcode.
func normalize(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = trimPostcode(s)
	for _, p := range []string{"中华人民共和国", "中国大陆", "中国"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = strings.TrimSpace(rest)
			break
		}
	}
	return s
}

// trimPostcode drops a trailing "(311100)", "（311100）" or " 311100".
func trimPostcode(s string) string {
	t := s
	closed := false
	for _, c := range []string{")", "）"} {
		if r, ok := strings.CutSuffix(t, c); ok {
			t, closed = strings.TrimRight(r, " "), true
			break
		}
	}
	if len(t) < 6 || !allDigits(t[len(t)-6:]) {
		return s
	}
	rest := strings.TrimRight(t[:len(t)-6], " ")
	if closed {
		for _, o := range []string{"(", "（"} {
			if r, ok := strings.CutSuffix(rest, o); ok {
				return strings.TrimSpace(r)
			}
		}
		return s
	}
	if len(rest) < len(t)-6 && rest != "" && !allDigits(rest[len(rest)-1:]) {
		return rest // " 311100" after a space
	}
	return s
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
