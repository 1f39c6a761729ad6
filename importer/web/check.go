package web

import (
	"context"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"orderimport/importer"
	"orderimport/importer/i18n"
	"orderimport/importer/sheet"
)

// checkResult is the dry run of an upload: counts per status and the rows
// that will not be sent.
type checkResult struct {
	Rows     int
	Counts   map[importer.Status]int
	Problems []problem
	Output   string // the checked sheet (NAME.dryrun.ext)
	Elapsed  time.Duration
}

// problem is one row that will not be sent, or a row with a warning.
type problem struct {
	Line   int
	Status importer.Status
	Column string // "C (手机)"; "" for a problem of the whole row
	Msg    string
}

// collector is the dry run's (and a send's) importer.RowProgress: it
// counts the rows per status and keeps the rows that will not be sent
// (all but ready and ok: invalid ones, and skipped ones with the reason),
// with their problems.
type collector struct {
	mu       sync.Mutex
	total    int
	done     int
	counts   map[importer.Status]int
	problems []problem
	keep     bool // keep the problems (a check; a send has the result sheet)
	lang     i18n.Lang
}

// newCollector counts rows; keep says to keep the problems of rows, whose
// errors are written in lang.
func newCollector(keep bool, lang i18n.Lang) *collector {
	return &collector{counts: map[importer.Status]int{}, keep: keep, total: -1, lang: lang}
}

// Done counts a row (the importer calls RowDone instead).
func (c *collector) Done(st importer.Status) { c.RowDone(0, importer.RowResult{Status: st}) }

// RowDone counts a row and keeps its problems.
func (c *collector) RowDone(line int, res importer.RowResult) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done++
	c.counts[res.Status]++
	if !c.keep {
		return
	}
	switch res.Status {
	case importer.StatusReady, importer.StatusOK:
		return // sent (a warning does not stop a row)
	}
	c.problems = append(c.problems, splitProblems(line, res, c.lang)...)
}

// start is Options.Progress: total is the rows of the file (-1: not
// counted, a dry run).
func (c *collector) start(total int) importer.Progress {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.total = total
	return c
}

// Finish is the end of the rows.
func (c *collector) Finish() {}

// snapshot returns rows done and the counts so far.
func (c *collector) snapshot() (int, int, map[importer.Status]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	counts := make(map[importer.Status]int, len(c.counts))
	for k, v := range c.counts {
		counts[k] = v
	}
	return c.done, c.total, counts
}

// located matches one located problem of the error column, in English
// ("row 12, column C (手机): mobile: ...") and in Chinese ("第 12 行，C 列
// （手机）：mobile：..."): the messages ValAtCell, ValAtColumn, ValAtConstant
// and ValAtRow of the catalog.
var located = []*regexp.Regexp{
	regexp.MustCompile(`^row (\d+)(?:, column ([A-Z]+)(?: \(([^)]*)\))?|, constant)?: (.*)$`),
	regexp.MustCompile(`^第 (\d+) 行(?:，([A-Z]+) 列(?:（([^）]*)）)?|，常量)?：(.*)$`),
}

