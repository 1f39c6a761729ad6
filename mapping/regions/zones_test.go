package regions

import (
	"strings"
	"testing"
)

// TestZonesCityByCity: the functional zones the platforms' address
// libraries list as districts are split as districts, in Taobao's spaced
// form, JD's unspaced form with a short province, and their other
// spellings; the district is sent as the platforms write it. They failed
// with "no district" before zones.tsv.
func TestZonesCityByCity(t *testing.T) {
	type c struct{ in, district, detail string }
	cities := []struct {
		city  string
		cases []c
	}{
		{"苏州", []c{
			{"江苏省 苏州市 工业园区 星湖街328号", "工业园区", "星湖街328号"},
			{"江苏苏州市工业园区测试路1号", "工业园区", "测试路1号"},
			{"江苏省苏州市苏州工业园区测试路1号", "工业园区", "测试路1号"},
			{"江苏省 苏州市 高新区 测试路2号", "虎丘区", "测试路2号"},
			{"江苏省 苏州市 虎丘区 测试路2号", "虎丘区", "测试路2号"},
		}},
		{"南京", []c{{"江苏省 南京市 江北新区 测试路3号", "江北新区", "测试路3号"}}},
		{"无锡", []c{{"江苏无锡市新区测试路1号", "新吴区", "测试路1号"}, {"江苏省 无锡市 新吴区 测试路1号", "新吴区", "测试路1号"}}},
		{"南通", []c{{"江苏省 南通市 经济技术开发区 测试路1号", "经济技术开发区", "测试路1号"}, {"江苏南通市开发区测试路1号", "经济技术开发区", "测试路1号"}}},
		{"成都", []c{
			{"四川省 成都市 高新区 天府大道1号", "高新区", "天府大道1号"},
			{"四川成都市高新区天府大道1号", "高新区", "天府大道1号"},
			{"四川省成都市成都高新技术产业开发区测试路1号", "高新区", "测试路1号"},
			{"四川省 成都市 天府新区 测试路1号", "天府新区", "测试路1号"},
			{"四川省 成都市 武侯区 测试路1号", "武侯区", "测试路1号"},
		}},
		{"合肥", []c{
			{"安徽省 合肥市 高新区 测试路1号", "高新区", "测试路1号"},
			{"安徽合肥市经开区测试路1号", "经济技术开发区", "测试路1号"},
			{"安徽省合肥市合肥经济技术开发区测试路1号", "经济技术开发区", "测试路1号"},
			{"安徽省 合肥市 新站区 测试路1号", "新站区", "测试路1号"},
		}},
		{"郑州", []c{
			{"河南省 郑州市 高新区 测试路1号", "高新区", "测试路1号"},
			{"河南省 郑州市 经开区 测试路1号", "经济技术开发区", "测试路1号"},
			{"河南郑州市航空港经济综合实验区测试路1号", "航空港区", "测试路1号"},
			{"河南省 郑州市 郑东新区 测试路1号", "郑东新区", "测试路1号"},
		}},
		{"长春", []c{
			{"吉林省 长春市 经济技术开发区 测试路1号", "经济技术开发区", "测试路1号"},
			{"吉林省 长春市 高新区 测试路1号", "高新区", "测试路1号"},
			{"吉林省 长春市 净月区 测试路1号", "净月区", "测试路1号"},
			{"吉林长春市汽开区测试路1号", "汽车经济技术开发区", "测试路1号"},
		}},
		{"济南", []c{{"山东省 济南市 高新区 测试路1号", "高新区", "测试路1号"}}},
		{"青岛", []c{{"山东省 青岛市 西海岸新区 测试路1号", "黄岛区", "测试路1号"}, {"山东青岛市保税区测试路1号", "黄岛区", "测试路1号"}}},
		{"西安", []c{
			{"陕西省 西安市 高新区 测试路1号", "高新区", "测试路1号"},
			{"陕西省 西安市 经开区 测试路1号", "经济技术开发区", "测试路1号"},
			{"陕西西安市曲江新区测试路1号", "曲江新区", "测试路1号"},
		}},
		{"咸阳", []c{{"陕西省 咸阳市 西咸新区 测试路1号", "西咸新区", "测试路1号"}}},
		{"重庆", []c{{"重庆 重庆市 两江新区 测试路1号", "两江新区", "测试路1号"}, {"重庆市两江新区测试路1号", "两江新区", "测试路1号"}}},
		{"武汉", []c{
			{"湖北省 武汉市 东湖高新区 测试路1号", "东湖新技术开发区", "测试路1号"},
			{"湖北省 武汉市 经济技术开发区 测试路1号", "经济技术开发区", "测试路1号"},
		}},
		{"南昌", []c{
			{"江西省 南昌市 高新区 测试路1号", "高新区", "测试路1号"},
			{"江西南昌市经开区测试路1号", "经济技术开发区", "测试路1号"},
			{"江西省 南昌市 红谷滩新区 测试路1号", "红谷滩区", "测试路1号"},
		}},
		{"大连", []c{{"辽宁省 大连市 高新园区 测试路1号", "高新园区", "测试路1号"}, {"辽宁省 大连市 金普新区 测试路1号", "金州区", "测试路1号"}}},
		{"沈阳", []c{{"辽宁省 沈阳市 浑南新区 测试路1号", "浑南区", "测试路1号"}}},
		{"深圳", []c{{"广东省 深圳市 大鹏新区 测试路1号", "大鹏新区", "测试路1号"}, {"广东深圳市光明新区测试路1号", "光明区", "测试路1号"}}},
		{"珠海", []c{{"广东省 珠海市 横琴新区 测试路1号", "横琴新区", "测试路1号"}, {"广东省 珠海市 高新区 测试路1号", "高新区", "测试路1号"}}},
		{"广州", []c{{"广东省 广州市 广州开发区 测试路1号", "黄埔区", "测试路1号"}}},
		{"杭州", []c{{"浙江省 杭州市 钱塘新区 测试路1号", "钱塘区", "测试路1号"}, {"浙江省 杭州市 高新区 测试路1号", "滨江区", "测试路1号"}}},
		{"宁波", []c{{"浙江省 宁波市 杭州湾新区 测试路1号", "杭州湾新区", "测试路1号"}, {"浙江省 宁波市 保税区 测试路1号", "北仑区", "测试路1号"}}},
		{"石家庄", []c{{"河北省 石家庄市 高新区 测试路1号", "高新区", "测试路1号"}}},
		{"廊坊", []c{{"河北省 廊坊市 开发区 测试路1号", "经济技术开发区", "测试路1号"}}},
		{"保定", []c{{"河北省 保定市 高新区 测试路1号", "高新区", "测试路1号"}}},
		{"天津", []c{{"天津 天津市 保税区 测试路1号", "滨海新区", "测试路1号"}}},
		{"太原", []c{{"山西省 太原市 综改区 测试路1号", "山西转型综合改革示范区", "测试路1号"}}},
		{"呼和浩特", []c{{"内蒙古 呼和浩特市 经济技术开发区 测试路1号", "经济技术开发区", "测试路1号"}}},
		{"乌鲁木齐", []c{{"新疆 乌鲁木齐市 经开区 测试路1号", "头屯河区", "测试路1号"}, {"新疆 乌鲁木齐市 高新区 测试路1号", "新市区", "测试路1号"}}},
		{"贵阳", []c{{"贵州省 贵阳市 金阳新区 测试路1号", "观山湖区", "测试路1号"}}},
		{"昆明", []c{{"云南省 昆明市 经开区 测试路1号", "经济技术开发区", "测试路1号"}, {"云南省 昆明市 高新区 测试路1号", "高新区", "测试路1号"}}},
	}
	for _, ct := range cities {
		t.Run(ct.city, func(t *testing.T) {
			for _, tc := range ct.cases {
				a, err := Split(tc.in)
				if err != nil || a.District != tc.district || a.Detail != tc.detail || !strings.Contains(a.City, ct.city) {
					t.Errorf("Split(%q) = %+v, %v; want %s%s, detail %s", tc.in, a, err, ct.city, tc.district, tc.detail)
				}
			}
		})
	}
}

