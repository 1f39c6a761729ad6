package providers

import (
	"bytes"
	"encoding/json"
)

// Text is a JSON string, number or other value read as text. The providers'
// API texts and their examples disagree on which ids and codes are numbers
// (damaijia's site_order_consignee_id and msg_code, the storefront's
// order_id), so answers are read liberally.
type Text string

// UnmarshalJSON never fails: strings are unquoted, anything else is kept as
// its JSON text (null as ""), cut at 200 bytes.
func (t *Text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*t = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			*t = Text(b)
			return nil
		}
		*t = Text(s)
	default:
		const limit = 200
		if len(b) > limit {
			b = b[:limit]
		}
		*t = Text(b)
	}
	return nil
}
