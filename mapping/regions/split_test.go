package regions

import (
	"errors"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, in                    string
		province, city, district, d string
	}{
		// The 34 province-level divisions, one address each.
		{"北京", "北京市朝阳区示例街3号院", "北京市", "北京市", "朝阳区", "示例街3号院"},
		{"天津", "天津市和平区测试路1号", "天津市", "天津市", "和平区", "测试路1号"},
		{"河北", "河北省石家庄市长安区测试路1号", "河北省", "石家庄市", "长安区", "测试路1号"},
		{"山西", "山西省太原市小店区测试路1号", "山西省", "太原市", "小店区", "测试路1号"},
		{"内蒙古", "内蒙古自治区呼和浩特市新城区测试路1号", "内蒙古自治区", "呼和浩特市", "新城区", "测试路1号"},
		{"辽宁", "辽宁省沈阳市和平区测试路1号", "辽宁省", "沈阳市", "和平区", "测试路1号"},
		{"吉林", "吉林省吉林市船营区测试路1号", "吉林省", "吉林市", "船营区", "测试路1号"},
		{"黑龙江", "黑龙江省哈尔滨市南岗区测试路1号", "黑龙江省", "哈尔滨市", "南岗区", "测试路1号"},
		{"上海", "上海市浦东新区样本路4弄", "上海市", "上海市", "浦东新区", "样本路4弄"},
		{"江苏", "江苏省南京市玄武区测试路1号", "江苏省", "南京市", "玄武区", "测试路1号"},
		{"浙江", "浙江省杭州市余杭区梦想大道1号", "浙江省", "杭州市", "余杭区", "梦想大道1号"},
		{"安徽", "安徽省合肥市蜀山区测试路1号", "安徽省", "合肥市", "蜀山区", "测试路1号"},
		{"福建", "福建省厦门市思明区测试路1号", "福建省", "厦门市", "思明区", "测试路1号"},
		{"江西", "江西省南昌市东湖区测试路1号", "江西省", "南昌市", "东湖区", "测试路1号"},
		{"山东", "山东省青岛市市南区测试路1号", "山东省", "青岛市", "市南区", "测试路1号"},
		{"河南", "河南省郑州市金水区测试路1号", "河南省", "郑州市", "金水区", "测试路1号"},
		{"湖北", "湖北省武汉市洪山区测试路1号", "湖北省", "武汉市", "洪山区", "测试路1号"},
		{"湖南", "湖南省长沙市岳麓区测试路1号", "湖南省", "长沙市", "岳麓区", "测试路1号"},
		{"广东", "广东省深圳市南山区测试路2号", "广东省", "深圳市", "南山区", "测试路2号"},
		{"广西", "广西壮族自治区南宁市青秀区测试路1号", "广西壮族自治区", "南宁市", "青秀区", "测试路1号"},
		{"海南", "海南省海口市美兰区测试路1号", "海南省", "海口市", "美兰区", "测试路1号"},
		{"重庆", "重庆市渝中区测试路1号", "重庆市", "重庆市", "渝中区", "测试路1号"},
		{"重庆县", "重庆市城口县测试路1号", "重庆市", "重庆市", "城口县", "测试路1号"},
		{"四川", "四川省成都市武侯区测试路1号", "四川省", "成都市", "武侯区", "测试路1号"},
		{"贵州", "贵州省贵阳市南明区测试路1号", "贵州省", "贵阳市", "南明区", "测试路1号"},
		{"云南", "云南省昆明市五华区测试路1号", "云南省", "昆明市", "五华区", "测试路1号"},
		{"西藏", "西藏自治区拉萨市城关区测试路1号", "西藏自治区", "拉萨市", "城关区", "测试路1号"},
		{"陕西", "陕西省西安市雁塔区测试路1号", "陕西省", "西安市", "雁塔区", "测试路1号"},
		{"甘肃", "甘肃省兰州市城关区测试路1号", "甘肃省", "兰州市", "城关区", "测试路1号"},
		{"青海", "青海省西宁市城中区测试路1号", "青海省", "西宁市", "城中区", "测试路1号"},
		{"宁夏", "宁夏回族自治区银川市兴庆区测试路1号", "宁夏回族自治区", "银川市", "兴庆区", "测试路1号"},
		{"新疆", "新疆维吾尔自治区乌鲁木齐市天山区测试路1号", "新疆维吾尔自治区", "乌鲁木齐市", "天山区", "测试路1号"},
		{"香港", "香港特别行政区九龙油尖旺区测试道1号", "香港特别行政区", "九龙", "油尖旺区", "测试道1号"},
		{"澳门", "澳门特别行政区澳门半岛大堂区测试街1号", "澳门特别行政区", "澳门半岛", "大堂区", "测试街1号"},
		{"台湾", "台湾省台北市大安区测试路1号", "台湾省", "台北市", "大安区", "测试路1号"},

		// Municipalities with the city repeated, short, or spaced.
		{"municipality repeated", "北京市北京市朝阳区示例街3号院", "北京市", "北京市", "朝阳区", "示例街3号院"},
		{"municipality short", "北京朝阳区示例街3号院", "北京市", "北京市", "朝阳区", "示例街3号院"},
		{"municipality taobao", "上海 上海市 浦东新区 样本路4弄", "上海市", "上海市", "浦东新区", "样本路4弄"},
		{"municipality 市辖区", "天津市 市辖区 和平区 测试路1号", "天津市", "天津市", "和平区", "测试路1号"},

		// Short and space-separated forms.
		{"taobao spaced", "浙江省 杭州市 余杭区 仓前街道 梦想大道1号", "浙江省", "杭州市", "余杭区", "仓前街道 梦想大道1号"},
		{"taobao postcode", "浙江省 杭州市 余杭区 梦想大道1号(311100)", "浙江省", "杭州市", "余杭区", "梦想大道1号"},
		{"short spaced", "浙江 杭州 余杭 梦想大道1号", "浙江省", "杭州市", "余杭区", "梦想大道1号"},
		{"short joined", "浙江杭州余杭", "浙江省", "杭州市", "余杭区", ""},
		{"short city and full district", "浙江杭州余杭区梦想大道1号", "浙江省", "杭州市", "余杭区", "梦想大道1号"},
		{"jd spaced", "广东 深圳市 南山区 测试路2号", "广东省", "深圳市", "南山区", "测试路2号"},
		{"no province", "杭州市西湖区测试路1号", "浙江省", "杭州市", "西湖区", "测试路1号"},
		{"no city", "浙江省余杭区梦想大道1号", "浙江省", "杭州市", "余杭区", "梦想大道1号"},
		{"no city, district unique in province", "吉林省朝阳区测试路1号", "吉林省", "长春市", "朝阳区", "测试路1号"},
		{"leading 中国", "中国 浙江省杭州市余杭区梦想大道1号", "浙江省", "杭州市", "余杭区", "梦想大道1号"},
		{"full-width space", "浙江省\u3000杭州市\u3000余杭区\u3000梦想大道1号", "浙江省", "杭州市", "余杭区", "梦想大道1号"},
		{"new district 2021", "浙江省杭州市临平区测试路1号", "浙江省", "杭州市", "临平区", "测试路1号"},

		// 自治州, 盟, 地区, 县级市, 旗.
		{"自治州", "湖北省恩施土家族苗族自治州恩施市测试路1号", "湖北省", "恩施土家族苗族自治州", "恩施市", "测试路1号"},
		{"自治州 short", "湖北 恩施州 恩施市 测试路1号", "湖北省", "恩施土家族苗族自治州", "恩施市", "测试路1号"},
		{"盟 and 旗", "内蒙古阿拉善盟阿拉善左旗测试路1号", "内蒙古自治区", "阿拉善盟", "阿拉善左旗", "测试路1号"},
		{"地区", "黑龙江省大兴安岭地区漠河市测试路1号", "黑龙江省", "大兴安岭地区", "漠河市", "测试路1号"},
		{"县级市", "江苏省苏州市昆山市测试路1号", "江苏省", "苏州市", "昆山市", "测试路1号"},
		{"自治县", "河北省承德市围场满族蒙古族自治县测试路1号", "河北省", "承德市", "围场满族蒙古族自治县", "测试路1号"},

		// Cities without districts.
		{"东莞 town", "广东省东莞市长安镇测试路1号", "广东省", "东莞市", "长安镇", "测试路1号"},
		{"东莞 no town", "广东省东莞市测试路1号", "广东省", "东莞市", "东莞市", "测试路1号"},
		{"中山", "广东省 中山市 石岐街道 测试路1号", "广东省", "中山市", "石岐街道", "测试路1号"},
		{"儋州", "海南省儋州市那大镇测试路1号", "海南省", "儋州市", "那大镇", "测试路1号"},
		{"嘉峪关", "甘肃省嘉峪关市测试路1号", "甘肃省", "嘉峪关市", "嘉峪关市", "测试路1号"},

		// County-level cities a province administers directly.
		{"济源", "河南省济源市测试路1号", "河南省", "济源市", "济源市", "测试路1号"},
		{"仙桃", "湖北省仙桃市测试路1号", "湖北省", "仙桃市", "仙桃市", "测试路1号"},
		{"潜江 filler", "湖北省 省直辖县级行政区划 潜江市 测试路1号", "湖北省", "潜江市", "潜江市", "测试路1号"},
		{"天门", "湖北天门市测试路1号", "湖北省", "天门市", "天门市", "测试路1号"},
		{"石河子", "新疆石河子市测试路1号", "新疆维吾尔自治区", "石河子市", "石河子市", "测试路1号"},
		{"琼海", "海南省琼海市测试路1号", "海南省", "琼海市", "琼海市", "测试路1号"},
	}
	seen := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Split(tc.in)
			if err != nil {
				t.Fatalf("Split(%q): %v", tc.in, err)
			}
			want := Address{tc.province, tc.city, tc.district, tc.d}
			if got != want {
				t.Errorf("Split(%q)\n got %+v\nwant %+v", tc.in, got, want)
			}
		})
		seen[tc.province] = true
	}
	for _, p := range Provinces() {
		if !seen[p] {
			t.Errorf("no test for %s", p)
		}
	}
	if n := len(Provinces()); n != 34 {
		t.Errorf("%d province-level divisions, want 34", n)
	}
}

func TestSplitErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "  ", "empty address"},
		{"no region", "梦想大道1号", "no province or city"},
		{"no district", "浙江省杭州市梦想大道1号", "no district (区/县) of 浙江省杭州市"},
		{"short district glued to street", "浙江杭州余杭塘路1号", "no district"},
		{"province only", "浙江省梦想大道1号", "no city of 浙江省"},
		{"ambiguous", "辽宁省城区测试路1号", "no city"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Split(tc.in)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Split(%q) = %v, want an *Error", tc.in, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Split(%q) = %q, want it to contain %q", tc.in, err, tc.want)
			}
		})
	}
}

func TestSplitAmbiguous(t *testing.T) {
	_, err := Split("山西省城区测试路1号")
	var e *Error
	if !errors.As(err, &e) || len(e.Candidates) < 2 {
		t.Fatalf("Split = %v, want candidates", err)
	}
	for _, c := range e.Candidates {
		if !strings.HasPrefix(c, "山西省") || !strings.HasSuffix(c, "城区") {
			t.Errorf("candidate %q", c)
		}
	}
}

// TestSplitEveryDistrict splits "province city district 测试路1号" for every
// district of the table.
func TestSplitEveryDistrict(t *testing.T) {
	for _, c := range data().all {
		for _, d := range c.districts {
			in := c.prov.name + c.city() + d.name + "测试路1号"
			got, err := Split(in)
			if err != nil {
				t.Errorf("Split(%q): %v", in, err)
				continue
			}
			if got.Province != c.prov.name || got.City != c.name || got.District != d.name || got.Detail != "测试路1号" {
				t.Errorf("Split(%q) = %+v", in, got)
			}
		}
	}
}

func (c *city) city() string {
	if c.name == c.prov.name {
		return ""
	}
	return c.name
}

// FuzzSplit: Split never panics, and what it returns is consistent.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"浙江省 杭州市 余杭区 梦想大道1号(311100)", "北京朝阳", "湖北省 省直辖县级行政区划 仙桃市", "中国", "（123456）", "香港九龙城区", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Split(s)
		if err == nil && (a.Province == "" || a.City == "" || a.District == "") {
			t.Errorf("Split(%q) = %+v without an error", s, a)
		}
	})
}

func TestTrimPostcode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"梦想大道1号(311100)", "梦想大道1号"},
		{"梦想大道1号 （311100）", "梦想大道1号"},
		{"梦想大道1号 311100", "梦想大道1号"},
		{"梦想大道311100", "梦想大道311100"},
		{"梦想大道1号(3111)", "梦想大道1号(3111)"},
		{"311100", "311100"},
		{"1号楼 (2单元)", "1号楼 (2单元)"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := trimPostcode(tc.in); got != tc.want {
				t.Errorf("trimPostcode(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