// TestZonesNeverGuessTheCity: a zone names no city on its own: 高新区 is in
// many cities, so an address without its city is still refused, and a city
// whose zones are not in the table still says "no district".
func TestZonesNeverGuessTheCity(t *testing.T) {
	for _, in := range []string{
		"四川省 高新区 天府大道1号",
		"四川省 绵阳市 高新区 测试路1号", // not in the table
		"江苏省工业园区测试路1号",
	} {
		if a, err := Split(in); err == nil {
			t.Errorf("Split(%q) = %+v, want an error", in, a)
		}
	}
}

// TestZonesTable: every line of zones.tsv names a city of the statistics
// table, and each of its spellings splits to its district after the city.
func TestZonesTable(t *testing.T) {
	n := 0
	for line := range strings.Lines(zonesTSV) {
		line = strings.TrimRight(line, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 4 {
			t.Fatalf("zones.tsv: %d columns: %q", len(parts), line)
		}
		n++
		for _, spelling := range append([]string{parts[2]}, strings.Fields(parts[3])...) {
			in := parts[0] + " " + parts[1] + " " + spelling + " 测试路1号"
			a, err := Split(in)
			if err != nil || a.Province != parts[0] || a.City != parts[1] || a.District != parts[2] || a.Detail != "测试路1号" {
				t.Errorf("Split(%q) = %+v, %v; want district %s", in, a, err, parts[2])
			}
		}
	}
	if n < 40 {
		t.Errorf("%d zones", n)
	}
}
