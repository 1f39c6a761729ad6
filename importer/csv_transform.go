package importer

import "golang.org/x/text/transform"

// csvFixer is a streaming transform applied to decoded (UTF-8) CSV text
// before encoding/csv splits it:
//   - a bare CR (old Mac line end) becomes LF; CRLF becomes LF;
//   - an unquoted cell starting with =" (Excel's text forcing, ="3012...")
//     loses its '=' so that encoding/csv sees a quoted cell instead of a
//     bare quote.
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
		if nDst >= len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		c := src[nSrc]
		if c == '\r' || (c == '=' && f.state == csvFieldStart) {
			if nSrc+1 == len(src) && !atEOF {
				return nDst, nSrc, transform.ErrShortSrc
			}
		}
		switch {
		case c == '\r':
			dst[nDst] = '\n'
			nSrc++
			if nSrc < len(src) && src[nSrc] == '\n' {
				nSrc++
			}
			f.newline()
		case c == '=' && f.state == csvFieldStart && nSrc+1 < len(src) && src[nSrc+1] == '"':
			dst[nDst] = '"'
			nSrc += 2
			f.state = csvQuoted
		default:
			dst[nDst] = c
			nSrc++
			f.step(c)
		}
		nDst++
	}
	return nDst, nSrc, nil
}

// newline moves the state past a line end.
func (f *csvFixer) newline() {
	if f.state != csvQuoted {
		f.state = csvFieldStart
	}
}

// step moves the state past byte c (not a CR).
func (f *csvFixer) step(c byte) {
	switch f.state {
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
