package openapi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"orderimport/providers"
)

// envelope is the storefront's answer.
type envelope struct {
	Code    *providers.Text `json:"code"`
	Message providers.Text  `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// createData is the data of a successful order creation.
type createData struct {
	OrderID     providers.Text `json:"order_id"`
	OrderNumber providers.Text `json:"order_number"`
}

const codeOK = "200"

// authHint tells the merchant what to do when the token is refused.
const authHint = "authentication failed: check the open-access-token of the open API plugin"

// classify turns an HTTP answer into an outcome or a classified error.
// HTTP 429 and 5xx are transient whatever the body says; otherwise the body's
// code decides.
func classify(r providers.Reply, o providers.Order, token string) (providers.Outcome, *providers.Error) {
	if r.Status == http.StatusTooManyRequests || r.Status >= 500 {
		return providers.Outcome{}, providers.HTTPError(r, "server error: the order may have been created")
	}
	var env envelope
	if err := json.Unmarshal(r.Body, &env); err != nil || env.Code == nil {
		if r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden {
			return providers.Outcome{}, &providers.Error{Class: providers.Fatal, Code: providers.HTTPCode(r.Status), Msg: authHint}
		}
		return providers.Outcome{}, providers.HTTPError(r, "answer is not the storefront's JSON")
	}
	code, msg := string(*env.Code), providers.Scrub(string(env.Message), token)
	if code != codeOK {
		return providers.Outcome{}, codeError(code, msg)
	}
	var data createData
	if len(env.Data) > 0 {
		if err := json.Unmarshal(env.Data, &data); err != nil {
			return providers.Outcome{}, &providers.Error{Class: providers.Transient, Code: code,
				Msg: "code 200 but unreadable data: the order may have been created", MaybeCreated: true}
		}
	}
	out := providers.Outcome{OrderID: string(data.OrderID), OrderSN: string(data.OrderNumber),
		Rows: make([]providers.RowOutcome, len(o.Rows))}
	for i := range out.Rows {
		out.Rows[i] = providers.RowOutcome{OK: true, MsgCode: code, Msg: msg}
	}
	return out, nil
}

// codeError classifies a body code other than 200: authentication failures
// stop the run, 429 and 5xx codes are transient (5xx may have created the
// order), anything else refuses the order.
func codeError(code, msg string) *providers.Error {
	if msg == "" {
		msg = "storefront code " + code
	}
	e := &providers.Error{Class: providers.Permanent, Code: code, Msg: msg}
	n, numErr := strconv.Atoi(code)
	switch {
	case code == "401" || code == "403" || isAuthMessage(msg):
		e.Class = providers.Fatal
		e.Msg = authHint + " (storefront: " + msg + ")"
	case code == "429":
		e.Class = providers.Transient
	case numErr == nil && n >= 500 && n <= 599:
		e.Class, e.MaybeCreated = providers.Transient, true
	}
	return e
}

// isAuthMessage reports whether a message is about the token or permission.
func isAuthMessage(msg string) bool {
	m := strings.ToLower(msg)
	for _, w := range []string{"token", "unauthori", "authenticat", "forbidden", "permission", "认证", "授权", "令牌", "权限"} {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}
