package importer

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"orderimport/importer/ledger"
)

// The history of runs ("orderimport history"), read from the ledger: the
// list of runs (History), one run (HistoryRun), and every row a run
// claimed exported as typed CSV records (history_csv.go: ExportRunCSV,
// WriteRunCSV). The functions take an open ledger and return plain
// values, for the CLI and for any other reader (a web page).

// RunSummary is one run of the history, as "history --json" prints it.
type RunSummary struct {
	ID string `json:"run_id"`
	// Started and Ended are RFC 3339 times; Ended is "" when the run
	// recorded no end.
	Started string `json:"started"`
	Ended   string `json:"ended,omitempty"`
	// State is finished, running or died (never recorded its end: killed).
	State       string `json:"state"`
	Interrupted bool   `json:"interrupted"`
	// ExitCode is the run's exit code; nil when it recorded none.
	ExitCode *int   `json:"exit_code"`
	Input    string `json:"input"`
	Output   string `json:"output,omitempty"`
	Provider string `json:"provider,omitempty"`
	Account  string `json:"account,omitempty"`
	Host     string `json:"host"`
	PID      int    `json:"pid"`
	// Rows and Counts are the input's rows and the rows per status the run
	// reported at its end (every status, zero included); Counts is nil when
	// it reported none.
	Rows   int            `json:"rows"`
	Counts map[string]int `json:"counts"`
	// Sent counts the rows the run claimed, per ledger state (claimed: no
	// outcome recorded).
	Sent map[string]int `json:"sent"`
}

// History returns the runs of the ledger that started at or after since
// (zero: all), oldest first.
func History(ctx context.Context, led *ledger.Ledger, since time.Time) ([]RunSummary, error) {
	runs, err := led.History(ctx, since)
	if err != nil {
		return nil, err
	}
	out := make([]RunSummary, len(runs))
	for i, r := range runs {
		out[i] = runSummary(r)
	}
	return out, nil
}

// HistoryRun returns run id; an unknown id is an error wrapping
// ledger.ErrNoRun.
func HistoryRun(ctx context.Context, led *ledger.Ledger, id string) (RunSummary, error) {
	r, err := led.RunByID(ctx, id)
	if err != nil {
		return RunSummary{}, err
	}
	return runSummary(r), nil
}

// runSummary turns the ledger's record of a run into a RunSummary.
func runSummary(r ledger.RunRecord) RunSummary {
	s := RunSummary{ID: r.ID, Started: r.Started.Format(time.RFC3339), State: string(r.State), Interrupted: r.Interrupted,
		Input: r.Input, Output: r.Output, Provider: r.Provider, Account: r.Account, Host: r.Host, PID: r.PID,
		Rows: r.Rows, Sent: r.Sent}
	if r.State == ledger.RunFinished {
		code := r.ExitCode
		s.ExitCode, s.Ended = &code, r.Ended.Format(time.RFC3339)
	}
	if r.Counts != nil {
		s.Counts = map[string]int{}
		for _, st := range Statuses {
			s.Counts[string(st)] = r.Counts[string(st)]
		}
		maps.Copy(s.Counts, r.Counts)
	}
	return s
}

// stateWord is how the text history names a run's end.
func (s RunSummary) stateWord() string {
	switch {
	case s.State == string(ledger.RunFinished) && s.Interrupted:
		return "interrupted"
	case s.State == string(ledger.RunDied):
		return "died (killed?)"
	}
	return s.State
}

// countsText lists the non-zero counts of a run: its statuses when it
// reported them, else the states of the rows it claimed.
func (s RunSummary) countsText() string {
	var parts []string
	if s.Counts != nil {
		for _, st := range Statuses {
			if n := s.Counts[string(st)]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", st, n))
			}
		}
		return strings.Join(parts, ", ")
	}
	for _, st := range slices.Sorted(maps.Keys(s.Sent)) {
		parts = append(parts, fmt.Sprintf("%s %d", st, s.Sent[st]))
	}
	if len(parts) == 0 {
		return "-"
	}
	return "sent: " + strings.Join(parts, ", ")
}

// PrintHistory writes runs as a table, one line a run.
func PrintHistory(w io.Writer, runs []RunSummary) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSTARTED\tSTATE\tEXIT\tPROVIDER/ACCOUNT\tROWS\tCOUNTS\tINPUT")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", r.ID, localTime(r.Started), r.stateWord(), exitText(r.ExitCode),
			accountText(r), r.Rows, r.countsText(), r.Input)
	}
	return tw.Flush()
}

// PrintRun writes one run, a field a line.
func PrintRun(w io.Writer, r RunSummary) {
	fmt.Fprintf(w, "run %s\n", r.ID)
	fmt.Fprintf(w, "  started   %s on %s (pid %d)\n", localTime(r.Started), r.Host, r.PID)
	if r.Ended != "" {
		fmt.Fprintf(w, "  ended     %s, exit code %s\n", localTime(r.Ended), exitText(r.ExitCode))
	}
	fmt.Fprintf(w, "  state     %s\n", r.stateWord())
	fmt.Fprintf(w, "  input     %s\n", r.Input)
	if r.Output != "" {
		fmt.Fprintf(w, "  output    %s\n", r.Output)
	}
	fmt.Fprintf(w, "  provider  %s\n", accountText(r))
	fmt.Fprintf(w, "  rows      %d: %s\n", r.Rows, r.countsText())
	var sent []string
	for _, st := range slices.Sorted(maps.Keys(r.Sent)) {
		sent = append(sent, fmt.Sprintf("%s %d", st, r.Sent[st]))
	}
	if len(sent) > 0 {
		fmt.Fprintf(w, "  sent      %s (history %s --csv FILE lists them)\n", strings.Join(sent, ", "), r.ID)
	}
}

// localTime shows an RFC 3339 time in local time, to the second.
func localTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Local().Format(time.DateTime)
}

func exitText(code *int) string {
	if code == nil {
		return "-"
	}
	return fmt.Sprint(*code)
}

func accountText(r RunSummary) string {
	switch {
	case r.Provider == "":
		return "-"
	case r.Account == "":
		return r.Provider
	}
	return r.Provider + "/" + r.Account
}
