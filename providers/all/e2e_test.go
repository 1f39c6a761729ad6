package all

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"testing"

	"orderimport/providers"
	"orderimport/providers/damaijia"
	"orderimport/providers/openapi"
	"orderimport/providers/sandbox"
)

const e2eToken = "e2e-token-0f9e8d"

// newProvider starts a sandbox with opts and returns the named client on it.
func newProvider(t *testing.T, name string, opts sandbox.Options) (providers.Provider, *sandbox.Server) {
	t.Helper()
	sb := sandbox.New(opts)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	e, err := Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.New(providers.Config{BaseURL: srv.URL, Token: e2eToken}, 0)
	if err != nil {
		t.Fatal(err)
	}
	return p, sb
}

// damaijiaOrder builds an order of n consignees; the first is in province.
func damaijiaOrder(p providers.Provider, id int64, n int, province string) providers.Order {
	o := providers.Order{ID: id}
	for i := range n {
		v := make([]string, len(p.Fields()))
		v[damaijia.FieldProductID], v[damaijia.FieldProductNumber] = "614", "1"
		v[damaijia.FieldSource], v[damaijia.FieldRemark] = "pdd", "测试"
		v[damaijia.FieldConsignee], v[damaijia.FieldMobile] = "张三", "13800138000"
		v[damaijia.FieldProvince], v[damaijia.FieldCity] = "浙江省", "杭州市"
		v[damaijia.FieldDistrict], v[damaijia.FieldAddress] = "余杭区", "测试路1号"
		v[damaijia.FieldPlatformOrderSN] = fmt.Sprintf("P%d-%d", id, i)
		if i == 0 && province != "" {
			v[damaijia.FieldProvince], v[damaijia.FieldCity] = province, province+"市"
		}
		o.Rows = append(o.Rows, providers.OrderRow{ID: id*100 + int64(i), Record: providers.Record{Values: v}})
	}
	return o
}

// openapiOrder builds an order of n items.
func openapiOrder(p providers.Provider, key string, n int) providers.Order {
	o := providers.Order{}
	for i := range n {
		v := make([]string, len(p.Fields()))
		v[openapi.FieldOrderKey], v[openapi.FieldFirstName], v[openapi.FieldLastName] = key, "三", "张"
		v[openapi.FieldPhone], v[openapi.FieldAddress1], v[openapi.FieldCity] = "13800138000", "测试路1号", "测试市"
		v[openapi.FieldCountryCode], v[openapi.FieldEmail] = "CN", "test@example.com"
		v[openapi.FieldShippingMethodName], v[openapi.FieldTags] = "UPS", "a,b"
		v[openapi.FieldProductID], v[openapi.FieldVariantID], v[openapi.FieldQty] = "658", fmt.Sprint(4400+i), "2"
		o.Rows = append(o.Rows, providers.OrderRow{ID: int64(i + 1), Record: providers.Record{Values: v}})
	}
	return o
}

func asError(t *testing.T, err error) *providers.Error {
	t.Helper()
	var pe *providers.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is not a *providers.Error", err)
	}
	return pe
}

