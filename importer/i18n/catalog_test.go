package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestCatalog: the catalog builds; every message has both languages, and
// the two use the same arguments with the same verbs; no id is defined
// twice; every ID constant of the package has a message, and so does every
// status the catalog explains.
func TestCatalog(t *testing.T) {
	if _, err := build(); err != nil {
		t.Fatal(err)
	}
	seen := map[ID]bool{}
	for _, m := range Messages() {
		t.Run(string(m.ID), func(t *testing.T) {
			if seen[m.ID] {
				t.Errorf("defined twice")
			}
			seen[m.ID] = true
			if strings.TrimSpace(m.En) == "" || strings.TrimSpace(m.Zh) == "" {
				t.Fatalf("a language is missing: en %q, zh %q", m.En, m.Zh)
			}
			en, err := verbs(m.En)
			if err != nil {
				t.Fatalf("en %q: %v", m.En, err)
			}
			zh, err := verbs(m.Zh)
			if err != nil {
				t.Fatalf("zh %q: %v", m.Zh, err)
			}
			if !slices.Equal(en, zh) {
				t.Errorf("placeholders differ:\n en %q %v\n zh %q %v", m.En, en, m.Zh, zh)
			}
		})
	}
	for _, id := range idConstants(t) {
		if !seen[id] {
			t.Errorf("ID constant %q has no message", id)
		}
	}
	for _, c := range LegendColumns {
		if !seen[LegendColumn(c)] {
			t.Errorf("legend column %s: no message %s", c, LegendColumn(c))
		}
	}
	for _, o := range TrackOutcomeValues {
		if !seen[TrackLabel(o)] {
			t.Errorf("track outcome %s: no message %s", o, TrackLabel(o))
		}
	}
	for _, s := range StatusValues {
		for _, id := range []ID{StatusLabel(s), StatusMeaning(s), StatusAction(s)} {
			if !seen[id] {
				t.Errorf("status %s: no message %s", s, id)
			}
		}
	}
}

// verbRE matches one fmt verb with its optional argument index, flags,
// width and precision.
var verbRE = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?(%|[a-zA-Z])`)

// verbs returns the arguments a format uses, sorted, as "N:verb"; each
// argument must be used with one verb only.
func verbs(format string) ([]string, error) {
	used := map[int]byte{}
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			n, _ := strconv.Atoi(m[1])
			next = n
		}
		if v, ok := used[next]; ok && v != m[2][0] {
			return nil, &verbError{next}
		}
		used[next] = m[2][0]
		next++
	}
	var out []string
	for n, v := range used {
		out = append(out, strconv.Itoa(n)+":"+string(v))
	}
	slices.Sort(out)
	for i := 1; i <= len(used); i++ {
		if _, ok := used[i]; !ok {
			return nil, &verbError{i}
		}
	}
	return out, nil
}

type verbError struct{ arg int }

func (e *verbError) Error() string {
	return "argument " + strconv.Itoa(e.arg) + " is skipped or used with two verbs"
}

// idConstants returns the value of every constant of type ID declared in
// the package's files.
func idConstants(t *testing.T) []ID {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var ids []ID
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			if typ, ok := spec.Type.(*ast.Ident); !ok || typ.Name != "ID" {
				return true
			}
			for _, v := range spec.Values {
				if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					ids = append(ids, ID(s))
				}
			}
			return true
		})
	}
	if len(ids) < 10 {
		t.Fatalf("found %d ID constants: the parser misses them", len(ids))
	}
	return ids
}

// TestVerbs: the placeholder comparison sees indexes, widths and a
// skipped argument.
func TestVerbs(t *testing.T) {
	tests := []struct {
		name, a, b string
		same       bool
	}{
		{"same", "%d rows of %s", "%d 行，%s", true},
		{"reordered", "%q is not in %s", "%[2]s 中没有 %[1]q", true},
		{"width and zero precision", "%-9s %d%.0s", "%-9s %6d 行  %s", true},
		{"percent sign", "100%% of %d", "%d 的 100%%", true},
		{"verb differs", "%d rows", "%s 行", false},
		{"argument missing", "%s: %q", "%s", false},
		{"extra argument", "%s", "%s %s", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, errA := verbs(tc.a)
			b, errB := verbs(tc.b)
			same := errA == nil && errB == nil && slices.Equal(a, b)
			if same != tc.same {
				t.Errorf("verbs(%q) = %v, %v; verbs(%q) = %v, %v; same %v, want %v", tc.a, a, errA, tc.b, b, errB, same, tc.same)
			}
		})
	}
}
