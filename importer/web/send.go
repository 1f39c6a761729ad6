package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"orderimport/importer"
	"orderimport/importer/i18n"
	"orderimport/importer/ledger"
	"orderimport/providers"
	"orderimport/providers/all"
)

// run is one send (an import or a retry) under way or finished.
type run struct {
	ID       string
	UploadID string
	Name     string // the input's display name
	Retry    bool
	account  string
	input    string
	output   string
	rate     float64
	workers  int
	cancel   context.CancelFunc
	done     chan struct{}
	started  time.Time
	col      *collector
	requests atomic.Int64
	stopping atomic.Bool

	mu       sync.Mutex
	finished time.Time
	sum      *importer.Summary
	exit     int
	err      string
}

// handleSend starts sending an upload: the token typed into the page, if
// any, is kept in memory for the next runs too.
func (s *Server) handleSend(w http.ResponseWriter, r *http.Request) {
	up := s.getUpload(w, r)
	if up == nil {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	_ = r.ParseForm()
	lang := s.lang(r)
	if t := strings.TrimSpace(r.PostFormValue("token")); t != "" && !s.cfg.Sandbox {
		s.mu.Lock()
		s.token, s.tokenSource = t, i18n.Sprintf(lang, i18n.WebTokenTyped)
		s.mu.Unlock()
	}
	rate, workers, err := sendLimits(r, s.cfg)
	if err != nil {
		s.checkError(w, r, up, i18n.Sprintf(lang, i18n.WebBadLimits, err.Error()))
		return
	}
	rn, err := s.startRun(lang, up, up.Path, up.Name, false, rate, workers)
	if err != nil {
		s.checkError(w, r, up, err.Error())
		return
	}
	see(w, r, "/runs/"+rn.ID)
}

// checkError shows the check page again with a one-line problem.
func (s *Server) checkError(w http.ResponseWriter, r *http.Request, up *upload, msg string) {
	res := up.checked()
	if res == nil {
		s.renderMap(w, r, up, http.StatusUnprocessableEntity, msg)
		return
	}
	v := s.newView(r, s.checkPage(up, res, 1))
	v.Error = msg
	s.render(w, r, http.StatusUnprocessableEntity, "check", v)
}

// sendLimits reads rate and workers from the send form, refused as the
// command line refuses --rate and --workers.
func sendLimits(r *http.Request, cfg Config) (float64, int, error) {
	rate, workers := cfg.Rate, cfg.Workers
	if v := strings.TrimSpace(r.PostFormValue("rate")); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f != f {
			return 0, 0, fmt.Errorf("rate %q", v)
		}
		rate = f
	}
	if v := strings.TrimSpace(r.PostFormValue("workers")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 64 {
			return 0, 0, fmt.Errorf("workers %q", v)
		}
		workers = n
	}
	return rate, workers, nil
}

// errBusy is a second run for an account that has one under way.
type errBusy struct{ run *run }

func (e errBusy) Error() string { return "a run is under way: " + e.run.ID }

