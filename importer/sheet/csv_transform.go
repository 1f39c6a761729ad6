package sheet

import (
	"bytes"

	"golang.org/x/text/transform"
)

// csvFixer is a streaming transform applied to decoded (UTF-8) CSV text
// before encoding/csv splits it:
//   - a bare CR (old Mac line end) becomes LF; CRLF becomes LF;
//   - an unquoted cell holding Excel's text forcing, ="3012...", is quoted
//     ("=""3012...""") so that encoding/csv reads it as the cell text
//     ="3012..." instead of failing on a bare quote. The mark is kept: the
//     result sheet keeps the original cells, and the mapping removes the mark
//     (and takes it as proof that a long number's digits are genuine).
//
// It tracks quoting so that only cell starts are touched. Runs of bytes
// that need nothing (almost all of a file) are found with bytes.IndexByte
// (see csvStops) and copied at once; a CR, '"' or '=' at the end of a buffer
// waits for the next byte (transform.ErrShortSrc), which decides what it is.
type csvFixer struct {
	delim  byte // 0 when the delimiter is not ASCII: only line starts count
	quoted bool // inside a quoted cell
	forced bool // inside the string of an unquoted ="..." cell
	last   byte // the last byte written: a cell starts after delim or LF
}

// csvStops finds the bytes of one source buffer where a run of plain text
// ends: '\r', '"' and, outside quotes, '='. Each kind's next position is
// found with bytes.IndexByte (vectorised) and remembered until the fixer
// passes it, so each byte is scanned at most once per kind, however the
// stops mix.
type csvStops struct {
	src []byte
	at  [3]int // next index of csvStopBytes[k] at or after the last query; len(src) when none
}

var csvStopBytes = [3]byte{'\r', '"', '='}

func newCSVStops(src []byte) csvStops { return csvStops{src: src, at: [3]int{-1, -1, -1}} }

// next returns the index of the first stop at or after from, or len(src);
// '=' counts only when withEq.
func (s *csvStops) next(from int, withEq bool) int {
	kinds := len(csvStopBytes)
	if !withEq {
		kinds--
	}
	first := len(s.src)
	for k := range kinds {
		if s.at[k] < from {
			s.at[k] = len(s.src)
			if i := bytes.IndexByte(s.src[from:], csvStopBytes[k]); i >= 0 {
				s.at[k] = from + i
			}
		}
		first = min(first, s.at[k])
	}
	return first
}

func csvNewFixer(delim rune) *csvFixer {
	f := &csvFixer{last: '\n'}
	if delim > 0 && delim < 0x80 {
		f.delim = byte(delim)
	}
	return f
}

// Reset implements transform.Transformer.
func (f *csvFixer) Reset() { *f = csvFixer{delim: f.delim, last: '\n'} }

// Transform implements transform.Transformer.
func (f *csvFixer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	stops := newCSVStops(src)
	for nSrc < len(src) {
		end := stops.next(nSrc, !f.quoted && !f.forced)
		if n := min(end-nSrc, len(dst)-nDst); n > 0 {
			nDst += copy(dst[nDst:], src[nSrc:nSrc+n])
			nSrc += n
			f.last = src[nSrc-1]
			continue
		}
		if nSrc+1 == len(src) && !atEOF {
			return nDst, nSrc, transform.ErrShortSrc // the next byte decides
		}
		out, used, next := f.rewrite(src[nSrc:])
		if nDst+len(out) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], out)
		nSrc += used
		f.quoted, f.forced, f.last = next.quoted, next.forced, out[len(out)-1]
	}
	return nDst, nSrc, nil
}

// rewrite returns what replaces the first bytes of src (a stop byte), how
// many it replaces, and the state after them.
func (f *csvFixer) rewrite(src []byte) (out string, used int, after csvFixer) {
	c, next := src[0], byte(0)
	if len(src) > 1 {
		next = src[1]
	}
	after = *f
	switch {
	case c == '\r' && next == '\n':
		return "\n", 2, after
	case c == '\r':
		return "\n", 1, after
	case f.quoted && next == '"':
		return `""`, 2, after // an escaped quote
	case f.quoted:
		after.quoted = false
		return `"`, 1, after
	case f.forced && next == '"':
		return `""""`, 2, after // an escaped quote inside the formula's string
	case f.forced:
		after.forced = false
		return `"""`, 1, after // the formula string's closing quote, then the cell's
	case c == '"' && f.atCellStart():
		after.quoted = true
		return `"`, 1, after
	case c == '=' && next == '"' && f.atCellStart():
		after.forced = true
		return `"=""`, 2, after
	}
	return string(c), 1, after // '"' or '=' inside an unquoted cell
}

// atCellStart reports whether the next byte starts a cell.
func (f *csvFixer) atCellStart() bool {
	return f.last == '\n' || (f.delim != 0 && f.last == f.delim)
}
