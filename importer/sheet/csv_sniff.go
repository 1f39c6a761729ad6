package sheet

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// csvSniffRecords is how many records the delimiter sniffing looks at.
const csvSniffRecords = 20

// csvSniffDelimiter picks among comma, tab, semicolon and vertical bar the
// delimiter that splits the first records of sample into the most
// consistent number (> 1) of fields. full reports whether sample is the
// whole file. UTF-16 files ("Unicode text" from Excel) prefer tab on a
// tie; others comma.
func csvSniffDelimiter(sample []byte, full bool, enc encChoice) rune {
	if !full {
		if i := bytes.LastIndexByte(sample, '\n'); i > 0 {
			sample = sample[:i+1]
		}
	}
	sample = bytes.ReplaceAll(sample, []byte("\r\n"), []byte("\n"))
	sample = bytes.ReplaceAll(sample, []byte("\r"), []byte("\n"))
	order := []rune{',', '\t', ';', '|'}
	if enc.name == "utf-16le" || enc.name == "utf-16be" {
		order = []rune{'\t', ',', ';', '|'}
	}
	best, bestFreq, bestWidth := order[0], 0, 0
	for _, d := range order {
		freq, width := csvSniffScore(sample, d)
		if width < 2 {
			continue
		}
		if freq > bestFreq || (freq == bestFreq && width > bestWidth) {
			best, bestFreq, bestWidth = d, freq, width
		}
	}
	return best
}

// csvSniffScore returns how many sampled records have the most common
// field count, and that count.
func csvSniffScore(sample []byte, delim rune) (freq, width int) {
	r := csv.NewReader(bytes.NewReader(sample))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	counts := map[int]int{}
	for i := 0; i < csvSniffRecords; i++ {
		rec, err := r.Read()
		if err != nil {
			break
		}
		counts[len(rec)]++
	}
	for w, n := range counts {
		if n > freq || (n == freq && w > width) {
			freq, width = n, w
		}
	}
	return freq, width
}

// csvDelimiterFlag returns, for the first row of a file whose header was
// not found, the --delimiter to hint at when the row is one column whose
// cell holds a vertical bar, semicolon or tab (the file is split by
// another delimiter than the one used): `"|"`, `";"` or tab; "" otherwise.
func csvDelimiterFlag(cells []string) string {
	cell := ""
	for _, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if cell != "" {
			return "" // more than one column
		}
		cell = c
	}
	best, bestN := "", 0
	for _, d := range []struct{ char, flag string }{{"|", `"|"`}, {";", `";"`}, {"\t", "tab"}} {
		if n := strings.Count(cell, d.char); n > bestN {
			best, bestN = d.flag, n
		}
	}
	return best
}
