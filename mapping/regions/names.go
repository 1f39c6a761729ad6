package regions

import (
	"strings"
	"unicode/utf8"
)

// provinceShort are the short names of province-level divisions whose full
// name is not the short name plus 省 or 市.
var provinceShort = map[string]string{
	"内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
	"宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
	"香港特别行政区": "香港", "澳门特别行政区": "澳门",
}

// ethnic lists the names of ethnic groups as they appear in the names of
// autonomous prefectures and counties (恩施土家族苗族自治州 → 恩施).
var ethnic = []string{
	"土家", "苗", "侗", "布依", "哈尼", "彝", "壮", "傣", "白", "景颇", "傈僳", "藏", "羌", "回",
	"蒙古", "哈萨克", "柯尔克孜", "朝鲜", "满", "瑶", "黎", "畲", "仡佬", "水", "仫佬", "毛南",
	"土", "撒拉", "保安", "东乡", "裕固", "达斡尔", "鄂温克", "鄂伦春", "锡伯", "普米", "怒",
	"独龙", "纳西", "佤", "拉祜", "塔吉克", "维吾尔", "各", "京",
}

func provinceNames(full string) []string {
	if s, ok := provinceShort[full]; ok {
		return []string{full, s}
	}
	if s, ok := strings.CutSuffix(full, "省"); ok {
		return []string{full, s}
	}
	if s, ok := strings.CutSuffix(full, "市"); ok {
		return []string{full, s}
	}
	return []string{full}
}

// cityNames returns a city's name and its short form: 杭州市 → 杭州,
// 大兴安岭地区 → 大兴安岭, 阿拉善盟 → 阿拉善, 恩施土家族苗族自治州 → 恩施.
func cityNames(full string) []string {
	short := full
	for _, suf := range []string{"自治州", "地区", "市", "盟"} {
		if s, ok := strings.CutSuffix(full, suf); ok {
			short = stripEthnic(s)
			break
		}
	}
	names := withShort(full, short)
	if strings.HasSuffix(full, "自治州") && len(names) == 2 {
		names = append(names, short+"州") // 恩施州, 湘西州
	}
	return names
}

// districtNames returns a district's name and its short form: 余杭区 → 余杭,
// 正定县 → 正定, 浦东新区 → 浦东, 科尔沁左翼中旗 stays whole.
func districtNames(full string) []string {
	short := full
	for _, suf := range []string{"自治县", "自治旗", "新区", "林区", "区", "县", "市"} {
		if s, ok := strings.CutSuffix(full, suf); ok {
			short = stripEthnic(s)
			break
		}
	}
	return withShort(full, short)
}

// withShort returns [full, short] when short is a distinct name of at least
// two characters.
func withShort(full, short string) []string {
	if short == full || utf8.RuneCountInString(short) < 2 {
		return []string{full}
	}
	return []string{full, short}
}

// stripEthnic drops trailing ethnic-group names: 恩施土家族苗族 → 恩施.
func stripEthnic(s string) string {
	for {
		cut := false
		for _, e := range ethnic {
			for _, suf := range []string{e + "族", e} {
				if rest, ok := strings.CutSuffix(s, suf); ok && utf8.RuneCountInString(rest) >= 2 && (suf != e || e == "蒙古" || e == "哈萨克" || e == "柯尔克孜") {
					s, cut = rest, true
				}
			}
		}
		if !cut {
			return s
		}
	}
}
