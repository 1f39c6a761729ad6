package sheet

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rwRecordWriter writes CSV records as encoding/csv's Writer does with
// UseCRLF (comma, quotes only where needed, CRLF after each record) except
// that a cell's own line breaks are written as they are: csv.Writer with
// UseCRLF turns a cell's LF into CRLF and drops a lone CR, so an XLSX
// cell's Alt+Enter line break (LF) would come out changed.
type rwRecordWriter struct {
	w rwTextWriter
}

// rwTextWriter is what a record is written to: a *bufio.Writer or a
// *bytes.Buffer, which keep (or never have) write errors.
type rwTextWriter interface {
	io.StringWriter
	io.ByteWriter
}

func rwNewRecordWriter(w rwTextWriter) *rwRecordWriter { return &rwRecordWriter{w: w} }

// Write writes one record. Errors of the underlying writer are kept by it
// (bufio.Writer reports them on Flush).
func (r *rwRecordWriter) Write(record []string) error {
	for i, f := range record {
		if i > 0 {
			_ = r.w.WriteByte(',')
		}
		if !rwNeedsQuotes(f) {
			_, _ = r.w.WriteString(f)
			continue
		}
		_ = r.w.WriteByte('"')
		for {
			j := strings.IndexByte(f, '"')
			if j < 0 {
				_, _ = r.w.WriteString(f)
				break
			}
			_, _ = r.w.WriteString(f[:j+1])
			_ = r.w.WriteByte('"')
			f = f[j+1:]
		}
		_ = r.w.WriteByte('"')
	}
	_, _ = r.w.WriteString("\r\n")
	return nil
}

// Flush implements the csv.Writer method the callers use; records are
// written through at once.
func (r *rwRecordWriter) Flush() {}

// Error implements the csv.Writer method the callers use.
func (r *rwRecordWriter) Error() error { return nil }

// rwNeedsQuotes reports whether a cell must be quoted: as encoding/csv
// decides it for a comma delimiter.
func rwNeedsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || strings.ContainsAny(f, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}
