package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"orderimport/importer"
	"orderimport/importer/i18n"
	"orderimport/importer/ledger"
	"orderimport/importer/web"
	"orderimport/providers/all"
	"orderimport/providers/sandbox"
)

// This file wires "orderimport serve": its flags and exit codes. The
// work is importer/web.

// serveFlags are the flags of "orderimport serve".
type serveFlags struct {
	listen, passwordFile, maxUpload, workspace, lang string
	provider, baseURL, tokenFile, ledger, logLevel   string
	open, sandbox                                    bool
	retention, sandboxLatency                        time.Duration
	rate                                             float64
	workers                                          int
}

// serveEnv names the environment variable behind each serve flag.
var serveEnv = map[string]string{
	"listen":        "ORDERIMPORT_LISTEN",
	"password-file": "ORDERIMPORT_PASSWORD_FILE",
	"max-upload":    "ORDERIMPORT_MAX_UPLOAD",
	"workspace":     "ORDERIMPORT_WORKSPACE",
	"retention":     "ORDERIMPORT_RETENTION",
	"lang":          "ORDERIMPORT_LANG",
	"provider":      importEnv["provider"],
	"base-url":      importEnv["base-url"],
	"token-file":    importEnv["token-file"],
	"ledger":        importEnv["ledger"],
	"rate":          importEnv["rate"],
	"workers":       importEnv["workers"],
	"log":           importEnv["log"],
}

func newServeFlags(stderr io.Writer) (*flag.FlagSet, *serveFlags) {
	f := &serveFlags{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: orderimport serve [--open] [--sandbox] [flags]\n\n"+
			"Serves the import as a web page (Chinese first, English on a switch): upload a spreadsheet, map\n"+
			"its columns, check it, send it with live progress, download the result sheet, fix and send again,\n"+
			"see earlier runs. The same engine and ledger as import: a row is never created twice.\n"+
			"The token comes from ORDERIMPORT_TOKEN or --token-file, or is typed once into the page (kept in\n"+
			"memory only). Ctrl-C stops the server as it stops an import: a run under way writes its sheet.\n\nFlags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&f.listen, "listen", web.DefaultListen, "address of the page; an address other machines can reach needs --password-file (env ORDERIMPORT_LISTEN)")
	fs.BoolVar(&f.open, "open", false, "open the page in the browser")
	fs.StringVar(&f.passwordFile, "password-file", "", "file holding the page's password (HTTP basic authentication, any user name) (env ORDERIMPORT_PASSWORD_FILE)")
	fs.StringVar(&f.maxUpload, "max-upload", "200MB", "largest spreadsheet accepted, e.g. 200MB, 1GB (env ORDERIMPORT_MAX_UPLOAD)")
	fs.StringVar(&f.workspace, "workspace", "", "private directory (0700) of uploads and result sheets; default: serve/ beside the ledger (env ORDERIMPORT_WORKSPACE)")
	fs.DurationVar(&f.retention, "retention", web.DefaultRetention, "how long uploads and result sheets stay in the workspace (env ORDERIMPORT_RETENTION)")
	fs.StringVar(&f.lang, "lang", "", "language of the page until the merchant switches it: zh or en; default: the browser's language, then Chinese (env ORDERIMPORT_LANG)")
	fs.BoolVar(&f.sandbox, "sandbox", false, "send to an in-process fake of the API (a rehearsal: no token, nothing reaches the provider)")
	fs.DurationVar(&f.sandboxLatency, "sandbox-latency", 0, "with --sandbox: delay of each of its answers (to watch the progress)")
	fs.StringVar(&f.provider, "provider", "damaijia", "provider chosen in the upload form at first: "+strings.Join(all.Names(), " or ")+" (env ORDERIMPORT_PROVIDER)")
	fs.StringVar(&f.baseURL, "base-url", "", "API base URL; default: the provider's documented host (env ORDERIMPORT_BASE_URL)")
	fs.StringVar(&f.tokenFile, "token-file", "", "file holding the API token; default: the env ORDERIMPORT_TOKEN, else typed into the page (env ORDERIMPORT_TOKEN_FILE)")
	fs.StringVar(&f.ledger, "ledger", "", "ledger database; default: "+ledgerDefaultDoc+"; --sandbox: one in the workspace (env ORDERIMPORT_LEDGER)")
	fs.Float64Var(&f.rate, "rate", 5, "the send form's requests per second (env ORDERIMPORT_RATE)")
	fs.IntVar(&f.workers, "workers", 4, "the send form's concurrent requests (env ORDERIMPORT_WORKERS)")
	fs.StringVar(&f.logLevel, "log", "info", "log lines written to stderr: debug, info, warn or error (env ORDERIMPORT_LOG)")
	return fs, f
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs, f := newServeFlags(stderr)
	rest, err := parseInterspersed(fs, args)
	if err == nil && len(rest) > 0 {
		err = fmt.Errorf("unexpected argument %q", rest[0])
		fmt.Fprintf(stderr, "orderimport serve: %v\n", err)
	}
	if err == nil {
		var fromEnv map[string]string
		if fromEnv, err = applyEnv(fs, serveEnv); err == nil {
			err = checkLimits(fs, importLimits, fromEnv)
		}
		if err != nil {
			fmt.Fprintf(stderr, "orderimport serve: %v\n", err)
		}
	}
	if err != nil {
		return parseExit(err)
	}
	cfg, err := serveConfig(f, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "orderimport serve: %v\n", err)
		return importer.ExitInput
	}
	if err := web.CheckListen(f.listen, cfg.Password != ""); err != nil {
		fmt.Fprintf(stderr, "orderimport serve: %v\n", err)
		return importer.ExitInput
	}
	ln, err := net.Listen("tcp", f.listen)
	if err != nil {
		fmt.Fprintf(stderr, "orderimport serve: %v\n", err)
		return importer.ExitInput
	}
	srv, err := web.New(cfg)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "orderimport serve: %v\n", err)
		return importer.ExitInput
	}
	url := pageURL(ln.Addr())
	fmt.Fprintf(stdout, "orderimport serve: the page is at %s (workspace %s); Ctrl-C stops it\n", url, cfg.Workspace)
	if f.open {
		if err := openBrowser(url); err != nil {
			cfg.Log.Warn("the browser did not open: open the page yourself", "url", url, "err", err)
		}
	}
	ctx, cancel := interruptible(cfg.Log, isTerminal(stderr))
	defer cancel()
	if err := srv.Serve(ctx, ln); err != nil && !errors.Is(err, net.ErrClosed) {
		fmt.Fprintf(stderr, "orderimport serve: %v\n", err)
		return importer.ExitInput
	}
	return importer.ExitOK
}

