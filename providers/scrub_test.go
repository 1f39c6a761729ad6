package providers

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestHardening11_16_ScrubResult(t *testing.T) {
	const tok = "tok/SECRET+1="
	esc := url.QueryEscape(tok)
	out := Outcome{OrderID: "id " + tok, OrderSN: tok, Rows: []RowOutcome{
		{OK: true, MsgCode: tok, Msg: "see ?t=" + esc, ForbiddenZone: "zone " + url.PathEscape(tok), Amount: 3},
	}}
	rows := out.Rows
	got, err := ScrubResult(out, nil, tok)
	if err != nil {
		t.Fatal(err)
	}
	all := got.OrderID + got.OrderSN + got.Rows[0].MsgCode + got.Rows[0].Msg + got.Rows[0].ForbiddenZone
	if strings.Contains(all, tok) || strings.Contains(all, esc) || strings.Contains(all, url.PathEscape(tok)) {
		t.Fatalf("token left: %+v", got)
	}
	if !got.Rows[0].OK || got.Rows[0].Amount != 3 || got.OrderSN != "***" {
		t.Fatalf("scrubbing changed more than the text: %+v", got)
	}
	if rows[0].MsgCode != tok {
		t.Fatal("the caller's rows were modified")
	}

	cases := []struct {
		name string
		err  error
	}{
		{"classified", &Error{Class: Permanent, Code: tok, Msg: "refused " + tok, MaybeCreated: true}},
		{"classified with a cause", &Error{Class: Transient, Err: errors.New("dial " + esc)}},
		{"plain", errors.New("boom " + tok)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ScrubResult(Outcome{}, tc.err, tok)
			if err == nil || strings.Contains(err.Error(), tok) || strings.Contains(err.Error(), esc) {
				t.Fatalf("error %v", err)
			}
			var pe *Error
			if errors.As(tc.err, &pe) && (!errors.As(err, &pe) || pe.Class != tc.err.(*Error).Class ||
				pe.MaybeCreated != tc.err.(*Error).MaybeCreated) {
				t.Fatalf("classification lost: %#v", err)
			}
		})
	}
}
