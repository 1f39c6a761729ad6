package damaijia

import (
	"encoding/json"
	"strconv"
	"strings"

	"orderimport/providers"
)

// envelope is every damaijia answer: status 0 with data, or an error status
// with err.
type envelope struct {
	Status *providers.Text `json:"status"`
	Err    providers.Text  `json:"err"`
	Msg    providers.Text  `json:"msg"`
	Data   json.RawMessage `json:"data"`
}

// createData is the data of a successful order_create.
type createData struct {
	OrderID    providers.Text  `json:"order_id"`
	OrderSN    providers.Text  `json:"order_sn"`
	Consignees []consigneeData `json:"consignees"`
}

// consigneeData is the answer about one consignee.
type consigneeData struct {
	SiteOrderConsigneeID providers.Text `json:"site_order_consignee_id"`
	ForbiddenZone        providers.Text `json:"forbidden_zone"`
	MsgCode              providers.Text `json:"msg_code"`
	Msg                  providers.Text `json:"msg"`
	Amount               providers.Text `json:"amount"`
}

// Per-consignee msg_code values.
const (
	msgOK        = "2000"
	msgForbidden = "2001"
)

// classify turns an HTTP answer into an outcome or a classified error.
func classify(r providers.Reply, o providers.Order, token string) (providers.Outcome, *providers.Error) {
	body, perr := envelopeData(r, token)
	if perr != nil {
		return providers.Outcome{}, perr
	}
	var data createData
	if raw := strings.TrimSpace(string(body)); raw != "" && raw != "null" && raw != "[]" { // [] is PHP's empty data
		if err := json.Unmarshal(body, &data); err != nil {
			return providers.Outcome{}, &providers.Error{Class: providers.Transient, Code: "0",
				Msg: "status 0 but unreadable data: the order may have been created", MaybeCreated: true}
		}
	}
	return outcome(data, o, token), nil
}

// outcome matches the answer's consignees to the order's rows by
// site_order_consignee_id. Status 0 says the order was created; a row whose
// id the answer does not mention (missing, renumbered, no data at all) may
// be in it, so its outcome is unknown, never a refusal: it keeps its ids,
// and a resend with them is answered "already exists". A guess by
// position is never made.
func outcome(d createData, o providers.Order, token string) providers.Outcome {
	byID := make(map[string]consigneeData, len(d.Consignees))
	for _, c := range d.Consignees {
		byID[strings.TrimSpace(string(c.SiteOrderConsigneeID))] = c
	}
	out := providers.Outcome{OrderID: string(d.OrderID), OrderSN: string(d.OrderSN), Rows: make([]providers.RowOutcome, len(o.Rows))}
	for i, row := range o.Rows {
		c, ok := byID[strconv.FormatInt(row.ID, 10)]
		out.Rows[i] = rowOutcome(c, ok, token)
	}
	return out
}

func rowOutcome(c consigneeData, found bool, token string) providers.RowOutcome {
	if !found {
		return providers.RowOutcome{Unknown: true}
	}
	ro := providers.RowOutcome{
		OK:            string(c.MsgCode) == msgOK,
		MsgCode:       string(c.MsgCode),
		Msg:           providers.Scrub(string(c.Msg), token),
		ForbiddenZone: string(c.ForbiddenZone),
		Amount:        amount(c.Amount),
	}
	if !ro.OK && ro.Msg == "" {
		switch ro.MsgCode {
		case msgForbidden:
			ro.Msg = "发货地已禁发 (forbidden zone)"
		default:
			ro.Msg = "refused by damaijia (msg_code " + ro.MsgCode + ")"
		}
	}
	return ro
}

// amount reads a consignee's charged amount: an integer, or 0 when absent or
// not an integer (the API text gives no unit; the sandbox answers 1).
func amount(f providers.Text) int64 {
	n, err := strconv.ParseInt(string(f), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
