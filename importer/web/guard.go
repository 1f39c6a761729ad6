package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"net"
	"net/http"

	"orderimport/importer/i18n"
)

// guard wraps the page's handler: the Host check first (a page reached
// under a foreign name is a DNS rebinding attack), the password, then
// http.CrossOriginProtection on every write, and headers that keep the
// page out of frames and its scripts to its own.
func (s *Server) guard(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.refuse(w, r, http.StatusForbidden, i18n.WebCrossOrigin)
	}))
	protected := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		if !s.hostAllowed(r.Host) {
			s.refuse(w, r, http.StatusMisdirectedRequest, i18n.WebForeignHost)
			return
		}
		if !s.authorized(r) {
			h.Set("WWW-Authenticate", `Basic realm="orderimport", charset="UTF-8"`)
			s.refuse(w, r, http.StatusUnauthorized, i18n.WebPasswordNeeded)
			return
		}
		protected.ServeHTTP(w, r)
	})
}

// hostAllowed reports whether a request's Host names this machine
// (localhost or a loopback address, any port). With a password any name is
// allowed: the page is then meant for other machines, and a rebinding
// page has no password.
func (s *Server) hostAllowed(host string) bool {
	if s.cfg.Password != "" {
		return true
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return host != "" && Loopback(host)
}

// authorized checks the password of HTTP basic authentication (any user
// name), in constant time.
func (s *Server) authorized(r *http.Request) bool {
	if s.cfg.Password == "" {
		return true
	}
	_, pw, ok := r.BasicAuth()
	if !ok {
		return false
	}
	a, b := sha256.Sum256([]byte(pw)), sha256.Sum256([]byte(s.cfg.Password))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// refuse answers a one-line refusal in the request's language.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, code int, id i18n.ID, args ...any) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(i18n.Sprintf(s.lang(r), id, args...) + "\n"))
}

// langCookie keeps the language a merchant chose.
const langCookie = "orderimport_lang"

// lang is the request's language: ?lang= (which the page keeps in a
// cookie), the cookie, --lang, the browser's Accept-Language, Chinese.
func (s *Server) lang(r *http.Request) i18n.Lang {
	if l, ok := i18n.Match(r.URL.Query().Get("lang")); ok {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := i18n.Match(c.Value); ok {
			return l
		}
	}
	if s.cfg.LangFixed {
		return s.cfg.Lang
	}
	if l, ok := i18n.Match(r.Header.Get("Accept-Language")); ok {
		return l
	}
	return s.cfg.Lang
}

// keepLang stores a language chosen with ?lang= in a cookie.
func keepLang(w http.ResponseWriter, r *http.Request) {
	if l, ok := i18n.Match(r.URL.Query().Get("lang")); ok {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", SameSite: http.SameSiteStrictMode, HttpOnly: true, MaxAge: 365 * 24 * 3600})
	}
}
