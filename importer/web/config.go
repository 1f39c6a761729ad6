package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"orderimport/importer/i18n"
	"orderimport/providers/sandbox"
)

// Defaults of Config.
const (
	// DefaultListen is the address served when none is given: loopback only.
	DefaultListen = "127.0.0.1:8080"
	// DefaultMaxUpload is the largest upload accepted: 200 MB.
	DefaultMaxUpload = 200 << 20
	// DefaultRetention is how long uploaded files, checked sheets and result
	// sheets stay in the workspace: 7 days.
	DefaultRetention = 7 * 24 * time.Hour
)

// Config configures a Server.
type Config struct {
	// Workspace is the private directory of uploads and result sheets; it is
	// created 0700 (an existing one is tightened to 0700).
	Workspace string
	// Retention is how long a file stays in the workspace after its last
	// change; 0 means DefaultRetention.
	Retention time.Duration
	// MaxUpload bounds an uploaded file, in bytes; 0 means DefaultMaxUpload.
	MaxUpload int64
	// Password, when set, is asked by every request (HTTP basic
	// authentication, any user name).
	Password string
	// Lang is the page's language when the request names none (a cookie or
	// ?lang=); LangFixed says it was chosen (--lang), else the browser's
	// Accept-Language decides, then Chinese.
	Lang      i18n.Lang
	LangFixed bool
	// Provider is the provider chosen in the upload form at first.
	Provider string
	// BaseURL is the API's base URL; "" means the provider's documented host.
	BaseURL string
	// Token is the API token from ORDERIMPORT_TOKEN or --token-file; ""
	// means the page asks for it. TokenSource names where it came from.
	Token, TokenSource string
	// Ledger is the ledger's path; "" means the default one (a --sandbox
	// server keeps a ledger of its own in the workspace).
	Ledger string
	// Sandbox sends to an in-process sandbox on loopback (a rehearsal).
	Sandbox bool
	// SandboxOptions configure it; an empty Token means sandbox.DefaultToken.
	SandboxOptions sandbox.Options
	// Rate and Workers are the send form's defaults (5 and 4 when 0).
	Rate    float64
	Workers int
	// Log receives what the server does; nil discards it. It never
	// receives the token.
	Log *slog.Logger
}

func (c *Config) setDefaults() {
	if c.Retention <= 0 {
		c.Retention = DefaultRetention
	}
	if c.MaxUpload <= 0 {
		c.MaxUpload = DefaultMaxUpload
	}
	if c.Lang == "" {
		c.Lang = i18n.Zh
	}
	if c.Provider == "" {
		c.Provider = "damaijia"
	}
	if c.Rate <= 0 {
		c.Rate = 5
	}
	if c.Workers <= 0 {
		c.Workers = 4
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
}

// CheckListen refuses an address to serve on: one that is not host:port,
// or one other machines may reach (not a loopback address) when no
// password protects the page.
func CheckListen(addr string, password bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--listen %q: want HOST:PORT, e.g. %s", addr, DefaultListen)
	}
	if Loopback(host) || password {
		return nil
	}
	return fmt.Errorf("--listen %s: other machines could reach the page on this address; "+
		"serve on 127.0.0.1, or protect the page with --password-file FILE", addr)
}

// Loopback reports whether host names this machine only: localhost or a
// loopback IP address.
func Loopback(host string) bool {
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// ParseSize reads a size such as 200MB, 1.5GB, 512KB or 1048576 (bytes).
// MB and MiB are both 1,048,576 bytes, as a merchant's file manager counts.
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f <= 0 || f*float64(mult) > 1<<50 {
		return 0, errors.New("want a size such as 200MB, 1GB or 512KB")
	}
	return int64(f * float64(mult)), nil
}
