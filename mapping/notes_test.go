package mapping

import (
	"strings"
	"testing"
)

// TestBuyerMessageInRemark: the presets send no note, and say so; a
// mapping that starts from the preset sends the buyer's message and the
// seller's note in the remark with one line (README's example).
func TestBuyerMessageInRemark(t *testing.T) {
	header := exportHeaders["taobao56"]
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	row := func(msg, note string) []string {
		cells := make([]string, len(header))
		cells[col["订单编号"]], cells[col["收货人姓名"]], cells[col["联系手机"]] = `="3012345678901234561"`, "测试甲", "13800138000"
		cells[col["收货地址"]], cells[col["订单状态"]] = "浙江省 杭州市 余杭区 测试路1号(311100)", "买家已付款，等待卖家发货"
		cells[col["买家留言"]], cells[col["订单备注"]] = msg, note
		return cells
	}
	preset, err := Preset("taobao")
	if err != nil {
		t.Fatal(err)
	}
	preset.Set("product_id", "614")
	mp, err := preset.Compile(header, damaijiaFields())
	if err != nil {
		t.Fatal(err)
	}
	if got := mp.NotesNotSent(); !strings.HasPrefix(got, "not sent: column L (买家留言), column X (订单备注)") {
		t.Errorf("NotesNotSent() = %q", got)
	}
	own := mustParse(t, "preset: taobao\nfields:\n  product_id: {value: \"614\"}\n  remark: {template: \"{买家留言} {订单备注}\", default: orderimport}\n")
	mp, err = own.Compile(header, damaijiaFields())
	if err != nil {
		t.Fatal(err)
	}
	if got := mp.NotesNotSent(); got != "" {
		t.Errorf("NotesNotSent() = %q with the notes mapped", got)
	}
	for _, tc := range []struct{ msg, note, want string }{
		{"请尽快发货", "送礼品", "请尽快发货 送礼品"},
		{"请尽快发货", "", "请尽快发货"},
		{"", "送礼品", "送礼品"},
		{"", "", "orderimport"},
	} {
		rec, errs := mp.Map(2, row(tc.msg, tc.note))
		if got := value(damaijiaFields(), rec, "remark"); len(errs) != 0 || got != tc.want {
			t.Errorf("remark = %q, %v; want %q", got, errs, tc.want)
		}
	}
}
