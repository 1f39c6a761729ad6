package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/transform"

	"orderimport/importer/i18n"
)

// csvSource streams the records of one CSV file.
type csvSource struct {
	name     string
	file     *os.File
	r        *csv.Reader
	guard    *csvGuard
	enc      encChoice
	lastLine int // the text line the last record starts on
	// The row Excel shows the last record on, and the text line it ends
	// on: a record's row is the last one's plus the lines between them
	// (blank lines are rows too), whatever line breaks its cells hold.
	lastRow, lastEnd int

	// With a comma delimiter, the text of each record is kept (Row.Raw):
	// tee sees what encoding/csv reads, off is where the last record ended,
	// raw is its text (in tee, until the next record is read).
	tee *csvTee
	off int64
	raw []byte
}

// csvOpen opens path, detects its encoding and delimiter and prepares an
// encoding/csv reader of its own (no package-global settings).
func csvOpen(path, name string, o Options) (*csvSource, error) {
	fail := func(err error) (*csvSource, error) {
		return nil, &Error{File: name, Err: err}
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(readStripPathError(err))
	}
	s := &csvSource{name: name, file: f}
	if err := s.init(bufio.NewReaderSize(f, encSniffBytes), o); err != nil {
		f.Close()
		return fail(err)
	}
	return s, nil
}

func (s *csvSource) init(raw *bufio.Reader, o Options) error {
	head, err := raw.Peek(encSniffBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return err
	}
	if o.Encoding != "" {
		if s.enc, err = encByName(o.Encoding); err != nil {
			return err
		}
	} else {
		s.enc = encDetect(head, len(head) < encSniffBytes)
	}
	decoded := bufio.NewReaderSize(transform.NewReader(raw, encDecoder(s.enc)), encSniffBytes)
	delim := o.Delimiter
	if delim == 0 {
		sample, err := decoded.Peek(encSniffBytes)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return csvDecodeError(s.enc, err)
		}
		delim = csvSniffDelimiter(sample, len(sample) < encSniffBytes, s.enc)
	}
	s.guard = &csvGuard{r: transform.NewReader(decoded, csvNewFixer(delim)), limit: csvRecordLimit(o)}
	var text io.Reader = s.guard
	if delim == ',' {
		s.tee = &csvTee{r: s.guard}
		text = s.tee
	}
	s.r = csv.NewReader(text)
	s.r.Comma = delim
	s.r.FieldsPerRecord = -1
	s.r.LazyQuotes = false
	s.r.ReuseRecord = true // next's cells are valid until the next call
	if err := csvCheckDelimiter(s.r); err != nil {
		return err
	}
	return nil
}

// csvCheckDelimiter rejects delimiters encoding/csv cannot use, before the
// first Read reports it less clearly.
func csvCheckDelimiter(r *csv.Reader) error {
	c := r.Comma
	if c == '"' || c == '\r' || c == '\n' || c == 0xFFFD || c < 0 {
		return fmt.Errorf("invalid delimiter %q", c)
	}
	return nil
}

func csvDecodeError(c encChoice, err error) error {
	return reason(i18n.SheetCannotDecode, c.name, err)
}

// csvRecordLimit bounds the bytes one record may span, so an unbalanced
// quote cannot pull a whole file into memory.
func csvRecordLimit(o Options) int64 {
	limit := int64(o.MaxCellBytes) * int64(o.MaxColumns)
	limit = min(limit, 64<<20)
	return max(limit, int64(o.MaxCellBytes)+64<<10)
}

func (s *csvSource) displayName() string { return s.name }
func (s *csvSource) fileName() string    { return s.name }
func (s *csvSource) sheetName() string   { return "" }
func (s *csvSource) close() error        { return s.file.Close() }

func (s *csvSource) errorf(line, col int, id i18n.ID, a ...any) *Error {
	return &Error{File: s.name, Line: line, Column: col, Err: reason(id, a...)}
}

// next returns the next record with the row Excel shows it on.
func (s *csvSource) next() (int, []string, error) {
	if s.tee != nil {
		s.tee.release(s.off) // the caller is done with the last record's text
	}
	s.guard.reset()
	rec, err := s.r.Read()
	if err != nil {
		return 0, nil, s.readError(err)
	}
	line, _ := s.r.FieldPos(0)
	row := s.lastRow + line - s.lastEnd
	s.lastLine, s.lastRow = line, row
	s.lastEnd, _ = s.r.FieldPos(len(rec) - 1)
	if last := rec[len(rec)-1]; len(last) > 0 {
		s.lastEnd += strings.Count(last, "\n") // line ends are LF here (csvFixer)
	}
	if s.tee != nil {
		s.keepRaw()
	}
	if err := s.checkCells(row, line, rec); err != nil {
		return 0, nil, err
	}
	return row, rec, nil
}

