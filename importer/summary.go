package importer

import (
	"fmt"
	"io"
	"strings"
	"time"

	"orderimport/importer/i18n"
)

// Exit codes of an import run, as documented in the README.
const (
	ExitOK          = 0   // every row ok, ready or skipped
	ExitRowsNotOK   = 1   // some row is not ok
	ExitInput       = 2   // usage or input error; nothing was sent
	ExitFatal       = 3   // the run was stopped (auth, balance, daily limit, wrong or unreachable API)
	ExitInterrupted = 130 // interrupted by a signal
)

// Summary is the account of one run.
type Summary struct {
	Input, Output string
	Provider      string
	DryRun        bool
	Rows          int
	Counts        map[Status]int
	Orders        int // orders dispatched to the provider
	Requests      int // HTTP attempts, retries included
	Elapsed       time.Duration
	// Fatal is the error that stopped the run, if any.
	Fatal error
	// Interrupted is true when a signal stopped the run.
	Interrupted bool
	// RunID is the ledger's id of this run ("" without a ledger).
	RunID string
	// Recovered counts orders left open by earlier runs (killed, or whose
	// answers were lost) that this run resent with their original ids.
	Recovered int
	// Amount is the total the provider reported charging for this run's ok
	// rows (damaijia: 点券), 0 when it reports nothing.
	Amount int64
	// Waits counts the pauses the provider asked for (Retry-After) that the
	// run honoured, Waited their total length; WaitsOverMax counts those
	// refused as longer than Options.MaxWait (their orders failed).
	Waits        int
	Waited       time.Duration
	WaitsOverMax int
	// Ledger is the ledger's path ("" without one); LedgerCreated is true
	// when this run created it (it knew no earlier run).
	Ledger        string
	LedgerCreated bool
	// Retry marks a run of "orderimport retry".
	Retry bool
	// Lang is the language Print writes ("" means i18n.Default).
	Lang i18n.Lang
	// Carried counts the rows of a result sheet fed back in that it says
	// were created (ok, or skipped with an order id): carried over as they
	// were, never sent again.
	Carried int
}

// StartSummary is the summary of a run over o that ended before it read a
// row (an input or mapping problem): it says what the run was given, for
// --summary-json.
func StartSummary(o Options) *Summary {
	s := &Summary{Input: o.Input, Provider: o.ProviderName, DryRun: o.DryRun, Retry: o.Retry,
		Counts: map[Status]int{}, Lang: o.Lang}
	if o.Ledger != nil {
		s.RunID = o.Ledger.RunID()
	}
	return s
}

// AchievedRate is the number of requests per second over the run.
func (s *Summary) AchievedRate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Requests) / s.Elapsed.Seconds()
}

// ExitCode maps the run's outcome to the process exit code.
func (s *Summary) ExitCode() int {
	switch {
	case s.Interrupted:
		return ExitInterrupted
	case s.Fatal != nil:
		return ExitFatal
	}
	for st, n := range s.Counts {
		if n > 0 && !st.good(s.DryRun) {
			return ExitRowsNotOK
		}
	}
	return ExitOK
}

// good reports whether a row ending with s counts as a success.
func (s Status) good(dryRun bool) bool {
	switch s {
	case StatusOK, StatusSkipped:
		return true
	case StatusReady:
		return dryRun
	}
	return false
}

// Print writes the one-screen summary in s.Lang.
func (s *Summary) Print(w io.Writer) {
	p := i18n.NewPrinter(s.Lang)
	line := func(id i18n.ID, args ...any) {
		fmt.Fprintf(w, "  %s\n", p.Sprintf(id, args...))
	}
	title := i18n.SummaryImport
	switch {
	case s.Retry && s.DryRun:
		title = i18n.SummaryRetryDryRun
	case s.Retry:
		title = i18n.SummaryRetry
	case s.DryRun:
		title = i18n.SummaryDryRun
	}
	fmt.Fprintf(w, "\n%s\n", p.Sprintf(title, s.Input, s.Provider, s.Rows))
	if s.Retry || s.Carried > 0 {
		line(i18n.SummaryCarried, s.Carried)
	}
	for _, st := range Statuses {
		if n := s.Counts[st]; n > 0 {
			line(i18n.SummaryCount, st, n, p.Sprintf(i18n.StatusLabel(string(st))))
		}
	}
	if !s.DryRun {
		line(i18n.SummaryOrders, s.Orders, s.Requests, s.AchievedRate())
	}
	line(i18n.SummaryElapsed, s.Elapsed.Round(time.Millisecond))
	if s.Recovered > 0 {
		line(i18n.SummaryRecovered, s.Recovered)
	}
	if s.Amount > 0 {
		line(i18n.SummaryAmount, s.Amount)
	}
	if s.Waits > 0 {
		line(i18n.SummaryWaits, s.Waits, s.Waited.Round(time.Millisecond))
	}
	if s.WaitsOverMax > 0 {
		line(i18n.SummaryWaitsOverMax, s.WaitsOverMax)
	}
	if s.Output != "" {
		line(i18n.SummaryResultSheet, s.Output)
	}
	if s.RunID != "" {
		line(i18n.SummaryRun, s.RunID)
	}
	if s.LedgerCreated {
		line(i18n.SummaryLedgerCreated, s.Ledger)
	}
	if s.Fatal != nil {
		line(i18n.SummaryStopped, s.Fatal)
	}
	if s.Interrupted {
		line(i18n.SummaryInterrupted, s.Counts[StatusNotSent])
	}
	if bad := s.notOK(p); bad != "" {
		line(i18n.SummaryLookAt, bad)
	}
}

