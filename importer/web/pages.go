package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"orderimport/importer/i18n"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// staticHandler serves the page's script, style sheet and the vendored
// nothing-else (no CDN: the page works offline).
func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		fsrv.ServeHTTP(w, r)
	})
}

// pages holds one template per page, each with the layout.
type pages struct {
	byName map[string]*template.Template
}

// pageNames are the pages, one templates/NAME.html each.
var pageNames = []string{"home", "map", "check", "run", "history"}

func loadPages() (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
}

// view is what every page template gets: the language, the message
// printer (T), the page's own data and a one-line problem, if any.
type view struct {
	Lang    i18n.Lang
	Path    string // the page's path, for the language switch
	Title   string
	Error   string
	Notice  string
	Sandbox bool
	Active  *runView // the run under way, for the banner
	Data    any
}

// T prints message id in the page's language.
func (v *view) T(id string, args ...any) string { return i18n.Sprintf(v.Lang, i18n.ID(id), args...) }

// Status is a status's label in the page's language.
func (v *view) Status(st string) string { return i18n.Sprintf(v.Lang, i18n.StatusLabel(st)) }

// Other is the other language of the switch.
func (v *view) Other() i18n.Lang {
	if v.Lang == i18n.Zh {
		return i18n.En
	}
	return i18n.Zh
}

// render writes page name with data; code is the HTTP status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, v *view) {
	keepLang(w, r)
	v.Lang, v.Path, v.Sandbox = s.lang(r), r.URL.Path, s.cfg.Sandbox
	if v.Active == nil {
		v.Active = s.activeView()
	}
	var b bytes.Buffer
	if err := s.pages.byName[name].Execute(&b, v); err != nil {
		s.cfg.Log.Error("web: page not rendered", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(b.Bytes())
}

// newView is a view in the request's language.
func (s *Server) newView(r *http.Request, data any) *view {
	return &view{Lang: s.lang(r), Data: data}
}

// see redirects after a POST (303: the browser GETs the next page).
func see(w http.ResponseWriter, r *http.Request, path string) {
	http.Redirect(w, r, path, http.StatusSeeOther)
}

// attachment sets the headers of a download named name (any characters:
// RFC 2231 encoding for the non-ASCII ones).
func attachment(w http.ResponseWriter, name string) {
	cd := mime.FormatMediaType("attachment", map[string]string{"filename": name})
	if cd == "" {
		cd = "attachment; filename*=UTF-8''" + url.PathEscape(name)
	}
	w.Header().Set("Content-Disposition", cd)
	switch {
	case strings.HasSuffix(name, ".xlsx"):
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	case strings.HasSuffix(name, ".csv"):
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	case strings.HasSuffix(name, ".yaml"):
		w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	}
}
