package importer_test

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// screen is a tiny model of a terminal: it interprets the bytes a program
// writes the way a terminal shows them (printable text with wrapping at
// the width, carriage return, line feed, erase in line), keeping every line
// that scrolled by. It tells what a person would see.
type screen struct {
	width     int
	lines     [][]rune // a wide character is followed by a 0 placeholder
	row, col  int
	wrapNext  bool // the last column was written: the next character wraps
	unhandled []string
}

func newScreen(width int) *screen { return &screen{width: width, lines: [][]rune{nil}} }

// write interprets out.
func (s *screen) write(out string) {
	rs := []rune(out)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == '\r':
			s.col, s.wrapNext = 0, false
		case r == '\n':
			s.lineFeed()
		case r == '\x1b' && i+1 < len(rs) && rs[i+1] == '[':
			j := i + 2
			for j < len(rs) && (rs[j] < 0x40 || rs[j] > 0x7e) {
				j++
			}
			if j < len(rs) {
				s.csi(string(rs[i+2:j]), rs[j])
			}
			i = j
		case r == '\b':
			s.col, s.wrapNext = max(0, s.col-1), false
		case r < ' ' || r == 0x7f:
			// other control characters move nothing
		default:
			s.put(r)
		}
	}
}

func (s *screen) lineFeed() {
	s.row++
	s.wrapNext = false
	for len(s.lines) <= s.row {
		s.lines = append(s.lines, nil)
	}
}

func (s *screen) put(r rune) {
	w := 1
	if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
		w = 2
	}
	if s.wrapNext || s.col+w > s.width {
		s.lineFeed()
		s.col = 0
	}
	line := s.lines[s.row]
	for len(line) < s.col+w {
		line = append(line, ' ')
	}
	line[s.col] = r
	if w == 2 {
		line[s.col+1] = 0
	}
	s.lines[s.row] = line
	s.col += w
	if s.col == s.width {
		s.col, s.wrapNext = s.width-1, true
	}
}

// csi handles the control sequences "ESC [ params final".
func (s *screen) csi(params string, final rune) {
	n, _ := strconv.Atoi(params)
	line := s.lines[s.row]
	switch final {
	case 'K':
		switch n {
		case 0:
			if s.col < len(line) {
				s.lines[s.row] = line[:s.col]
			}
		case 1:
			for i := 0; i <= s.col && i < len(line); i++ {
				line[i] = ' '
			}
		case 2:
			s.lines[s.row] = nil
		}
	case 'm', 'h', 'l':
		// colours and modes show nothing
	default:
		s.unhandled = append(s.unhandled, params+string(final))
	}
}

// text returns the lines as shown, trailing spaces removed.
func (s *screen) text() []string {
	out := make([]string, len(s.lines))
	for i, l := range s.lines {
		out[i] = strings.TrimRight(strings.ReplaceAll(string(l), "\x00", ""), " ")
	}
	return out
}

// barFrame matches a progress bar frame, "45% |████    | (135/300, 50
// rows/s)", or a spinner's "ready 12 (12 rows/s)".
var barFrame = regexp.MustCompile(`\d+% \||\d+ rows/(s|min|hr)\)`)

// logText matches a slog text line.
var logText = regexp.MustCompile(`time=\S+ level=[A-Z]+`)

// frames returns the lines that hold a bar frame.
func frames(lines []string) []string {
	var out []string
	for _, l := range lines {
		if barFrame.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}