func TestE2EDamaijia(t *testing.T) {
	ctx := context.Background()
	t.Run("success and forbidden zone", func(t *testing.T) {
		p, sb := newProvider(t, "damaijia", sandbox.Options{Token: e2eToken, ForbiddenProvinces: []string{"新疆"}})
		out, err := p.Submit(ctx, damaijiaOrder(p, 1, 3, "新疆"))
		if err != nil {
			t.Fatal(err)
		}
		if out.OrderID == "" || len(out.OrderSN) != 22 || len(out.Rows) != 3 {
			t.Fatalf("outcome %+v", out)
		}
		if r := out.Rows[0]; r.OK || r.MsgCode != "2001" || r.ForbiddenZone != "新疆/新疆市" {
			t.Errorf("row 0 = %+v", r)
		}
		for _, r := range out.Rows[1:] {
			if !r.OK || r.MsgCode != "2000" {
				t.Errorf("row = %+v", r)
			}
		}
		if st := sb.Stats(); st.Created != 1 || st.CreatedConsignees != 3 || st.Malformed != 0 {
			t.Errorf("stats %+v", st)
		}
	})
	t.Run("lost answer then retry gets 234", func(t *testing.T) {
		p, sb := newProvider(t, "damaijia", sandbox.Options{DropAfter: 1})
		o := damaijiaOrder(p, 2, 2, "")
		_, err := p.Submit(ctx, o)
		if pe := asError(t, err); pe.Class != providers.Transient || !pe.MaybeCreated {
			t.Fatalf("first attempt: %+v", pe)
		}
		_, err = p.Submit(ctx, o)
		if pe := asError(t, err); pe.Code != "234" || !errors.Is(err, providers.ErrAlreadyExists) || pe.Class != providers.Permanent {
			t.Fatalf("retry: %+v", pe)
		}
		if len(sb.DamaijiaOrders()) != 1 || sb.Duplicates() != 0 {
			t.Errorf("orders %d duplicates %d", len(sb.DamaijiaOrders()), sb.Duplicates())
		}
	})
	t.Run("wrong token is fatal", func(t *testing.T) {
		p, _ := newProvider(t, "damaijia", sandbox.Options{Token: "another"})
		_, err := p.Submit(ctx, damaijiaOrder(p, 3, 1, ""))
		if pe := asError(t, err); pe.Class != providers.Fatal || pe.Code != "200" {
			t.Errorf("got %+v", pe)
		}
	})
}

// TestE2EDamaijiaFaultsNoDuplicates retries every transient failure, as the
// importer does for an idempotent provider, under every injected fault.
func TestE2EDamaijiaFaultsNoDuplicates(t *testing.T) {
	p, sb := newProvider(t, "damaijia", sandbox.Options{Seed: 3, Fail5xx: 0.15, Fail429: 0.15, DropBefore: 0.15, DropAfter: 0.15})
	ctx := context.Background()
	const orders = 60
	for id := int64(1); id <= orders; id++ {
		o := damaijiaOrder(p, id, 2, "")
		for attempt := 1; ; attempt++ {
			_, err := p.Submit(ctx, o)
			if err == nil || errors.Is(err, providers.ErrAlreadyExists) {
				break
			}
			if providers.ClassOf(err) != providers.Transient || attempt == 50 {
				t.Fatalf("order %d attempt %d: %v", id, attempt, err)
			}
		}
	}
	if n := len(sb.DamaijiaOrders()); n != orders || sb.Duplicates() != 0 {
		t.Errorf("created %d orders (want %d), %d duplicates", n, orders, sb.Duplicates())
	}
}

func TestE2EOpenAPI(t *testing.T) {
	ctx := context.Background()
	t.Run("success", func(t *testing.T) {
		p, sb := newProvider(t, "openapi", sandbox.Options{Token: e2eToken})
		out, err := p.Submit(ctx, openapiOrder(p, "A1", 3))
		if err != nil {
			t.Fatal(err)
		}
		if out.OrderID == "" || out.OrderSN == "" || len(out.Rows) != 3 || !out.Rows[2].OK {
			t.Fatalf("outcome %+v", out)
		}
		got := sb.OpenAPIOrders()
		if len(got) != 1 || len(got[0].Items) != 3 || got[0].Items[2].VariantID != 4402 || len(got[0].Tags) != 2 {
			t.Errorf("orders %+v", got)
		}
	})
	t.Run("lost answer may have created the order", func(t *testing.T) {
		p, sb := newProvider(t, "openapi", sandbox.Options{DropAfter: 1})
		_, err := p.Submit(ctx, openapiOrder(p, "A2", 1))
		if pe := asError(t, err); pe.Class != providers.Transient || !pe.MaybeCreated {
			t.Errorf("got %+v", pe)
		}
		if len(sb.OpenAPIOrders()) != 1 {
			t.Error("the sandbox did not create the order")
		}
	})
	t.Run("wrong token is fatal", func(t *testing.T) {
		p, _ := newProvider(t, "openapi", sandbox.Options{Token: "another"})
		_, err := p.Submit(ctx, openapiOrder(p, "A3", 1))
		if pe := asError(t, err); pe.Class != providers.Fatal {
			t.Errorf("got %+v", pe)
		}
	})
}
