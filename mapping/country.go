package mapping

import (
	_ "embed"
	"strings"
	"sync"
)

// countriesTxt is countries.txt: "CODE|English name|中文名" lines, generated
// from CLDR by gen_countries.go.
//
//go:embed countries.txt
var countriesTxt string

// countryAliases are spellings merchants use beside the CLDR names.
var countryAliases = map[string]string{
	"usa": "US", "u.s.a.": "US", "u.s.": "US", "united states of america": "US", "america": "US", "美利坚合众国": "US",
	"uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "英格兰": "GB",
	"prc": "CN", "people's republic of china": "CN", "mainland china": "CN", "中国大陆": "CN", "中华人民共和国": "CN",
	"hong kong": "HK", "香港": "HK", "中国香港": "HK", "macau": "MO", "macao": "MO", "澳门": "MO", "中国澳门": "MO",
	"中国台湾": "TW", "korea": "KR", "republic of korea": "KR", "south korea": "KR", "韩国": "KR", "南韩": "KR",
	"russian federation": "RU", "viet nam": "VN", "holland": "NL", "the netherlands": "NL", "荷兰": "NL",
	"uae": "AE", "阿联酋": "AE", "czech republic": "CZ", "deutschland": "DE", "nippon": "JP", "日本国": "JP",
	"新西兰": "NZ", "澳洲": "AU",
}

// countryTable maps folded codes and names to ISO 3166-1 alpha-2 codes. It
// is built once and never changed.
var countryTable = sync.OnceValue(func() map[string]string {
	t := make(map[string]string, 1000)
	for line := range strings.Lines(countriesTxt) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		parts := strings.Split(line, "|")
		code := parts[0]
		t[strings.ToLower(code)] = code
		for _, name := range parts[1:] {
			if k := normHeader(name); k != "" {
				if _, taken := t[k]; !taken {
					t[k] = code
				}
			}
			// "St. Lucia" is also written "Saint Lucia"; "&" as "and".
			if k := normHeader(strings.NewReplacer("St. ", "Saint ", "&", "and").Replace(name)); k != "" {
				if _, taken := t[k]; !taken {
					t[k] = code
				}
			}
		}
	}
	for k, code := range countryAliases {
		t[k] = code
	}
	return t
})

// lookupCountry returns the ISO code of a code or country name.
func lookupCountry(v string) (string, bool) {
	t := countryTable()
	if len(v) == 2 && isASCIILetter(v[0]) && isASCIILetter(v[1]) {
		code, ok := t[string([]byte{v[0] | 0x20, v[1] | 0x20})]
		return code, ok
	}
	code, ok := t[normHeader(v)]
	return code, ok
}

func isASCIILetter(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
