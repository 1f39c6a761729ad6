package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// The end-to-end tests drive the page in a real headless Chromium. One
// browser serves them all (each test has a tab of its own); TestMain stops
// it. Without a browser they are skipped, except in CI (CI=true), where
// .ci/run installs Debian's chromium and a missing browser fails them.

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc = func() {}
	browserErr    string
)

// browserNames are the executables tried, in order.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

func findBrowser() string {
	if p := os.Getenv("ORDERIMPORT_TEST_BROWSER"); p != "" {
		return p
	}
	for _, n := range browserNames {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser starts the one browser.
func startBrowser() {
	path := findBrowser()
	if path == "" {
		browserErr = "no Chromium found (tried " + strings.Join(browserNames, ", ") + ")"
		return
	}
	// Chromium's own temporary files (org.chromium.Chromium.*, written
	// to TMPDIR with disable-dev-shm-usage) go to a directory of the
	// tests', removed when the browser stops.
	tmp, err := os.MkdirTemp("", "orderimport-browser-")
	if err != nil {
		browserErr = "a directory for the browser: " + err.Error()
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.Env("TMPDIR="+tmp),
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.WindowSize(1280, 900),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil { // starts it
		cancelCtx()
		cancelAlloc()
		_ = os.RemoveAll(tmp)
		browserErr = "Chromium did not start: " + err.Error()
		return
	}
	browserCtx = ctx
	browserCancel = func() { cancelCtx(); cancelAlloc(); _ = os.RemoveAll(tmp) }
}

// tab returns a new tab of the one browser, whose downloads go to a
// directory of the test's, and that directory. A missing browser fails
// the test in CI and skips it elsewhere.
func tab(t *testing.T) (context.Context, string) {
	t.Helper()
	browserOnce.Do(startBrowser)
	if browserCtx == nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI: %s: the browser tests must run (apt-get install -y chromium)", browserErr)
		}
		t.Skip(browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	dir := t.TempDir()
	events := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events}); err != nil {
		t.Fatal(err)
	}
	return ctx, dir
}

// download clicks sel and waits until the browser has saved the file; it
// returns the file's path, with ext.
func download(t *testing.T, ctx context.Context, dir, sel, ext string) string {
	t.Helper()
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	progress := chromedp.BrowserEvents(lctx, browser.DownloadProgress)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatal(err)
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("the download of %s did not complete: %v", sel, err)
		}
		if ev.State != browser.DownloadProgressStateCompleted {
			continue
		}
		path := filepath.Join(dir, ev.GUID)
		if err := os.Rename(path, path+ext); err != nil {
			t.Fatal(err)
		}
		return path + ext
	}
	t.Fatalf("the download of %s did not complete", sel)
	return ""
}

func TestMain(m *testing.M) {
	code := m.Run()
	browserCancel()
	if benchOwned {
		_ = os.RemoveAll(filepath.Dir(benchFile))
	}
	os.Exit(code)
}
