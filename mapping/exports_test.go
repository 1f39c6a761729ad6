package mapping

import (
	"os"
	"path/filepath"
	"strings"
)

// exportHeaders holds the header rows of the real platform exports, byte
// for byte (testdata/exports/*.headers, from EXPORT-HEADERS.md), by name:
// taobao56, taobao67, jd30, pdd2020, pdd2023, doudian, youzan, shopify.
var exportHeaders = func() map[string][]string {
	out := map[string][]string{}
	paths, _ := filepath.Glob(filepath.Join("testdata", "exports", "*.headers"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			panic(err)
		}
		var cells []string
		for line := range strings.Lines(string(data)) {
			if line = strings.TrimSuffix(line, "\n"); !strings.HasPrefix(line, "#") {
				cells = append(cells, line)
			}
		}
		out[strings.TrimSuffix(filepath.Base(p), ".headers")] = cells
	}
	return out
}()
