package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// workspace is the server's private directory. Every file in it is named
// by the server: NAME.ext for an upload (NAME random hex), NAME.name
// holding the upload's file name as the merchant's browser gave it (shown,
// never used as a path), NAME.result.ext and NAME.dryrun.ext beside it;
// mappings/KEY.yaml the last mapping used for a header shape.
type workspace struct {
	dir       string
	retention time.Duration
	log       *slog.Logger
}

// openWorkspace creates dir (and its parents) 0700, or tightens an
// existing one to 0700.
func openWorkspace(dir string, retention time.Duration, log *slog.Logger) (*workspace, error) {
	if dir == "" {
		return nil, errors.New("no workspace directory")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for _, d := range []string{abs, filepath.Join(abs, "mappings")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("workspace: %w", err)
		}
		if err := os.Chmod(d, 0o700); err != nil {
			return nil, fmt.Errorf("workspace: %w", err)
		}
	}
	return &workspace{dir: abs, retention: retention, log: log}, nil
}

// newID returns a fresh random name for an upload.
func newID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// validID reports whether id is a name newID could have made: the only
// names a request may use to reach a file.
func validID(id string) bool {
	if len(id) != 24 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}

// path returns the workspace file of an upload's name and suffix
// (".xlsx", ".result.csv", ".name").
func (w *workspace) path(id, suffix string) string {
	return filepath.Join(w.dir, id+suffix)
}

// contains reports whether path is a file directly in the workspace.
func (w *workspace) contains(path string) bool {
	abs, err := filepath.Abs(path)
	return err == nil && filepath.Dir(abs) == w.dir
}

// saveName keeps the file name the browser gave an upload, for display.
func (w *workspace) saveName(id, name string) error {
	return os.WriteFile(w.path(id, ".name"), []byte(displayName(name)), 0o600)
}

// name returns the display name of upload id ("" when unknown).
func (w *workspace) name(id string) string {
	b, err := os.ReadFile(w.path(id, ".name"))
	if err != nil {
		return ""
	}
	return string(b)
}

// displayName reduces a browser's file name to its last element, without
// control characters, at most 200 bytes: it is shown and used as a download
// name, never as a path.
func displayName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = name[strings.LastIndex(name, "/")+1:]
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, name)
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if strings.Trim(name, ". ") == "" {
		return "upload"
	}
	return name
}

// mappingPath is where the last mapping for a header shape is kept: KEY is
// a hash of the provider and the header cells.
func (w *workspace) mappingPath(provider string, header []string) string {
	h := sha256.New()
	h.Write([]byte(provider))
	for _, c := range header {
		h.Write([]byte{0})
		h.Write([]byte(strings.TrimSpace(c)))
	}
	return filepath.Join(w.dir, "mappings", hex.EncodeToString(h.Sum(nil))[:32]+".yaml")
}

// sweep removes the files older than the retention period; keep says
// which files are in use (an upload on screen, a run's files) and stay.
func (w *workspace) sweep(now time.Time, keep func(path string) bool) {
	_ = filepath.WalkDir(w.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if strings.HasPrefix(d.Name(), "sandbox-ledger.db") || keep(path) {
			return nil
		}
		info, err := d.Info()
		if err != nil || now.Sub(info.ModTime()) < w.retention {
			return nil
		}
		if err := os.Remove(path); err == nil {
			w.log.Info("workspace: removed a file past its retention", "file", d.Name())
		}
		return nil
	})
}
