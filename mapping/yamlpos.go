package mapping

import (
	"errors"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/width"
)

// go-yaml's syntax errors name a line that is often not the one at fault:
// it prefers the line where the construct being parsed starts (its
// "context") to the line of the problem itself, and counts that line from
// 0 for the parser's errors (from 1 for the scanner's). It names the
// problem's own line only when the context starts on the first line. So the
// problem is found with the same parser: parsed again from the line it
// named, the construct starts on the first line and the parser names the
// problem's line; the column is the end of the shortest text that fails
// the same way.

// yamlParserProblems are go-yaml's parser errors (parserc.go): their lines
// count from 0. Its scanner's errors count from 1.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found duplicate %TAG directive":         true,
	"found incompatible YAML document":       true,
}

// yamlColumnSearchMax bounds the search for the problem's column: one parse
// per character of the line, of the text from the construct's start to it.
const yamlColumnSearchMax = 64 << 10

// yamlFailure is what a parse of some YAML text says: whether it failed,
// the problem, and the 0-based line go-yaml names (0 when it names none).
type yamlFailure struct {
	failed bool
	msg    string
	line   int
}

func yamlParse(text string) yamlFailure {
	var n yaml.Node
	err := yaml.Unmarshal([]byte(text), &n)
	if err == nil {
		return yamlFailure{}
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(num); err == nil {
				line, msg = l, tail
				if !yamlParserProblems[msg] {
					line--
				}
			}
		}
	}
	return yamlFailure{failed: true, msg: msg, line: line}
}

// yamlError turns a go-yaml syntax error of data into a ParseError at the
// line and column the parser points at, with that line's text.
func (p parser) yamlError(data []byte, err error) error {
	text := string(data)
	whole := yamlParse(text)
	if !whole.failed {
		// Not a syntax error (the error came from decoding): as it is.
		return &ParseError{File: p.file, Err: errors.New(strings.TrimPrefix(err.Error(), "yaml: "))}
	}
	lines := strings.SplitAfter(text, "\n")
	if !strings.Contains(err.Error(), "yaml: line ") || whole.line >= len(lines) {
		// go-yaml names no line (an anchor that is not defined, a
		// character that is not allowed): no place to show.
		return &ParseError{File: p.file, Err: errors.New(whole.msg)}
	}
	base := whole.line
	at := base
	if again := yamlParse(strings.Join(lines[base:], "")); again.failed && again.msg == whole.msg {
		at = base + again.line
	}
	msg, atEnd := whole.msg, false
	if at >= len(lines) || strings.TrimSpace(lines[at]) == "" {
		// The problem is the end of the file (a quote or a bracket never
		// closed): show where the construct starts, or the last line.
		at, atEnd = min(base, len(lines)-1), true
		for at > 0 && strings.TrimSpace(lines[at]) == "" {
			at--
		}
		base = min(base, at)
		msg += " (what starts on this line is not closed)"
	}
	col := yamlColumn(lines, base, at, whole.msg, atEnd)
	src := strings.TrimRight(lines[at], "\r\n")
	return &ParseError{File: p.file, Line: at + 1, Column: displayColumn(src, col) + 1, Source: src,
		Err: errors.New(msg)}
}

// yamlColumn returns the byte offset in lines[at] of the character at which
// the text from lines[base] fails with msg at that line: the end of the
// shortest such text. A text cut short fails at its end, on the line after
// it, so it is not taken for the problem, unless the problem is the end
// (atEnd). Where it cannot be told (only the lines after make it fail), it
// is the line's first character that is not a space.
func yamlColumn(lines []string, base, at int, msg string, atEnd bool) int {
	line := strings.TrimRight(lines[at], "\r\n")
	first := len(line) - len(strings.TrimLeft(line, " \t"))
	head := strings.Join(lines[base:at], "")
	if len(line)*(len(head)+len(line)) > yamlColumnSearchMax*64 {
		return first
	}
	same := func(f yamlFailure) bool {
		return f.failed && f.msg == msg && (f.line == at-base || atEnd && f.line == at-base+1)
	}
	for m := 1; m <= len(line); m++ {
		if m < len(line) && !isRuneStart(line[m]) {
			continue
		}
		if same(yamlParse(head + line[:m])) {
			return strings.LastIndexFunc(line[:m], func(rune) bool { return true })
		}
	}
	return first
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// displayColumn is the column at which byte offset off of line shows on a
// terminal (wide characters take two columns; a tab counts as one, and the
// caret line copies it).
func displayColumn(line string, off int) int {
	col := 0
	for _, r := range line[:min(off, len(line))] {
		col += runeWidth(r)
	}
	return col
}

func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// caretLine is the line under src that puts a caret at display column col
// (1-based), copying src's tabs so that it lines up.
func caretLine(src string, col int) string {
	var b strings.Builder
	n := 1
	for _, r := range src {
		if n >= col {
			break
		}
		w := runeWidth(r)
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteString(strings.Repeat(" ", w))
		}
		n += w
	}
	b.WriteByte('^')
	return b.String()
}
