package web

import (
	"bufio"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"orderimport/importer/i18n"
	"orderimport/importer/sheet"
	"orderimport/mapping"
	"orderimport/providers/all"
)

// previewRows is how many data rows the map page shows under the header.
const previewRows = 5

// upload is one uploaded spreadsheet on its way through the pages.
type upload struct {
	ID       string
	Name     string // the browser's file name, for display only
	Path     string // the workspace file
	Provider string
	// Header, HeaderLine and Preview are what the reader found: the header
	// row, its row number, the first rows below it.
	Header     []string
	HeaderLine int
	Preview    [][]string
	// Recognised is the platform export the header is, if any.
	Recognised *mapping.Recognised

	mu sync.Mutex
	// base is the mapping the page starts from; fields are the merchant's
	// changes to it (see mapstate.go).
	base  baseMapping
	edits map[string]edit
	check *checkResult
}

// handleHome is the upload page.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "home", s.newView(r, s.homeData(s.cfg.Provider)))
}

// homeData is the upload form: the providers and the one chosen.
type homeData struct {
	Providers []string
	Provider  string
	MaxUpload string
}

func (s *Server) homeData(provider string) homeData {
	return homeData{Providers: all.Names(), Provider: provider, MaxUpload: sizeText(s.cfg.MaxUpload)}
}

// handleUpload saves an uploaded spreadsheet in the workspace under a name
// of the server's, reads its header as mapping init does (the same readers
// and refusals as the command line), and goes on to the map page.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	up, code, msg := s.receive(w, r)
	if msg != "" {
		v := s.newView(r, s.homeData(s.cfg.Provider))
		if up != nil {
			v.Data = s.homeData(up.Provider)
		}
		v.Error = msg
		s.render(w, r, code, "home", v)
		return
	}
	s.keep(up)
	s.cfg.Log.Info("web: file uploaded", "upload", up.ID, "rows_header", up.HeaderLine, "provider", up.Provider)
	see(w, r, "/u/"+up.ID+"/map")
}

// maxUploads is how many uploads the server keeps in memory (their
// preview, mapping and check); an older one's page says to upload it
// again. Its files stay in the workspace for the retention period.
const maxUploads = 64

// keep remembers an upload, forgetting the oldest beyond maxUploads.
func (s *Server) keep(up *upload) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.uploads[up.ID] = up
	s.order = append(s.order, up.ID)
	for len(s.order) > maxUploads {
		delete(s.uploads, s.order[0])
		s.order = s.order[1:]
	}
}

// receiveFile reads the upload form into the workspace; it returns the
// upload (its file saved, nothing read yet), or an HTTP status and a
// one-line message in the request's language.
func (s *Server) receiveFile(w http.ResponseWriter, r *http.Request) (*upload, int, string) {
	lang := s.lang(r)
	limit := s.cfg.MaxUpload
	if r.ContentLength > limit+formOverhead {
		return nil, http.StatusRequestEntityTooLarge, i18n.Sprintf(lang, i18n.WebTooLarge, sizeText(limit))
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit+formOverhead)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, http.StatusBadRequest, i18n.Sprintf(lang, i18n.WebNoFile)
	}
	up := &upload{ID: newID(), Provider: s.cfg.Provider}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.discard(up)
			return nil, tooLargeOr(err, http.StatusBadRequest), s.uploadError(lang, err)
		}
		switch part.FormName() {
		case "provider":
			b, _ := io.ReadAll(io.LimitReader(part, 64))
			up.Provider = strings.TrimSpace(string(b))
		case "file":
			if up.Path != "" {
				continue
			}
			if err := s.saveFile(up, part, limit); err != nil {
				s.discard(up)
				return nil, tooLargeOr(err, http.StatusBadRequest), s.uploadError(lang, err)
			}
		}
	}
	if up.Path == "" {
		return nil, http.StatusBadRequest, i18n.Sprintf(lang, i18n.WebNoFile)
	}
	return up, http.StatusOK, ""
}

// receive reads the upload form and the file's header; it returns the
// upload, or an HTTP status and a one-line message in the request's
// language.
func (s *Server) receive(w http.ResponseWriter, r *http.Request) (*upload, int, string) {
	lang := s.lang(r)
	up, code, msg := s.receiveFile(w, r)
	if msg != "" {
		return up, code, msg
	}
	entry, err := all.Lookup(up.Provider)
	if err != nil {
		s.discard(up)
		return up, http.StatusBadRequest, i18n.Sprintf(lang, i18n.WebUnknownProvider, up.Provider, strings.Join(all.Names(), ", "))
	}
	up.Provider = entry.Name
	if msg := s.readHeader(lang, up); msg != "" {
		s.discard(up)
		return up, http.StatusUnprocessableEntity, msg
	}
	return up, http.StatusOK, ""
}

