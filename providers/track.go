package providers

import "context"

// Tracker is a provider that can say where the packages of the rows it
// created are (damaijia's get_packages_status). It is optional: a
// Provider that does not implement it cannot be tracked.
type Tracker interface {
	// TrackBatch is the most row ids one Track call may carry.
	TrackBatch() int
	// Track asks for the packages of the rows sent with rowIDs (their
	// OrderRow.ID: damaijia site_order_consignee_id). It returns what the
	// provider said of each package; a row the answer does not mention is
	// missing from it, and a row may have several packages. A non-nil
	// error is an *Error classified like Submit's: transient (retried),
	// permanent (the query was refused) or fatal (authentication). Asking
	// never creates anything, so every attempt may be retried. Every text
	// of the answer is scrubbed of the token.
	Track(ctx context.Context, rowIDs []int64) ([]Package, error)
}

// Package is what a provider said about one package of a row.
type Package struct {
	// RowID is the row's id (OrderRow.ID) the package belongs to.
	RowID int64
	// State is the package's state in the importer's terms.
	State PackageState
	// Code is the provider's own value of the state, as it sent it
	// (damaijia f, p, s, c), kept for machines and for states it does not
	// know.
	Code string
	// Company is the courier's name, ExpressNo the tracking number; empty
	// until the package is shipped.
	Company, ExpressNo string
}

// PackageState is where a package is.
type PackageState int

// The package states.
const (
	// PackageOther: the provider sent a state the importer does not know
	// (Package.Code holds it).
	PackageOther PackageState = iota
	// PackageAwaitingPayment: the order waits for payment (damaijia f).
	PackageAwaitingPayment
	// PackageAwaitingShipment: paid, not shipped yet (damaijia p).
	PackageAwaitingShipment
	// PackageShipped: handed to the courier (damaijia s).
	PackageShipped
	// PackageCancelled: it will never ship (damaijia c).
	PackageCancelled
)

// Final reports whether the package's state can no longer change:
// shipped or cancelled.
func (s PackageState) Final() bool { return s == PackageShipped || s == PackageCancelled }

// ScrubPackages removes token from every text of a Track's result, as
// ScrubResult does for Submit's.
func ScrubPackages(pkgs []Package, err error, token string) ([]Package, error) {
	if token == "" {
		return pkgs, err
	}
	if err != nil {
		_, err = ScrubResult(Outcome{}, err, token)
		return nil, err
	}
	for i := range pkgs {
		p := &pkgs[i]
		p.Code, p.Company, p.ExpressNo = scrubAll(p.Code, token), scrubAll(p.Company, token), scrubAll(p.ExpressNo, token)
	}
	return pkgs, nil
}