// notOK lists the counts of the statuses that are not a success, in p's
// language.
func (s *Summary) notOK(p *i18n.Printer) string {
	var parts []string
	for _, st := range Statuses {
		if n := s.Counts[st]; n > 0 && !st.good(s.DryRun) {
			parts = append(parts, p.Sprintf(i18n.SummaryLookAtPart, n, st))
		}
	}
	return strings.Join(parts, p.Sprintf(i18n.ListSeparator))
}

// SummaryJSON is what --summary-json writes for cron and monitoring.
type SummaryJSON struct {
	RunID    string         `json:"run_id"`
	Input    string         `json:"input"`
	Output   string         `json:"output"`
	Provider string         `json:"provider"`
	DryRun   bool           `json:"dry_run"`
	Rows     int            `json:"rows"`
	Counts   map[Status]int `json:"counts"`
	Orders   int            `json:"orders"`
	Requests int            `json:"requests"`
	// Recovered counts orders of earlier runs resent with their original ids.
	Recovered int `json:"recovered_orders"`
	// Amount is the total charged for this run's ok rows where the provider
	// reports it (damaijia 点券), else 0.
	Amount         int64   `json:"amount"`
	ElapsedSeconds float64 `json:"elapsed_seconds"`
	// RequestsPerSecond is the achieved request rate.
	RequestsPerSecond float64 `json:"requests_per_second"`
	ExitCode          int     `json:"exit_code"`
	// Waits counts the provider's Retry-After pauses honoured, WaitSeconds
	// their total length, WaitsOverMax those refused as longer than
	// --max-wait (their orders failed).
	Waits        int     `json:"waits"`
	WaitSeconds  float64 `json:"wait_seconds"`
	WaitsOverMax int     `json:"waits_over_max"`
	// LedgerCreated is true when the run created its ledger.
	LedgerCreated bool `json:"ledger_created"`
	// Retry marks a run of "orderimport retry"; CarriedOver counts the rows
	// its sheet says were created, carried over as ok and not sent again.
	Retry       bool   `json:"retry"`
	CarriedOver int    `json:"carried_over"`
	Fatal       string `json:"fatal,omitempty"`
	Interrupted bool   `json:"interrupted"`
	Error       string `json:"error,omitempty"`
}

// JSON returns the machine-readable summary; exit is the process's exit
// code and err the run's error, if any. Every status has a count, zero
// included.
func (s *Summary) JSON(exit int, err error) SummaryJSON {
	j := SummaryJSON{RunID: s.RunID, Input: s.Input, Output: s.Output, Provider: s.Provider, DryRun: s.DryRun,
		Rows: s.Rows, Counts: map[Status]int{}, Orders: s.Orders, Requests: s.Requests, Recovered: s.Recovered,
		Amount: s.Amount, ElapsedSeconds: s.Elapsed.Seconds(), RequestsPerSecond: s.AchievedRate(),
		ExitCode: exit, Interrupted: s.Interrupted, LedgerCreated: s.LedgerCreated, Retry: s.Retry, CarriedOver: s.Carried,
		Waits: s.Waits, WaitSeconds: s.Waited.Seconds(), WaitsOverMax: s.WaitsOverMax}
	for _, st := range Statuses {
		j.Counts[st] = s.Counts[st]
	}
	if s.Fatal != nil {
		j.Fatal = s.Fatal.Error()
	}
	if err != nil {
		j.Error = err.Error()
	}
	return j
}
