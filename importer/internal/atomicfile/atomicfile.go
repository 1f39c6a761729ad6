// Package atomicfile writes files that appear whole or not at all.
//
// Create starts a file beside its target, Commit syncs it and renames it
// into place, Discard abandons it; a device or named pipe at the target is
// written straight into. RemoveStale removes the temporary files that
// killed processes of this host left beside a target. It never writes a
// byte under the target's name before Commit, and never removes a file of
// a process that is alive or of another host.
package atomicfile

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"orderimport/importer/internal/proc"
)

// File is a file that appears whole or not at all: it is written to a
// temporary file beside the target and renamed over it by Commit, so a
// killed run or a full disk never leaves half a file under the target's
// name. A target that exists and is not a regular file but can be written
// (a character device such as /dev/null or /dev/stdout, a named pipe) is
// written straight into: renaming a file over it would replace the device
// or pipe. A symbolic link at the target is followed: the file it points to
// is replaced, the link stays.
type File struct {
	f    *os.File
	name string // the target as the caller spelled it (messages)
	path string // the target, symbolic links resolved
	tmp  bool   // f is a temporary file that Commit renames to path
	perm fs.FileMode
}

// Create starts writing the file at name. Errors name the target,
// never the temporary file.
func Create(name string) (*File, error) {
	path, info, err := Target(name)
	if err != nil {
		return nil, err
	}
	a := &File{name: name, path: path, perm: 0o644}
	if info != nil && !info.Mode().IsRegular() {
		if !WritableInPlace(info.Mode()) {
			return nil, &os.PathError{Op: "write", Path: name, Err: fmt.Errorf("it is %s, not a file", Kind(info.Mode()))}
		}
		if a.f, err = os.OpenFile(path, os.O_WRONLY, 0); err != nil {
			return nil, renamePathError(err, name)
		}
		return a, nil
	}
	if info != nil {
		a.perm = info.Mode().Perm()
	}
	RemoveStale(path)
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if a.f, err = os.CreateTemp(dir, tempPrefix(base)+"*"+filepath.Ext(base)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &os.PathError{Op: "create", Path: name, Err: fmt.Errorf("the directory %s does not exist", filepath.Dir(name))}
		}
		return nil, renamePathError(err, name)
	}
	a.tmp = true
	return a, nil
}

// Write implements io.Writer.
func (a *File) Write(p []byte) (int, error) {
	n, err := a.f.Write(p)
	if err != nil {
		err = renamePathError(err, a.name)
	}
	return n, err
}

// Commit makes the written bytes the target's content: synced, given the
// target's permissions (0644 for a new file) and renamed into place. After a
// failure nothing is left behind and the target is as it was.
func (a *File) Commit() error {
	if !a.tmp {
		return renamePathError(a.f.Close(), a.name)
	}
	err := a.f.Sync()
	if err == nil {
		err = a.f.Chmod(a.perm) // CreateTemp made it 0600
	}
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err != nil {
		os.Remove(a.f.Name())
		return renamePathError(err, a.name)
	}
	return nil
}

// Temporary reports whether the bytes go to a temporary file that Commit
// renames into place (false for a device or named pipe written in place).
func (a *File) Temporary() bool { return a.tmp }

// OSFile is the file being written: the temporary file, or the device or
// pipe itself. A caller that reads back what it wrote (or seeks) uses it.
func (a *File) OSFile() *os.File { return a.f }

// Discard abandons the file: the temporary file is removed and the target
// left as it was.
func (a *File) Discard() {
	a.f.Close()
	if a.tmp {
		os.Remove(a.f.Name())
	}
}

// Target resolves the symbolic links of name and returns the path to
// write and what is there now (nil when nothing is).
func Target(name string) (string, fs.FileInfo, error) {
	path := name
	if li, err := os.Lstat(name); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		if resolved, err := filepath.EvalSymlinks(name); err == nil {
			path = resolved
		} // a dangling link is replaced by the file
	}
	info, err := os.Stat(path)
	switch {
	case err == nil:
		return path, info, nil
	case errors.Is(err, fs.ErrNotExist):
		return path, nil, nil
	}
	return "", nil, renamePathError(err, name)
}

// WritableInPlace reports whether a non-regular file of this mode is
// written into rather than replaced.
func WritableInPlace(m fs.FileMode) bool {
	return m&fs.ModeCharDevice != 0 || m&fs.ModeNamedPipe != 0
}

// Kind names what a non-regular file is, for messages.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "not a regular file"
}

// renamePathError puts name (the file the user named) in place of the path
// of a *os.PathError (a temporary file, a resolved link); other errors are
// returned as they are.
func renamePathError(err error, name string) error {
	var pe *fs.PathError
	if err == nil || !errors.As(err, &pe) {
		return err
	}
	return &os.PathError{Op: pe.Op, Path: name, Err: pe.Err}
}

// Temporary files are named ".NAME.tmp-HOST-PID-RANDOM.EXT": HOST is a
// short hash of the host name and PID the writing process, so that a later
// run over the same target can tell the files of dead processes of this
// host (a killed run: kill -9, a power cut) from those of a run still
// writing, or of another machine sharing the directory.

// tempPrefix is the name of this process's temporary files for base, up to
// the random part.
func tempPrefix(base string) string {
	return hostTempPrefix(base) + strconv.Itoa(os.Getpid()) + "-"
}

// hostTempPrefix is the name of this host's temporary files for base, up
// to the pid.
func hostTempPrefix(base string) string {
	return "." + base + ".tmp-" + hostTag() + "-"
}

// hostTag is 8 hex digits of a hash of the host name.
func hostTag() string {
	host, _ := os.Hostname()
	h := fnv.New32a()
	h.Write([]byte(host))
	return fmt.Sprintf("%08x", h.Sum32())
}

// RemoveStale removes the temporary files that runs of this host left
// beside path (its symbolic links resolved) when they were killed: only files named the way Create
// names them for path, only regular files, only of processes that no longer
// exist. It returns the names removed.
func RemoveStale(path string) []string {
	if target, _, err := Target(path); err == nil {
		path = target
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	prefix := hostTempPrefix(base)
	var removed []string
	for _, e := range entries {
		pid, ok := staleTempPID(e, prefix)
		if !ok || pid == os.Getpid() || proc.Alive(pid) {
			continue
		}
		name := filepath.Join(dir, e.Name())
		if os.Remove(name) == nil {
			removed = append(removed, name)
		}
	}
	return removed
}

// staleTempPID returns the pid in the name of e when e is a regular file
// named prefix+PID+"-"+....
func staleTempPID(e fs.DirEntry, prefix string) (int, bool) {
	rest, ok := strings.CutPrefix(e.Name(), prefix)
	if !ok || !e.Type().IsRegular() {
		return 0, false
	}
	digits, _, ok := strings.Cut(rest, "-")
	pid, err := strconv.Atoi(digits)
	if !ok || err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}
