package regions

import "testing"

// TestNormalize: separate province, city and district columns (Pinduoduo,
// Youzan) come out as Split's full names; 济源's blank district is the
// city's name as Split makes it; an unknown province is refused.
func TestNormalize(t *testing.T) {
	tests := []struct {
		name                string
		p, c, d             string
		wantP, wantC, wantD string
		fail                bool
	}{
		{"full names", "浙江省", "杭州市", "余杭区", "浙江省", "杭州市", "余杭区", false},
		{"short names", "浙江", "杭州", "余杭", "浙江省", "杭州市", "余杭区", false},
		{"municipality written short twice", "北京", "北京", "朝阳区", "北京市", "北京市", "朝阳区", false},
		{"municipality 市辖区", "天津市", "市辖区", "和平区", "天津市", "天津市", "和平区", false},
		{"municipality blank city", "上海", "", "浦东新区", "上海市", "上海市", "浦东新区", false},
		{"autonomous region short", "广西", "南宁", "青秀区", "广西壮族自治区", "南宁市", "青秀区", false},
		{"济源 blank district", "河南省", "济源市", "", "河南省", "济源市", "济源市", false},
		{"济源 under 省直辖县级行政区划", "河南省", "省直辖县级行政区划", "济源市", "河南省", "济源市", "济源市", false},
		{"仙桃 blank district", "湖北", "仙桃", "", "湖北省", "仙桃市", "仙桃市", false},
		{"东莞 town kept", "广东省", "东莞市", "长安镇", "广东省", "东莞市", "长安镇", false},
		{"zone spelling", "江苏省", "苏州市", "苏州工业园区", "江苏省", "苏州市", "工业园区", false},
		{"unknown district kept", "浙江省", "杭州市", "未来科技城", "浙江省", "杭州市", "未来科技城", false},
		{"blank district of a city with districts stays blank", "浙江省", "杭州市", "", "浙江省", "杭州市", "", false},
		{"unknown province", "火星省", "火星市", "测试区", "", "", "", true},
		{"city of another province", "浙江省", "南京市", "玄武区", "", "", "", true},
		{"no city", "浙江省", "", "余杭区", "", "", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Normalize(tc.p, tc.c, tc.d)
			if tc.fail {
				if err == nil {
					t.Fatalf("Normalize = %+v, want an error", a)
				}
				return
			}
			if err != nil || a.Province != tc.wantP || a.City != tc.wantC || a.District != tc.wantD {
				t.Errorf("Normalize = %+v, %v; want %s %s %s", a, err, tc.wantP, tc.wantC, tc.wantD)
			}
		})
	}
}