// lastTextLine implements textLineSource.
func (s *csvSource) lastTextLine() int { return s.lastLine }

// replacement is U+FFFD in UTF-8: what a decoder puts for what it cannot
// decode.
var replacement = []byte("\uFFFD")

// checkCells reports NUL bytes and undecodable characters. A record whose
// text (its cells come from it) has neither is settled in one pass.
func (s *csvSource) checkCells(row, line int, rec []string) error {
	if s.raw != nil && bytes.IndexByte(s.raw, 0) < 0 && !(s.enc.guessed && bytes.Contains(s.raw, replacement)) {
		return nil
	}
	for i, c := range rec {
		if err := s.checkCell(row, line, i+1, c); err != nil {
			return err
		}
	}
	return nil
}

// lastRaw implements rawSource: the text of the record next returned last,
// or nil when the delimiter is not a comma.
func (s *csvSource) lastRaw() []byte { return s.raw }

// keepRaw finds the text of the record just read in the tee, without the
// blank lines encoding/csv skipped before it and without its line end. It
// stays there until the next record is read.
func (s *csvSource) keepRaw() {
	end := s.r.InputOffset()
	b := s.tee.text(s.off, end)
	for len(b) > 0 && b[0] == '\n' {
		b = b[1:]
	}
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	s.raw = b[:len(b):len(b)]
	s.off = end
}

func (s *csvSource) readError(err error) error {
	if errors.Is(err, io.EOF) {
		return io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return s.parseError(pe)
	}
	if errors.Is(err, errCSVRecordTooLong) {
		return s.errorf(s.lastEnd+1, 0, i18n.SheetRowTooLong, s.guard.limit)
	}
	return &Error{File: s.name, Line: s.lastEnd + 1, Err: csvDecodeError(s.enc, readStripPathError(err))}
}

func (s *csvSource) parseError(pe *csv.ParseError) error {
	switch {
	case errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line:
		return s.errorf(pe.StartLine, 0, i18n.SheetQuoteNotClosed, pe.Line)
	case errors.Is(pe.Err, csv.ErrQuote):
		return s.errorf(pe.Line, 0, i18n.SheetQuoteExtraneous, pe.Column)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return s.errorf(pe.Line, 0, i18n.SheetBareQuote, pe.Column)
	}
	return &Error{File: s.name, Line: pe.Line, Err: pe.Err}
}

// checkCell reports NUL bytes and undecodable characters.
func (s *csvSource) checkCell(row, line, col int, c string) error {
	var err *Error
	if strings.IndexByte(c, 0) >= 0 {
		var hint any = ""
		if s.enc.guessed {
			hint = reason(i18n.SheetUTF16Hint)
		}
		err = s.errorf(row, col, i18n.SheetNUL, hint)
	} else if s.enc.guessed && strings.ContainsRune(c, '\uFFFD') {
		err = s.errorf(row, col, i18n.SheetBadChars, s.enc.name)
	}
	if err != nil {
		err.TextLine = line
		return err
	}
	return nil
}

// csvTee keeps the text encoding/csv reads from r until it is released, so
// that the text of each record can travel with its cells.
type csvTee struct {
	r    io.Reader
	buf  []byte // text read and not released
	base int64  // input offset of buf[0]
}

// Read implements io.Reader.
func (t *csvTee) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// text returns the text between input offsets from and to, valid until the
// next release or Read.
func (t *csvTee) text(from, to int64) []byte {
	return t.buf[from-t.base : to-t.base]
}

// release forgets the text before input offset off (at times: the copy is
// amortised over many records).
func (t *csvTee) release(off int64) {
	drop := int(off - t.base)
	if drop < 32<<10 || drop < len(t.buf)/2 {
		return
	}
	t.buf = t.buf[:copy(t.buf, t.buf[drop:])]
	t.base = off
}

// errCSVRecordTooLong is returned by csvGuard when one record spans more
// bytes than allowed.
var errCSVRecordTooLong = errors.New("record too long")

// csvGuard counts the bytes read since the last record boundary (reset by
// the caller before each Read; encoding/csv reads ahead by at most its
// 4 KiB buffer, so the count is close enough).
type csvGuard struct {
	r     io.Reader
	n     int64
	limit int64
}

func (g *csvGuard) reset() { g.n = 0 }

// Read implements io.Reader.
func (g *csvGuard) Read(p []byte) (int, error) {
	if g.n > g.limit {
		return 0, errCSVRecordTooLong
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}