// startRun sends input (the upload, or a result sheet fed back in with
// retry) in the background, through importer.Run with the ledger, as
// "orderimport import" does. One run at a time per account: a second one
// is the first (the page shows its progress).
func (s *Server) startRun(lang i18n.Lang, up *upload, input, name string, retry bool, rate float64, workers int) (*run, error) {
	o, err := s.options(up, input, false)
	if err != nil {
		return nil, errors.New(s.fileMessage(lang, up, err))
	}
	if retry {
		o.Retry, o.Output = true, importer.DefaultOutput(input, true, false)
	}
	account, err := ledger.CanonicalHost(s.baseURLOf(up.Provider))
	if err != nil {
		account = s.baseURLOf(up.Provider)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur := s.active[account]; cur != nil {
		return cur, nil
	}
	if s.token == "" {
		return nil, errors.New(i18n.Sprintf(lang, i18n.WebNoToken))
	}
	rn := &run{ID: newID(), UploadID: up.ID, Name: name, Retry: retry, account: account, input: input, output: o.Output,
		done: make(chan struct{}), started: time.Now(), col: newCollector(false, lang), rate: rate, workers: workers}
	client := countingClient(&rn.requests)
	entry, err := all.Lookup(up.Provider)
	if err != nil {
		return nil, err
	}
	o.Account = s.baseURLOf(up.Provider)
	if o.Provider, err = entry.New(providers.Config{BaseURL: o.Account, Token: s.token, HTTPClient: client, UserAgent: "orderimport"}, 0); err != nil {
		return nil, errors.New(s.fileMessage(lang, up, err))
	}
	if providers.PlainHTTPRemote(o.Account) {
		s.cfg.Log.Warn("the token is sent over plain HTTP (not encrypted) to another machine: anyone on the way can read it; "+
			"use an https:// --base-url if the provider offers one", "base_url", o.Account)
	}
	o.Rate, o.Workers, o.Progress, o.Lang = rate, workers, rn.col.start, lang
	ctx, cancel := context.WithCancel(context.Background())
	rn.cancel = cancel
	s.runs[rn.ID], s.active[account] = rn, rn
	go s.execute(ctx, rn, o)
	s.cfg.Log.Info("web: run started", "run", rn.ID, "upload", up.ID, "retry", retry, "rate", rate, "workers", workers)
	return rn, nil
}

// baseURLOf is where a provider's runs send.
func (s *Server) baseURLOf(provider string) string {
	if s.baseURL != "" {
		return s.baseURL
	}
	if e, err := all.Lookup(provider); err == nil {
		return e.DefaultBaseURL
	}
	return ""
}

// execute runs o with the ledger open for it, then records the outcome.
func (s *Server) execute(ctx context.Context, rn *run, o importer.Options) {
	defer close(rn.done)
	defer rn.cancel()
	var sum *importer.Summary
	path, err := s.ledgerPath()
	var led *ledger.Ledger
	var end func(int)
	if err == nil {
		led, end, err = ledger.OpenRun(context.WithoutCancel(ctx), path, false, o.Input, s.cfg.Log)
		if err != nil {
			err = importer.LedgerError(path, err)
		}
	}
	if end == nil {
		end = func(int) {}
	}
	if err == nil {
		o.Ledger = led
		sum, err = importer.Run(ctx, o)
	}
	code := importer.RunExitCode(sum, err)
	end(code)
	rn.mu.Lock()
	rn.finished, rn.sum, rn.exit = time.Now(), sum, code
	if err != nil {
		rn.err = err.Error()
	}
	rn.mu.Unlock()
	s.mu.Lock()
	if s.active[rn.account] == rn {
		delete(s.active, rn.account)
	}
	s.mu.Unlock()
	s.cfg.Log.Info("web: run finished", "run", rn.ID, "exit", code)
}

// countingClient is an HTTP client that counts the requests it sends (the
// page's requests per second), with as many idle connections as the
// providers' own client keeps.
func countingClient(n *atomic.Int64) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = 256, 256
	return &http.Client{Transport: countingTransport{base: t, n: n}}
}

type countingTransport struct {
	base http.RoundTripper
	n    *atomic.Int64
}

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.base.RoundTrip(r)
}

// getRun returns the run named in the request's path, or answers 404.
func (s *Server) getRun(w http.ResponseWriter, r *http.Request) *run {
	s.mu.Lock()
	rn := s.runs[r.PathValue("id")]
	s.mu.Unlock()
	if rn == nil {
		s.refuse(w, r, http.StatusNotFound, i18n.WebNoSuchRun)
	}
	return rn
}

// handleStop stops a run as Ctrl-C does: no new request starts, the
// requests under way finish, the result sheet is written, the rest of the
// rows are not_sent.
func (s *Server) handleStop(w http.ResponseWriter, r *http.Request) {
	rn := s.getRun(w, r)
	if rn == nil {
		return
	}
	rn.stopping.Store(true)
	rn.cancel()
	s.cfg.Log.Info("web: stop asked", "run", rn.ID)
	if r.Header.Get("Accept") == "application/json" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	see(w, r, "/runs/"+rn.ID)
}
