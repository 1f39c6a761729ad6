package web

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"orderimport/importer"
	"orderimport/importer/i18n"
	"orderimport/importer/ledger"
)

// historyData is the history page: the ledger's runs, newest first.
type historyData struct {
	Runs []historyRun
}

// historyRun is one run of the history.
type historyRun struct {
	ID, Started, Name, Provider, State string
	Counts                             []countView
	Rows                               int
	Exit                               string
	Sheet                              bool
}

// handleHistory lists the runs the ledger knows (importer.History, as
// "orderimport history" lists them), each with its result sheet while the
// workspace keeps it.
func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request) {
	runs, err := s.history(r.Context())
	v := s.newView(r, &historyData{})
	if err != nil {
		v.Error = err.Error()
		s.render(w, r, http.StatusOK, "history", v)
		return
	}
	d := &historyData{}
	for _, rs := range slices.Backward(runs) {
		d.Runs = append(d.Runs, s.historyRun(s.lang(r), rs))
	}
	v.Data = d
	s.render(w, r, http.StatusOK, "history", v)
}

// history reads the runs from the ledger (none when there is no ledger
// yet).
func (s *Server) history(ctx context.Context) ([]importer.RunSummary, error) {
	path, err := s.ledgerPath()
	if err != nil {
		return nil, err
	}
	led, err := ledger.OpenExisting(ctx, path)
	if errors.Is(err, ledger.ErrNoLedger) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer led.Close()
	return importer.History(ctx, led, time.Time{})
}

func (s *Server) historyRun(lang i18n.Lang, rs importer.RunSummary) historyRun {
	h := historyRun{ID: rs.ID, Started: rs.Started, Provider: rs.Provider, Rows: rs.Rows, State: rs.State}
	if t, err := time.Parse(time.RFC3339, rs.Started); err == nil {
		h.Started = t.Local().Format("2006-01-02 15:04:05")
	}
	h.Name = filepath.Base(rs.Input)
	if s.ws.contains(rs.Input) {
		if n := s.ws.name(idOf(rs.Input)); n != "" {
			h.Name = n
		}
	}
	byStatus := map[importer.Status]int{}
	for st, n := range rs.Counts {
		byStatus[importer.Status(st)] = n
	}
	h.Counts = counts(byStatus)
	switch {
	case rs.Interrupted:
		h.State = i18n.Sprintf(lang, i18n.WebStateInterrupted)
	case rs.State == "died":
		h.State = i18n.Sprintf(lang, i18n.WebStateDied)
	case rs.State == "running":
		h.State = i18n.Sprintf(lang, i18n.WebStateRunning)
	default:
		h.State = i18n.Sprintf(lang, i18n.WebStateFinished)
	}
	if rs.ExitCode != nil {
		h.Exit = strconv.Itoa(*rs.ExitCode)
	}
	if rs.Output != "" && s.ws.contains(rs.Output) {
		if _, err := os.Stat(rs.Output); err == nil {
			h.Sheet = true
		}
	}
	return h
}

// idOf is the upload id of a workspace file (its name up to the first dot).
func idOf(path string) string {
	base := filepath.Base(path)
	if i := strings.IndexByte(base, '.'); i > 0 {
		return base[:i]
	}
	return base
}

// handleHistorySheet downloads the result sheet of a run of the history
// while the workspace keeps it.
func (s *Server) handleHistorySheet(w http.ResponseWriter, r *http.Request) {
	runs, err := s.history(r.Context())
	if err != nil {
		s.refuse(w, r, http.StatusInternalServerError, i18n.WebSheetGone)
		return
	}
	for _, rs := range runs {
		if rs.ID != r.PathValue("id") {
			continue
		}
		if rs.Output == "" || !s.ws.contains(rs.Output) {
			break
		}
		name := filepath.Base(rs.Output)
		if n := s.ws.name(idOf(rs.Input)); n != "" {
			name = stem(n) + ".result" + extOf(rs.Output)
		}
		s.download(w, r, rs.Output, name)
		return
	}
	s.refuse(w, r, http.StatusNotFound, i18n.WebSheetGone)
}
