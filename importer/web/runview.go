package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"orderimport/importer"
	"orderimport/importer/i18n"
)

// runView is a run's progress, as the page and its event stream show it.
type runView struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Retry    bool    `json:"retry"`
	Total    int     `json:"total"`
	Done     int     `json:"done"`
	OK       int     `json:"ok"`
	NotOK    int     `json:"not_ok"`
	Requests int64   `json:"requests"`
	RPS      float64 `json:"rps"`
	ETA      float64 `json:"eta_seconds"` // -1: unknown
	Elapsed  float64 `json:"elapsed_seconds"`
	Stopping bool    `json:"stopping"`
	Finished bool    `json:"finished"`
	// Percent is Done of Total, 0..100.
	Percent int `json:"percent"`
}

// view returns the run's progress now.
func (rn *run) view() *runView {
	done, total, cnt := rn.col.snapshot()
	v := &runView{ID: rn.ID, Name: rn.Name, Retry: rn.Retry, Total: total, Done: done, Requests: rn.requests.Load(),
		Stopping: rn.stopping.Load(), ETA: -1}
	for st, n := range cnt {
		if st == importer.StatusOK || st == importer.StatusSkipped {
			v.OK += n
		} else {
			v.NotOK += n
		}
	}
	rn.mu.Lock()
	end := rn.finished
	rn.mu.Unlock()
	v.Finished = !end.IsZero()
	if end.IsZero() {
		end = time.Now()
	}
	elapsed := end.Sub(rn.started).Seconds()
	v.Elapsed = elapsed
	if elapsed > 0 {
		v.RPS = float64(v.Requests) / elapsed
		if rowRate := float64(done) / elapsed; rowRate > 0 && total > done && !v.Finished {
			v.ETA = float64(total-done) / rowRate
		}
	}
	if total > 0 {
		v.Percent = min(100, done*100/total)
	}
	if v.Finished {
		v.Percent = 100
	}
	return v
}

// activeView is the run under way, if any (the banner of every page: a
// second tab sees the first tab's run).
func (s *Server) activeView() *runView {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rn := range s.active {
		return rn.view()
	}
	return nil
}

// runData is the run page.
type runData struct {
	Run    *runView
	Result *resultView
}

// resultView is a finished run's summary.
type resultView struct {
	Counts      []countView
	Rows        int
	Orders      int
	Requests    int
	RPS         float64
	Elapsed     string
	Interrupted bool
	NotSent     int
	Fatal       string
	Error       string
	Exit        int
	RunID       string
	Sheet       bool
}

// handleRun shows a run: its live progress, or its result.
func (s *Server) handleRun(w http.ResponseWriter, r *http.Request) {
	rn := s.getRun(w, r)
	if rn == nil {
		return
	}
	d := &runData{Run: rn.view(), Result: rn.result()}
	s.render(w, r, http.StatusOK, "run", s.newView(r, d))
}

// result is the summary of a finished run, nil before.
func (rn *run) result() *resultView {
	rn.mu.Lock()
	defer rn.mu.Unlock()
	if rn.finished.IsZero() {
		return nil
	}
	res := &resultView{Exit: rn.exit, Error: rn.err}
	if sum := rn.sum; sum != nil {
		res.Counts, res.Rows, res.Orders, res.Requests = counts(sum.Counts), sum.Rows, sum.Orders, sum.Requests
		res.Elapsed, res.Interrupted, res.RunID = sum.Elapsed.Round(time.Millisecond).String(), sum.Interrupted, sum.RunID
		res.NotSent, res.RPS = sum.Counts[importer.StatusNotSent], sum.AchievedRate()
		if sum.Fatal != nil {
			res.Fatal = sum.Fatal.Error()
		}
	}
	if _, err := os.Stat(rn.output); err == nil && rn.sum != nil {
		res.Sheet = true
	}
	return res
}

// handleEvents streams a run's progress as Server-Sent Events: a
// "progress" event a few times a second, and "done" at its end.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	rn := s.getRun(w, r)
	if rn == nil {
		return
	}
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-rn.done:
			writeEvent(w, "done", rn.view())
			fl.Flush()
			return
		case <-tick.C:
			writeEvent(w, "progress", rn.view())
			fl.Flush()
		}
	}
}

// progressEvery is how often the event stream sends progress.
const progressEvery = 250 * time.Millisecond

func writeEvent(w io.Writer, event string, v any) {
	data, _ := json.Marshal(v)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data)
}

// handleResult downloads a finished run's result sheet.
func (s *Server) handleResult(w http.ResponseWriter, r *http.Request) {
	rn := s.getRun(w, r)
	if rn == nil {
		return
	}
	select {
	case <-rn.done:
	default:
		s.refuse(w, r, http.StatusConflict, i18n.WebRunNotFinished)
		return
	}
	s.download(w, r, rn.output, stem(rn.Name)+".result"+extOf(rn.output))
}

// handleRetry is "fix and send again": the merchant uploads the result
// sheet they edited; it is sent as "orderimport retry" sends it (the rows
// not ok, the ok ones carried over) with the mapping of the run's upload.
func (s *Server) handleRetry(w http.ResponseWriter, r *http.Request) {
	rn := s.getRun(w, r)
	if rn == nil {
		return
	}
	s.mu.Lock()
	up := s.uploads[rn.UploadID]
	s.mu.Unlock()
	lang := s.lang(r)
	fail := func(code int, msg string) {
		v := s.newView(r, &runData{Run: rn.view(), Result: rn.result()})
		v.Error = msg
		s.render(w, r, code, "run", v)
	}
	if up == nil {
		fail(http.StatusNotFound, i18n.Sprintf(lang, i18n.WebNoSuchUpload))
		return
	}
	sheet, code, msg := s.receiveFile(w, r)
	if msg != "" {
		fail(code, msg)
		return
	}
	if err := importer.CheckResultSheet(sheet.Path); err != nil {
		s.discard(sheet)
		fail(http.StatusUnprocessableEntity, s.fileMessage(lang, sheet, err))
		return
	}
	next, err := s.startRun(lang, up, sheet.Path, sheet.Name, true, rn.rate, rn.workers)
	if err != nil {
		s.discard(sheet)
		fail(http.StatusUnprocessableEntity, err.Error())
		return
	}
	if next.input != sheet.Path { // another run was under way: the page shows it
		s.discard(sheet)
	}
	see(w, r, "/runs/"+next.ID)
}
