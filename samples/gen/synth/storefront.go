package synth

import (
	"math/rand/v2"
	"strconv"
)

// StorefrontHeader is the header of a Shopify-style storefront export, as
// samples/storefront_orders.csv has it.
var StorefrontHeader = []string{"Name", "Email", "First Name", "Last Name", "Phone", "Address1", "Address2",
	"City", "Province Code", "Country Code", "Zip", "Shipping Method", "Product ID", "Variant ID",
	"Lineitem quantity", "Tags", "Note"}

// StorefrontNumeric lists the storefront columns stored as numbers.
var StorefrontNumeric = []int{4, 12, 13, 14}

var (
	cities = [][3]string{{"Qingdao", "SD", "266000"}, {"Hangzhou", "ZJ", "310000"}, {"Shenzhen", "GD", "518000"},
		{"Chengdu", "SC", "610000"}, {"Suzhou", "JS", "215000"}}
	firsts    = []string{"Test", "Demo", "Sample", "Alpha", "Beta"}
	lasts     = []string{"Buyer", "Person", "Tester", "User", "Customer"}
	shipping  = []string{"UPS", "DHL"}
	roads     = []string{"Sample Road", "Example Street", "Fictional Ave", "Demo Lane"}
	items     = [][2]string{{"658", "4400"}, {"658", "4401"}, {"648", "4345"}, {"650", "4350"}}
	storeTags = []string{"", "", "vip", "gift,repeat"}
)

// Storefront generates storefront line-item rows: orders of one to four
// items, the order's fields on its first row only, as Shopify exports them.
// It is not safe for concurrent use.
type Storefront struct {
	rng   *rand.Rand
	order int
	left  int // items of the current order still to come
}

// NewStorefront returns a generator seeded by seed.
func NewStorefront(seed uint64) *Storefront {
	return &Storefront{rng: rand.New(rand.NewPCG(seed, 0x5f0e))}
}

// Row returns the next row's cells in StorefrontHeader order, reusing dst
// when it is long enough.
func (g *Storefront) Row(dst []string) []string {
	dst = resize(dst, len(StorefrontHeader))
	clear(dst)
	if g.left == 0 {
		g.order++
		g.left = 1 + g.rng.IntN(4)
		g.orderFields(dst)
	}
	g.left--
	dst[0] = "#" + strconv.Itoa(1000+g.order)
	it := items[g.rng.IntN(len(items))]
	dst[12], dst[13] = it[0], it[1]
	dst[14] = strconv.Itoa(1 + g.rng.IntN(5))
	return dst
}

func (g *Storefront) orderFields(dst []string) {
	c := cities[g.rng.IntN(len(cities))]
	dst[1] = "buyer" + strconv.Itoa(g.order) + "@example.com"
	dst[2] = firsts[g.rng.IntN(len(firsts))]
	dst[3] = lasts[g.rng.IntN(len(lasts))]
	dst[4] = mobile(g.rng)
	dst[5] = strconv.Itoa(1+g.rng.IntN(999)) + " " + roads[g.rng.IntN(len(roads))]
	if g.rng.IntN(2) == 0 {
		dst[6] = "Unit " + strconv.Itoa(1+g.rng.IntN(50))
	}
	dst[7], dst[8], dst[9], dst[10] = c[0], c[1], "CN", c[2]
	dst[11] = shipping[g.rng.IntN(len(shipping))]
	dst[15] = storeTags[g.rng.IntN(len(storeTags))]
	if g.rng.IntN(3) == 0 {
		dst[16] = "leave at door"
	}
}
