package sheet

// csvRefFixer is the first, byte-by-byte csvFixer, kept as the reference
// the faster one is checked against (FuzzCSVFixer).
import (
	"bytes"
	"testing"

	"golang.org/x/text/transform"
)

// csvRefFixer is a streaming transform applied to decoded (UTF-8) CSV text
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
type csvRefFixer struct {
	delim byte // 0 when the delimiter is not ASCII: only line starts count
	state csvRefFixState
}

type csvRefFixState int

const (
	csvRefFieldStart csvRefFixState = iota
	csvRefUnquoted
	csvRefQuoted
	csvRefQuoteInQuoted // saw '"' inside a quoted cell: end or escaped quote
	csvRefForced        // inside the string of an unquoted ="..." cell
)

func csvNewRefFixer(delim rune) *csvRefFixer {
	f := &csvRefFixer{}
	if delim > 0 && delim < 0x80 {
		f.delim = byte(delim)
	}
	return f
}

// Reset implements transform.Transformer.
func (f *csvRefFixer) Reset() { f.state = csvRefFieldStart }

// Transform implements transform.Transformer.
func (f *csvRefFixer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if n := f.plain(src[nSrc:], dst[nDst:]); n > 0 {
			copy(dst[nDst:], src[nSrc:nSrc+n])
			nDst += n
			nSrc += n
			continue
		}
		c := src[nSrc]
		lookahead := c == '\r' || (c == '=' && f.state == csvRefFieldStart) || (c == '"' && f.state == csvRefForced)
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
func (f *csvRefFixer) plain(src, dst []byte) int {
	n := min(len(src), len(dst))
	switch f.state {
	case csvRefUnquoted:
		for i, c := range src[:n] {
			if c == '\r' || c == '\n' || (c == f.delim && f.delim != 0) {
				return i
			}
		}
	case csvRefQuoted:
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
func (f *csvRefFixer) rewrite(src []byte) (string, int) {
	c, next := src[0], byte(0)
	if len(src) > 1 {
		next = src[1]
	}
	switch {
	case c == '\r' && next == '\n':
		return "\n", 2
	case c == '\r':
		return "\n", 1
	case c == '=' && f.state == csvRefFieldStart && next == '"':
		return `"=""`, 2
	case c == '"' && f.state == csvRefForced && next == '"':
		return `""""`, 2 // an escaped quote inside the formula's string
	case c == '"' && f.state == csvRefForced:
		return `"""`, 1 // the formula string's closing quote, then the cell's
	}
	return "", 0
}

// after moves the state past a rewrite of used bytes starting with c.
func (f *csvRefFixer) after(c byte, used int) {
	switch {
	case c == '\r' && f.state != csvRefQuoted && f.state != csvRefForced:
		f.state = csvRefFieldStart
	case c == '=':
		f.state = csvRefForced
	case c == '"' && f.state == csvRefForced && used == 1:
		f.state = csvRefUnquoted
	}
}

// step moves the state past byte c (not a CR).
func (f *csvRefFixer) step(c byte) {
	switch f.state {
	case csvRefForced:
		return
	case csvRefQuoted:
		if c == '"' {
			f.state = csvRefQuoteInQuoted
		}
		return
	case csvRefQuoteInQuoted:
		if c == '"' {
			f.state = csvRefQuoted
			return
		}
	case csvRefFieldStart:
		if c == '"' {
			f.state = csvRefQuoted
			return
		}
	}
	switch {
	case c == '\n' || (f.delim != 0 && c == f.delim):
		f.state = csvRefFieldStart
	default:
		f.state = csvRefUnquoted
	}
}

// fixAll runs t over in, fed in chunks of size step, as a transform.Reader
// would.
func fixAll(t transform.Transformer, in []byte, step int) ([]byte, error) {
	var out []byte
	dst := make([]byte, 7)
	src := []byte{}
	rest := in
	for {
		take := min(step, len(rest))
		src = append(src, rest[:take]...)
		rest = rest[take:]
		atEOF := len(rest) == 0
		for {
			nDst, nSrc, err := t.Transform(dst, src, atEOF)
			out = append(out, dst[:nDst]...)
			src = src[nSrc:]
			if err == transform.ErrShortDst {
				continue
			}
			if err == transform.ErrShortSrc && !atEOF {
				break
			}
			if err != nil {
				return out, err
			}
			if len(src) == 0 || !atEOF {
				break
			}
		}
		if atEOF && len(src) == 0 {
			return out, nil
		}
	}
}

// FuzzCSVFixer checks that the fast fixer writes exactly what the
// byte-by-byte reference writes, for any input and any chunking.
func FuzzCSVFixer(f *testing.F) {
	for _, s := range []string{"a,=\"1\"\r\n\r=\"2\",\"x\r\ny\"\r", "a,b\r\n1,\"x\"\"y\"\n", "=\"a\"\"b\",c\r", "\"\"\"\r\r\n=", "x=\"1\",y\"z"} {
		f.Add([]byte(s), uint8(3), true)
	}
	f.Fuzz(func(t *testing.T, in []byte, step uint8, comma bool) {
		delim := rune(';')
		if comma {
			delim = ','
		}
		s := max(int(step)%17, 1)
		want, werr := fixAll(csvNewRefFixer(delim), in, s)
		got, gerr := fixAll(csvNewFixer(delim), in, s)
		if (werr == nil) != (gerr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("in %q step %d: got %q (%v), want %q (%v)", in, s, got, gerr, want, werr)
		}
	})
}