// splitProblems turns a row's error cell (written in lang) into one
// problem per located message, or one for the whole row.
func splitProblems(line int, res importer.RowResult, lang i18n.Lang) []problem {
	msg := res.Error
	if msg == "" {
		msg = strings.TrimSpace(strings.Join(nonEmpty(res.MsgCode, res.Msg), " "))
	}
	var out []problem
	for _, part := range strings.Split(msg, i18n.Sprintf(lang, i18n.ProblemSeparator)) {
		p := problem{Line: line, Status: res.Status, Msg: part}
		for _, re := range located {
			if m := re.FindStringSubmatch(part); m != nil {
				p.Column, p.Msg = m[2], m[4]
				if m[3] != "" {
					p.Column += " (" + m[3] + ")"
				}
				if n, err := strconv.Atoi(m[1]); err == nil && line == 0 {
					p.Line = n
				}
				break
			}
		}
		out = append(out, p)
	}
	return out
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// runCheck runs the dry run of up through importer.Run, as "import
// --dry-run" does, into the workspace; it returns the one-line refusal of
// a file or mapping the run refuses.
func (s *Server) runCheck(ctx context.Context, lang i18n.Lang, up *upload) string {
	o, err := s.options(up, up.Path, true)
	if err != nil {
		return s.fileMessage(lang, up, err)
	}
	o.Lang = lang
	col := newCollector(true, lang)
	o.Progress = col.start
	start := time.Now()
	sum, err := importer.Run(ctx, o)
	if err != nil {
		_ = os.Remove(o.Output)
		return s.fileMessage(lang, up, err)
	}
	res := &checkResult{Rows: sum.Rows, Counts: sum.Counts, Problems: col.problems, Output: o.Output, Elapsed: time.Since(start)}
	up.mu.Lock()
	up.check = res
	up.mu.Unlock()
	s.cfg.Log.Info("web: checked", "upload", up.ID, "rows", sum.Rows, "elapsed", res.Elapsed.Round(time.Millisecond))
	return ""
}

// options are the importer options of a run over input: the upload's
// mapping and provider, the header row the page found; a dry run never
// sends and needs no token.
func (s *Server) options(up *upload, input string, dryRun bool) (importer.Options, error) {
	m, err := up.mapping()
	if err != nil {
		return importer.Options{}, err
	}
	prov, err := offlineProvider(up.Provider)
	if err != nil {
		return importer.Options{}, err
	}
	return importer.Options{Input: input, Output: importer.DefaultOutput(input, false, dryRun),
		Read:         sheet.Options{HeaderRow: up.HeaderLine},
		ProviderName: up.Provider, Provider: prov, Mapping: m, DryRun: dryRun, Log: s.cfg.Log}, nil
}

// pageRows is how many problems one page of the check's table shows.
const pageRows = 100

// checkData is the check page.
type checkData struct {
	ID, Name, Provider string
	Rows               int
	Counts             []countView
	Problems           []problem
	Page, Pages        int
	First, Total       int
	Elapsed            string
	TokenNeeded        bool
	TokenSource        string
	Rate               float64
	Workers            int
	BaseURL            string
}

// countView is one status's count.
type countView struct {
	Status string
	N      int
	Good   bool
}

// handleCheck shows the dry run's counts and a page of its problems.
func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	up, res := s.getChecked(w, r)
	if res == nil {
		return
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	s.render(w, r, http.StatusOK, "check", s.newView(r, s.checkPage(up, res, page)))
}

// getChecked finds the upload of the request and its dry run; without a
// dry run yet it sends the browser to the map page and returns a nil result.
func (s *Server) getChecked(w http.ResponseWriter, r *http.Request) (*upload, *checkResult) {
	up := s.getUpload(w, r)
	if up == nil {
		return nil, nil
	}
	res := up.checked()
	if res == nil {
		see(w, r, "/u/"+up.ID+"/map")
	}
	return up, res
}

// checked is the upload's latest dry run, nil before the first.
func (up *upload) checked() *checkResult {
	up.mu.Lock()
	defer up.mu.Unlock()
	return up.check
}

// checkPage is the check page's data showing problems' page number page
// (clamped to the pages there are).
func (s *Server) checkPage(up *upload, res *checkResult, page int) *checkData {
	pages := max(1, (len(res.Problems)+pageRows-1)/pageRows)
	page = min(max(page, 1), pages)
	lo := (page - 1) * pageRows
	hi := min(lo+pageRows, len(res.Problems))
	d := &checkData{ID: up.ID, Name: up.Name, Provider: up.Provider, Rows: res.Rows, Counts: counts(res.Counts),
		Problems: res.Problems[lo:hi], Page: page, Pages: pages, First: lo + 1, Total: len(res.Problems),
		Elapsed: res.Elapsed.Round(time.Millisecond).String(), Rate: s.cfg.Rate, Workers: s.cfg.Workers,
		BaseURL: s.baseURL}
	s.mu.Lock()
	d.TokenNeeded, d.TokenSource = s.token == "", s.tokenSource
	s.mu.Unlock()
	return d
}

// counts lists the statuses that occurred, in the summaries' order.
func counts(m map[importer.Status]int) []countView {
	var out []countView
	for _, st := range importer.Statuses {
		if n := m[st]; n > 0 {
			good := st == importer.StatusOK || st == importer.StatusReady || st == importer.StatusSkipped
			out = append(out, countView{Status: string(st), N: n, Good: good})
		}
	}
	return out
}

// handleChecked downloads the checked sheet.
func (s *Server) handleChecked(w http.ResponseWriter, r *http.Request) {
	up, res := s.getChecked(w, r)
	if res == nil {
		return
	}
	s.download(w, r, res.Output, stem(up.Name)+".dryrun"+extOf(res.Output))
}

// download sends a workspace file as name.
func (s *Server) download(w http.ResponseWriter, r *http.Request, path, name string) {
	if !s.ws.contains(path) {
		http.NotFound(w, r)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		s.refuse(w, r, http.StatusGone, i18n.WebSheetGone)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		http.NotFound(w, r)
		return
	}
	attachment(w, name)
	http.ServeContent(w, r, "", info.ModTime(), f)
}

// extOf is ".xlsx" or ".csv".
func extOf(path string) string {
	if strings.HasSuffix(strings.ToLower(path), ".xlsx") {
		return ".xlsx"
	}
	return ".csv"
}
