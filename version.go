package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// version may be set at build time (-ldflags "-X main.version=v1.2.3"),
// for builds whose module version and VCS stamp say nothing (CI builds with
// -buildvcs=false).
var version string

// versionText is what "orderimport version" prints: the version, the
// commit it was built from when the build recorded it, the Go version and
// the platform.
func versionText() string {
	v, vcs, goVersion := version, "", runtime.Version()
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = info.Main.Version
		}
		goVersion = info.GoVersion
		vcs = vcsText(info.Settings)
	}
	if v == "" {
		v = "(devel)"
	}
	if vcs == "" {
		vcs = "no commit recorded (built with -buildvcs=false or outside a checkout)"
	}
	return fmt.Sprintf("orderimport %s, %s, %s %s/%s", v, vcs, goVersion, runtime.GOOS, runtime.GOARCH)
}

// vcsText describes the commit a build came from: "commit 1a2b3c4d5e6f
// (2026-12-01T10:00:00Z, modified)", or "" when the build recorded none.
func vcsText(settings []debug.BuildSetting) string {
	s := map[string]string{}
	for _, b := range settings {
		s[b.Key] = b.Value
	}
	rev := s["vcs.revision"]
	if rev == "" {
		return ""
	}
	rev = rev[:min(12, len(rev))]
	var extra []string
	if t := s["vcs.time"]; t != "" {
		extra = append(extra, t)
	}
	if s["vcs.modified"] == "true" {
		extra = append(extra, "modified")
	}
	if len(extra) == 0 {
		return "commit " + rev
	}
	return "commit " + rev + " (" + strings.Join(extra, ", ") + ")"
}
