package importer

import (
	"fmt"
	"io"
	"time"

	"orderimport/importer/i18n"
)

// TrackOutcome is what track knows of one created row after a run.
type TrackOutcome string

// The track outcomes, in the order summaries print them.
const (
	TrackShipped          TrackOutcome = "shipped"
	TrackCancelled        TrackOutcome = "cancelled"
	TrackAwaitingShipment TrackOutcome = "awaiting_shipment"
	TrackAwaitingPayment  TrackOutcome = "awaiting_payment"
	// TrackOtherStatus: the provider gave a status track does not know.
	TrackOtherStatus TrackOutcome = "unknown_status"
	// TrackNotFound: the provider does not know the row's package.
	TrackNotFound TrackOutcome = "not_found"
	// TrackNotInLedger: the ledger does not know the row as created, so its
	// id is not known (imported with another ledger, or --sandbox).
	TrackNotInLedger TrackOutcome = "not_in_ledger"
	// TrackNotIdentified: the row's identity could not be read from its
	// cells (another mapping than the import's?).
	TrackNotIdentified TrackOutcome = "not_identified"
	// TrackNotAsked: the query failed or the run stopped, and nothing was
	// known of the package before.
	TrackNotAsked TrackOutcome = "not_asked"
)

// TrackOutcomes lists the outcomes in the order summaries print them.
var TrackOutcomes = []TrackOutcome{TrackShipped, TrackCancelled, TrackAwaitingShipment, TrackAwaitingPayment,
	TrackOtherStatus, TrackNotFound, TrackNotInLedger, TrackNotIdentified, TrackNotAsked}

// TrackSummary is the account of one track run.
type TrackSummary struct {
	Input, Output, Provider string
	// Account is the account's name in the ledger (ledger.Account.Name).
	Account string
	// Rows counts the sheet's rows; Created those whose order exists (ok,
	// or skipped with an earlier order's ids): the rows tracked.
	Rows, Created int
	// Counts has one entry per created row, by what is known of it now.
	Counts map[TrackOutcome]int
	// Asked counts the rows asked about; Kept the rows shipped or cancelled
	// at an earlier track, not asked again; Failed the rows whose query
	// failed (they keep what an earlier track learned).
	Asked, Kept, Failed int
	Requests            int
	Elapsed             time.Duration
	// Fatal stopped the run (exit 3); Interrupted: a signal did (130).
	Fatal       error
	Interrupted bool
	// Lang is the language Print writes ("" means i18n.Default).
	Lang i18n.Lang
}

// ExitCode is the process exit code of a track run: 0 when every created
// row has shipped or been cancelled (a cron job polls until then), 1 when
// some has not (or is not known), 3 when the provider stopped the run, 130
// when a signal did.
func (s *TrackSummary) ExitCode() int {
	switch {
	case s.Interrupted:
		return ExitInterrupted
	case s.Fatal != nil:
		return ExitFatal
	}
	if s.Counts[TrackShipped]+s.Counts[TrackCancelled] < s.Created {
		return ExitRowsNotOK
	}
	return ExitOK
}

// Print writes the one-screen summary in s.Lang.
func (s *TrackSummary) Print(w io.Writer) {
	p := i18n.NewPrinter(s.Lang)
	line := func(id i18n.ID, args ...any) {
		fmt.Fprintf(w, "  %s\n", p.Sprintf(id, args...))
	}
	fmt.Fprintf(w, "\n%s\n", p.Sprintf(i18n.TrackTitle, s.Input, s.Provider, s.Rows, s.Created))
	for _, o := range TrackOutcomes {
		if n := s.Counts[o]; n > 0 {
			line(i18n.TrackCount, o, n, p.Sprintf(i18n.TrackLabel(string(o))))
		}
	}
	line(i18n.TrackAsked, s.Asked, s.Kept, s.Requests, s.Elapsed.Round(time.Millisecond))
	if s.Failed > 0 {
		line(i18n.TrackFailed, s.Failed)
	}
	if n := s.Counts[TrackNotInLedger]; n > 0 {
		line(i18n.TrackNotInLedger, n, s.Account)
	}
	if n := s.Counts[TrackNotIdentified]; n > 0 {
		line(i18n.TrackNotIdentified, n)
	}
	if s.Output != "" {
		line(i18n.SummaryResultSheet, s.Output)
	}
	if s.Fatal != nil {
		line(i18n.SummaryStopped, s.Fatal)
	}
	if s.Interrupted {
		line(i18n.TrackInterrupted)
	}
}
