package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"orderimport/importer/ledger"
	"orderimport/providers/sandbox"
)

// Server is the web page of "orderimport serve". Make it with New, serve
// its Handler, Close it at the end.
type Server struct {
	cfg     Config
	ws      *workspace
	pages   *pages
	baseURL string // where runs send
	sandbox *sandbox.Listening

	mu    sync.Mutex
	token string // the API token; never rendered, logged or written
	// tokenSource says where the token came from (ORDERIMPORT_TOKEN,
	// --token-file, the page), for the send form.
	tokenSource string
	uploads     map[string]*upload // by id
	order       []string           // upload ids, oldest first
	runs        map[string]*run    // by id
	active      map[string]*run    // the run under way, by account
	stop        chan struct{}
	swept       sync.WaitGroup
}

// New prepares a server: the workspace, and the in-process sandbox when
// cfg.Sandbox is set.
func New(cfg Config) (*Server, error) {
	cfg.setDefaults()
	ws, err := openWorkspace(cfg.Workspace, cfg.Retention, cfg.Log)
	if err != nil {
		return nil, err
	}
	pg, err := loadPages()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, ws: ws, pages: pg, token: cfg.Token, tokenSource: cfg.TokenSource, baseURL: cfg.BaseURL,
		uploads: map[string]*upload{}, runs: map[string]*run{}, active: map[string]*run{}, stop: make(chan struct{})}
	if cfg.Sandbox {
		opts := cfg.SandboxOptions
		if opts.Token == "" {
			opts.Token = sandbox.DefaultToken
		}
		if s.sandbox, err = sandbox.Listen("127.0.0.1:0", opts); err != nil {
			return nil, err
		}
		s.baseURL, s.token = s.sandbox.URL, opts.Token
		if s.cfg.Ledger == "" {
			s.cfg.Ledger = filepath.Join(ws.dir, "sandbox-ledger.db")
		}
		cfg.Log.Info("sandbox started: runs send to it, not to the provider", "base_url", s.baseURL)
	}
	s.swept.Add(1)
	go s.sweepLoop()
	return s, nil
}

// sweepLoop removes expired workspace files now and every hour.
func (s *Server) sweepLoop() {
	defer s.swept.Done()
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		s.ws.sweep(time.Now(), s.inUse)
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
	}
}

// inUse reports whether a workspace file belongs to a run under way.
func (s *Server) inUse(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.active {
		if filepath.Dir(path) == s.ws.dir && (path == r.input || path == r.output) {
			return true
		}
	}
	return false
}

// Close stops the runs under way (as Ctrl-C does: requests under way
// finish, their result sheets are written), waits for them, and stops the
// sandbox.
func (s *Server) Close() error {
	s.stopRuns()
	close(s.stop)
	s.swept.Wait()
	if s.sandbox != nil {
		return s.sandbox.Close()
	}
	return nil
}

// stopRuns stops the runs under way and waits for them: their event
// streams end with them.
func (s *Server) stopRuns() {
	s.mu.Lock()
	runs := make([]*run, 0, len(s.active))
	for _, r := range s.active {
		runs = append(runs, r)
	}
	s.mu.Unlock()
	for _, r := range runs {
		r.stopping.Store(true)
		r.cancel()
		<-r.done
	}
}

// BaseURL is where runs send: the sandbox's URL with Config.Sandbox.
func (s *Server) BaseURL() string { return s.baseURL }

// Serve serves the page on ln until ctx is done, then shuts the listener
// down and waits for the runs (Close).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return errors.Join(err, s.Close())
	case <-ctx.Done():
	}
	s.stopRuns() // first: the event streams end with their runs
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	return s.Close()
}

// ledgerPath is the ledger runs use and the history reads.
func (s *Server) ledgerPath() (string, error) {
	if s.cfg.Ledger != "" {
		return s.cfg.Ledger, nil
	}
	return ledger.DefaultPath()
}

// Handler returns the page's HTTP handler with its guards: the Host check,
// the password, and cross-origin protection of writes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("GET /{$}", s.handleHome)
	mux.HandleFunc("POST /upload", s.handleUpload)
	mux.HandleFunc("GET /u/{id}/map", s.handleMap)
	mux.HandleFunc("POST /u/{id}/map", s.handleMapPost)
	mux.HandleFunc("GET /u/{id}/mapping.yaml", s.handleMappingYAML)
	mux.HandleFunc("POST /u/{id}/mapping", s.handleMappingUpload)
	mux.HandleFunc("GET /u/{id}/check", s.handleCheck)
	mux.HandleFunc("GET /u/{id}/checked", s.handleChecked)
	mux.HandleFunc("POST /u/{id}/send", s.handleSend)
	mux.HandleFunc("GET /runs/{id}", s.handleRun)
	mux.HandleFunc("GET /runs/{id}/events", s.handleEvents)
	mux.HandleFunc("POST /runs/{id}/stop", s.handleStop)
	mux.HandleFunc("GET /runs/{id}/result", s.handleResult)
	mux.HandleFunc("POST /runs/{id}/retry", s.handleRetry)
	mux.HandleFunc("GET /history", s.handleHistory)
	mux.HandleFunc("GET /history/{id}/sheet", s.handleHistorySheet)
	return s.guard(mux)
}
