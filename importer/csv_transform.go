package importer

import "golang.org/x/text/transform"

// csvFixer is a streaming transform applied to decoded (UTF-8) CSV text
// before encoding/csv splits it:
//   - a bare CR (old Mac line end) becomes LF; CRLF becomes LF;
//   - an unquoted cell holding Excel's text forcing, ="3012...", is quoted
//     ("=""3012...""") so that encoding/csv reads it as the cell text
//     ="3012..." instead of failing on a bare quote. The mark is kept: the
//     result sheet keeps the original cells, and the mapping removes the mark
//     (and takes it as proof that a long number's digits are genuine).
//
// It tracks quoting so that only cell starts are touched; a CR or '=' at
// the end of a buffer waits for the next byte (transform.ErrShortSrc).
type csvFixer struct {
	delim byte // 0 when the delimiter is not ASCII: only line starts count
	state csvFixState
}

type csvFixState int

const (
	csvFieldStart csvFixState = iota
	csvUnquoted
	csvQuoted
	csvQuoteInQuoted // saw '"' inside a quoted cell: end or escaped quote
	csvForced        // inside the string of an unquoted ="..." cell
)

func csvNewFixer(delim rune) *csvFixer {
	f := &csvFixer{}
	if delim > 0 && delim < 0x80 {
		f.delim = byte(delim)
	}
	return f
}

// Reset implements transform.Transformer.
func (f *csvFixer) Reset() { f.state = csvFieldStart }

// Transform implements transform.Transformer.
func (f *csvFixer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if n := f.plain(src[nSrc:], dst[nDst:]); n > 0 {
			copy(dst[nDst:], src[nSrc:nSrc+n])
			nDst += n
			nSrc += n
			continue
		}
		c := src[nSrc]
		lookahead := c == '\r' || (c == '=' && f.state == csvFieldStart) || (c == '"' && f.state == csvForced)
		if lookahead && nSrc+1 == len(src) && !atEOF {
			return nDst, nSrc, transform.ErrShortSrc
		}
		out, used := f.rewrite(src[nSrc:])
		if out == "" {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = c
			nDst++
			nSrc++
			f.step(c)
			continue
		}
		if nDst+len(out) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], out)
		nSrc += used
		f.after(c, used)
	}
	return nDst, nSrc, nil
}

// plain returns how many leading bytes of src pass unchanged without
// changing the state (the inside of a cell), at most len(dst).
func (f *csvFixer) plain(src, dst []byte) int {
	n := min(len(src), len(dst))
	switch f.state {
	case csvUnquoted:
		for i, c := range src[:n] {
			if c == '\r' || c == '\n' || (c == f.delim && f.delim != 0) {
				return i
			}
		}
	case csvQuoted:
		for i, c := range src[:n] {
			if c == '\r' || c == '"' {
				return i
			}
		}
	default:
		return 0
	}
	return n
}

// rewrite returns what replaces the first bytes of src and how many it
// replaces, or "" when the first byte passes unchanged.
func (f *csvFixer) rewrite(src []byte) (string, int) {
	c, next := src[0], byte(0)
	if len(src) > 1 {
		next = src[1]
	}
	switch {
	case c == '\r' && next == '\n':
		return "\n", 2
	case c == '\r':
		return "\n", 1
	case c == '=' && f.state == csvFieldStart && next == '"':
		return `"=""`, 2
	case c == '"' && f.state == csvForced && next == '"':
		return `""""`, 2 // an escaped quote inside the formula's string
	case c == '"' && f.state == csvForced:
		return `"""`, 1 // the formula string's closing quote, then the cell's
	}
	return "", 0
}

// after moves the state past a rewrite of used bytes starting with c.
func (f *csvFixer) after(c byte, used int) {
	switch {
	case c == '\r' && f.state != csvQuoted && f.state != csvForced:
		f.state = csvFieldStart
	case c == '=':
		f.state = csvForced
	case c == '"' && f.state == csvForced && used == 1:
		f.state = csvUnquoted
	}
}

// step moves the state past byte c (not a CR).
func (f *csvFixer) step(c byte) {
	switch f.state {
	case csvForced:
		return
	case csvQuoted:
		if c == '"' {
			f.state = csvQuoteInQuoted
		}
		return
	case csvQuoteInQuoted:
		if c == '"' {
			f.state = csvQuoted
			return
		}
	case csvFieldStart:
		if c == '"' {
			f.state = csvQuoted
			return
		}
	}
	switch {
	case c == '\n' || (f.delim != 0 && c == f.delim):
		f.state = csvFieldStart
	default:
		f.state = csvUnquoted
	}
}