// serveConfig turns the flags into the server's configuration: the
// password and the token are read from their files here, never logged.
func serveConfig(f *serveFlags, stderr io.Writer) (web.Config, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(f.logLevel)); err != nil {
		return web.Config{}, fmt.Errorf("--log %q: want debug, info, warn or error", f.logLevel)
	}
	cfg := web.Config{Provider: f.provider, BaseURL: f.baseURL, Ledger: f.ledger, Sandbox: f.sandbox,
		Retention: f.retention, Rate: f.rate, Workers: f.workers, Workspace: f.workspace,
		Log: newLogger(importer.NewConsole(stderr, false), l)}
	if _, err := all.Lookup(f.provider); err != nil {
		return cfg, err
	}
	size, err := web.ParseSize(f.maxUpload)
	if err != nil {
		return cfg, fmt.Errorf("--max-upload %q: %v", f.maxUpload, err)
	}
	cfg.MaxUpload = size
	if f.lang != "" {
		lang, ok := i18n.Match(f.lang)
		if !ok {
			return cfg, fmt.Errorf("--lang %q: want zh or en", f.lang)
		}
		cfg.Lang, cfg.LangFixed = lang, true
	}
	if f.passwordFile != "" {
		b, err := os.ReadFile(f.passwordFile)
		if err != nil {
			return cfg, fmt.Errorf("--password-file: %w", err)
		}
		if cfg.Password = strings.TrimSpace(string(b)); cfg.Password == "" {
			return cfg, fmt.Errorf("--password-file %s is empty", f.passwordFile)
		}
	}
	if f.sandbox {
		cfg.SandboxOptions = sandbox.Options{Token: sandboxToken(), Latency: f.sandboxLatency}
	} else if t, err := readToken(f.tokenFile); err == nil {
		cfg.Token, cfg.TokenSource = t, "ORDERIMPORT_TOKEN"
		if f.tokenFile != "" {
			cfg.TokenSource = "--token-file"
		}
	} else if f.tokenFile != "" {
		return cfg, err
	}
	if cfg.Workspace == "" {
		led, err := ledger.DefaultPath()
		if err != nil {
			return cfg, err
		}
		cfg.Workspace = filepath.Join(filepath.Dir(led), "serve")
	}
	return cfg, nil
}

// openBrowser opens url in the desktop's browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// pageURL is the page's address on this machine: a listener on every
// interface (0.0.0.0, ::) is reached at 127.0.0.1.
func pageURL(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String() + "/"
	}
	ip := tcp.IP
	if ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return "http://" + net.JoinHostPort(ip.String(), strconv.Itoa(tcp.Port)) + "/"
}
