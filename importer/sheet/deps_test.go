package sheet

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies holds sheet and dupset to their doc comments: they
// work on their own, without the run, the mapping, the providers or the
// ledger (go list -deps: every package they need, however far). The
// message catalog importer/i18n, which sheet's refusals use, is allowed
// and is a leaf itself.
func TestDependencies(t *testing.T) {
	forbidden := []string{
		"orderimport/importer",
		"orderimport/importer/ledger",
		"orderimport/mapping",
		"orderimport/providers",
	}
	for _, pkg := range []string{"orderimport/importer/sheet", "orderimport/importer/dupset", "orderimport/importer/i18n"} {
		t.Run(pkg, func(t *testing.T) {
			out, err := exec.Command("go", "list", "-deps", pkg).Output()
			if err != nil {
				t.Fatalf("go list -deps %s: %v", pkg, err)
			}
			deps := strings.Fields(string(out))
			if len(deps) == 0 || deps[len(deps)-1] != pkg {
				t.Fatalf("go list -deps %s listed %q", pkg, deps)
			}
			for _, dep := range deps {
				for _, f := range forbidden {
					if dep == f || strings.HasPrefix(dep, f+"/") && f != "orderimport/importer" {
						t.Errorf("%s depends on %s", pkg, dep)
					}
				}
			}
		})
	}
}
