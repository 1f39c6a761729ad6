package synth

import (
	"math/rand/v2"
	"strconv"
)

// DamaijiaHeader is the header of a damaijia export, as the default
// damaijia mapping (mapping/defaults/damaijia.yaml) and
// samples/damaijia_orders.csv name the columns.
var DamaijiaHeader = []string{"订单编号", "收货人姓名", "手机", "省份", "城市", "区县", "详细地址", "商品ID", "数量", "来源", "备注"}

// DamaijiaNumeric lists the damaijia columns a spreadsheet program stores as
// numbers (手机, 商品ID, 数量): an XLSX writer types them so.
var DamaijiaNumeric = []int{2, 7, 8}

// regions are real region names (public geography, not personal data).
var regions = [][3]string{
	{"浙江省", "杭州市", "余杭区"}, {"浙江省", "宁波市", "鄞州区"}, {"广东省", "深圳市", "南山区"},
	{"广东省", "广州市", "天河区"}, {"北京市", "北京市", "朝阳区"}, {"上海市", "上海市", "浦东新区"},
	{"江苏省", "苏州市", "工业园区"}, {"四川省", "成都市", "武侯区"}, {"湖北省", "武汉市", "洪山区"},
	{"山东省", "青岛市", "崂山区"}, {"福建省", "厦门市", "思明区"}, {"河南省", "郑州市", "金水区"},
}

var (
	surnames = []string{"张", "李", "王", "赵", "刘", "陈", "杨", "黄", "周", "吴"}
	given    = []string{"三", "四", "五", "六", "测试", "样例", "示例", "甲", "乙", "丙"}
	streets  = []string{"测试路", "示例大道", "样本街", "演示巷", "模拟路", "虚构大街"}
	sources  = []string{"淘宝", "天猫", "京东", "拼多多", "taobao", "pdd"}
	remarks  = []string{"", "", "", "", "样例", "尽快发货", "周末送达"}
	mobiles  = []string{"138", "139", "150", "186", "177"}
	products = []string{"614", "615", "620"}
)

// Damaijia generates damaijia consignee rows. It is not safe for
// concurrent use.
type Damaijia struct {
	rng *rand.Rand
	n   int
}

// NewDamaijia returns a generator seeded by seed.
func NewDamaijia(seed uint64) *Damaijia {
	return &Damaijia{rng: rand.New(rand.NewPCG(seed, 0xda3a1a))}
}

// Row returns the next row's cells in DamaijiaHeader order, reusing dst
// when it is long enough. Every row is valid for the default mapping.
func (g *Damaijia) Row(dst []string) []string {
	dst = resize(dst, len(DamaijiaHeader))
	g.n++
	r := regions[g.rng.IntN(len(regions))]
	dst[0] = orderNumber(g.rng, g.n)
	dst[1] = name(g.rng)
	dst[2] = mobile(g.rng)
	dst[3], dst[4], dst[5] = r[0], r[1], r[2]
	dst[6] = street(g.rng)
	dst[7] = products[g.rng.IntN(len(products))]
	dst[8] = strconv.Itoa(1 + g.rng.IntN(3))
	dst[9] = sources[g.rng.IntN(len(sources))]
	dst[10] = remarks[g.rng.IntN(len(remarks))]
	return dst
}

func resize(dst []string, n int) []string {
	if cap(dst) < n {
		return make([]string, n)
	}
	return dst[:n]
}

// pad prints n with leading zeros to width digits.
func pad(n uint64, width int) string {
	s := strconv.FormatUint(n, 10)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// orderNumber gives a unique 18-digit platform order number. Its last digit
// is never 0: trailing zeros look like a number Excel cut to 15 digits.
func orderNumber(rng *rand.Rand, n int) string {
	return "3" + pad(uint64(n), 10) + pad(rng.Uint64N(1e6), 6) + strconv.Itoa(1+rng.IntN(9))
}

func name(rng *rand.Rand) string {
	return surnames[rng.IntN(len(surnames))] + given[rng.IntN(len(given))]
}

func mobile(rng *rand.Rand) string {
	return mobiles[rng.IntN(len(mobiles))] + pad(rng.Uint64N(1e8), 8)
}

// street gives a fictional street address of 10 to 20 characters.
func street(rng *rand.Rand) string {
	s := streets[rng.IntN(len(streets))] + strconv.Itoa(1+rng.IntN(999)) + "号"
	if rng.IntN(2) == 0 {
		s += strconv.Itoa(1+rng.IntN(30)) + "栋" + strconv.Itoa(101+rng.IntN(2000)) + "室"
	}
	return s
}
