package damaijia

import (
	"slices"
	"testing"

	"orderimport/providers"
)

func TestFieldsOrderAndIndexes(t *testing.T) {
	c, err := New(providers.Config{Token: "t"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"product_id", "product_number", "source", "remark", "consignee", "mobile",
		"province", "city", "district", "address", "platform_order_sn", "consigner", "consigner_mobile",
		"consigner_province", "consigner_city", "consigner_district", "consigner_address"}
	fields := c.Fields()
	var got []string
	for _, f := range fields {
		got = append(got, f.Name)
	}
	if !slices.Equal(got, want) || len(fields) != fieldCount {
		t.Fatalf("fields = %v, want %v", got, want)
	}
	for i, f := range fields {
		if wantReq := i <= FieldPlatformOrderSN; f.Required != wantReq {
			t.Errorf("%s required = %v, want %v", f.Name, f.Required, wantReq)
		}
	}
	src := fields[FieldSource]
	for alias, v := range map[string]string{"淘宝": "taobao", "天猫": "tmall", "京东": "jd", "拼多多": "pdd", "其他": "other", "PDD": "pdd", "TAOBAO": "taobao"} {
		if src.Aliases[alias] != v {
			t.Errorf("alias %s = %q, want %q", alias, src.Aliases[alias], v)
		}
	}
	if n := fields[FieldProductNumber]; n.Min != 1 || n.Max != 1000 || n.Kind != providers.KindInt {
		t.Errorf("product_number = %+v", n)
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		cfg     providers.Config
		opts    Options
		wantErr bool
		batch   int
	}{
		{name: "defaults", cfg: providers.Config{Token: "t"}, batch: DefaultBatch},
		{name: "batch", cfg: providers.Config{Token: "t", BaseURL: "https://x.test/"}, opts: Options{Batch: 7}, batch: 7},
		{name: "no token", cfg: providers.Config{}, wantErr: true},
		{name: "token with newline", cfg: providers.Config{Token: "a\nb"}, wantErr: true},
		{name: "bad url", cfg: providers.Config{Token: "t", BaseURL: "ftp://x"}, wantErr: true},
		{name: "no host", cfg: providers.Config{Token: "t", BaseURL: "http://"}, wantErr: true},
		{name: "negative batch", cfg: providers.Config{Token: "t"}, opts: Options{Batch: -1}, wantErr: true},
		{name: "huge batch", cfg: providers.Config{Token: "t"}, opts: Options{Batch: MaxBatch + 1}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.cfg, tt.opts)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			g := c.Grouping()
			if g.MaxRows != tt.batch || g.Adjacent || !g.Idempotent {
				t.Errorf("grouping = %+v", g)
			}
		})
	}
}

func TestOrderKey(t *testing.T) {
	c, _ := New(providers.Config{Token: "t"}, Options{})
	a, b := record("1"), record("2")
	if providers.OrderKey(c, a) != providers.OrderKey(c, b) {
		t.Error("rows of the same product, quantity, source and remark have different keys")
	}
	for _, i := range []int{FieldProductID, FieldProductNumber, FieldSource, FieldRemark, FieldConsigner, FieldConsignerAddress} {
		b := record("2")
		b.Values[i] += "x"
		if providers.OrderKey(c, a) == providers.OrderKey(c, b) {
			t.Errorf("changing field %d keeps the key", i)
		}
	}
	short := providers.Record{Values: []string{"1"}}
	_ = providers.OrderKey(c, short) // must not panic
}