// formOverhead is room for the form's other fields and part headers.
const formOverhead = 64 << 10

// errTooLarge is a file over the upload limit.
var errTooLarge = errors.New("over the upload limit")

func tooLargeOr(err error, code int) int {
	var mb *http.MaxBytesError
	if errors.Is(err, errTooLarge) || errors.As(err, &mb) {
		return http.StatusRequestEntityTooLarge
	}
	return code
}

// uploadError says in one line why an upload failed.
func (s *Server) uploadError(lang i18n.Lang, err error) string {
	if tooLargeOr(err, 0) == http.StatusRequestEntityTooLarge {
		return i18n.Sprintf(lang, i18n.WebTooLarge, sizeText(s.cfg.MaxUpload))
	}
	return i18n.Sprintf(lang, i18n.WebUploadBroken)
}

// saveFile writes the file part to the workspace as ID.xlsx (the content
// is a ZIP or an encrypted OOXML package) or ID.csv (anything else: the
// reader decides what it is). The part's file name is kept for display
// only.
func (s *Server) saveFile(up *upload, part *multipart.Part, limit int64) error {
	up.Name = displayName(part.FileName())
	br := bufio.NewReader(io.LimitReader(part, limit+1))
	head, _ := br.Peek(8)
	ext := ".csv"
	if strings.HasPrefix(string(head), "PK\x03\x04") || strings.HasPrefix(string(head), "\xd0\xcf\x11\xe0") {
		ext = ".xlsx"
	}
	up.Path = s.ws.path(up.ID, ext)
	f, err := os.OpenFile(up.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, br)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > limit {
		err = errTooLarge
	}
	if err != nil {
		return err
	}
	return s.ws.saveName(up.ID, up.Name)
}

// discard removes an upload's files.
func (s *Server) discard(up *upload) {
	if up.Path != "" {
		_ = os.Remove(up.Path)
	}
	_ = os.Remove(s.ws.path(up.ID, ".name"))
}

// readHeader finds the header as "mapping init" does (sheet.Open
// with the provider's header finder), keeps the first rows, and chooses
// the mapping to start from. It returns the one-line refusal of a file the
// readers refuse, in lang.
func (s *Server) readHeader(lang i18n.Lang, up *upload) string {
	in, err := sheet.Open(up.Path, sheet.Options{IsHeader: mapping.HeaderFinder(up.Provider)})
	if err != nil {
		return s.fileMessage(lang, up, err)
	}
	defer in.Close()
	up.Header, up.HeaderLine = in.Header(), in.HeaderLine()
	for len(up.Preview) < previewRows {
		row, err := in.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return s.fileMessage(lang, up, err)
		}
		up.Preview = append(up.Preview, padCells(row.Cells, len(up.Header)))
	}
	if len(up.Preview) == 0 {
		return i18n.Sprintf(lang, i18n.WebNoRows, up.Name, up.HeaderLine)
	}
	if rec, ok := mapping.RecognisePreset(up.Header); ok {
		if rec.Provider != up.Provider {
			return i18n.Sprintf(lang, i18n.WebOtherProvider, presetLabel(lang, rec.Preset), rec.Preset, rec.Provider)
		}
		up.Recognised = &rec
	}
	return s.chooseBase(up)
}

// padCells returns cells with exactly n entries.
func padCells(cells []string, n int) []string {
	out := make([]string, n)
	copy(out, cells)
	return out
}

// fileMessage is a reader's or the importer's refusal in one line, in
// lang when it can say itself (a *sheet.Error, a mapping problem), naming
// the file as the merchant named it (not by its workspace name).
func (s *Server) fileMessage(lang i18n.Lang, up *upload, err error) string {
	msg := mapping.ErrorText(err, lang)
	if up != nil && up.Path != "" {
		msg = strings.ReplaceAll(msg, up.Path, up.Name)
		msg = strings.ReplaceAll(msg, filepath.Base(up.Path), up.Name)
	}
	msg = strings.ReplaceAll(msg, s.ws.dir+string(filepath.Separator), "")
	return strings.ReplaceAll(msg, "\n", " ")
}

// getUpload returns the upload named in the request's path, or answers 404.
func (s *Server) getUpload(w http.ResponseWriter, r *http.Request) *upload {
	id := r.PathValue("id")
	s.mu.Lock()
	up := s.uploads[id]
	s.mu.Unlock()
	if up == nil || !validID(id) {
		v := s.newView(r, s.homeData(s.cfg.Provider))
		v.Error = i18n.Sprintf(s.lang(r), i18n.WebNoSuchUpload)
		s.render(w, r, http.StatusNotFound, "home", v)
		return nil
	}
	return up
}
