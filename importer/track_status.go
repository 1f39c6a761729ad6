package importer

import (
	"slices"
	"strings"

	"orderimport/mapping"
	"orderimport/providers"
)

// packageWords are the package states as the package_status cell says them
// to a merchant, in Chinese and English; the provider's own value follows
// in brackets: "已发货 shipped (s)".
var packageWords = []struct {
	state providers.PackageState
	words string
}{
	{providers.PackageAwaitingPayment, "待付款 awaiting payment"},
	{providers.PackageAwaitingShipment, "待发货 awaiting shipment"},
	{providers.PackageShipped, "已发货 shipped"},
	{providers.PackageCancelled, "已取消 cancelled"},
	{providers.PackageOther, "unknown status"},
}

// wordsOf returns the words of state.
func wordsOf(state providers.PackageState) string {
	for _, w := range packageWords {
		if w.state == state {
			return w.words
		}
	}
	return "unknown status"
}

// trackState reads the state back from a package_status cell track wrote;
// ok is false for any other text (empty, or why a row is not tracked).
func trackState(cell string) (providers.PackageState, bool) {
	cell = strings.TrimSpace(cell)
	for _, w := range packageWords {
		if strings.HasPrefix(cell, w.words+" (") && strings.HasSuffix(cell, ")") {
			return w.state, true
		}
	}
	return providers.PackageOther, false
}

// outcomeOf is the track outcome of a package state.
func outcomeOf(state providers.PackageState) TrackOutcome {
	switch state {
	case providers.PackageShipped:
		return TrackShipped
	case providers.PackageCancelled:
		return TrackCancelled
	case providers.PackageAwaitingShipment:
		return TrackAwaitingShipment
	case providers.PackageAwaitingPayment:
		return TrackAwaitingPayment
	}
	return TrackOtherStatus
}

// describePackages sums up the packages of one row (most rows have one):
// shipped when every package is shipped or cancelled and one is shipped,
// cancelled when all are; otherwise the state of the packages still
// waiting (shipment before payment). The brackets list the provider's
// values, the couriers and tracking numbers are joined with "; ".
func describePackages(pkgs []providers.Package) (providers.PackageState, Tracking) {
	var codes, companies, numbers []string
	final, shipped, awaitShip, awaitPay := true, false, false, false
	for _, p := range pkgs {
		code := p.Code
		if code == "" {
			code = "?"
		}
		codes = appendNew(codes, code)
		companies = appendNew(companies, p.Company)
		numbers = appendNew(numbers, p.ExpressNo)
		final = final && p.State.Final()
		shipped = shipped || p.State == providers.PackageShipped
		awaitShip = awaitShip || p.State == providers.PackageAwaitingShipment
		awaitPay = awaitPay || p.State == providers.PackageAwaitingPayment
	}
	state := providers.PackageOther
	switch {
	case final && shipped:
		state = providers.PackageShipped
	case final:
		state = providers.PackageCancelled
	case awaitShip:
		state = providers.PackageAwaitingShipment
	case awaitPay:
		state = providers.PackageAwaitingPayment
	}
	return state, Tracking{Status: wordsOf(state) + " (" + strings.Join(codes, ",") + ")",
		Company: strings.Join(companies, "; "), ExpressNo: strings.Join(numbers, "; ")}
}

// appendNew appends s to list unless it is empty or already there.
func appendNew(list []string, s string) []string {
	if s = strings.TrimSpace(s); s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// unidentified says why a mapped row's identity (platform_order_sn and
// product_id, the identity of a row that track can find) cannot be read,
// or "" when it can.
func (t *tracker) unidentified(rec providers.Record, problems []*mapping.FieldError) string {
	fields := t.o.Provider.Fields()
	id := t.ident
	if id.platform < 0 || id.product < 0 {
		return t.o.ProviderName + " rows have no platform_order_sn and product_id"
	}
	for _, fe := range problems {
		if !fe.Warning && (fe.Field == fields[id.platform].Name || fe.Field == fields[id.product].Name) {
			return fe.Error()
		}
	}
	for _, i := range []int{id.platform, id.product} {
		if field(rec, i) == "" {
			return "its " + fields[i].Name + " is blank (give track the mapping flags of the import: --mapping, --preset, --set)"
		}
	}
	return ""
}
