package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
)

// rwCSV writes a CSV result sheet: UTF-8 with BOM (so that Excel on Chinese
// Windows opens it right), comma separated, CRLF line ends, the input's
// cells exactly as given (reading it back gives the same cells) and the
// result cells neutralised where a spreadsheet would take them for a
// formula (csvNeutral).
type rwCSV struct {
	path  string
	tmp   *atomicFile
	buf   *bufio.Writer
	w     *csv.Writer
	width int
	done  bool
	// tracked: the tracking columns follow the result columns.
	tracked bool
	row     []string // reused for every row: csv.Writer.Write keeps nothing

	// The result cells of the last raw row, encoded by encW into enc: the
	// next row with the same result (most rows of a dry run or of a run that
	// goes well: "ready" or "ok" and blanks) copies them.
	last RowResult
	enc  bytes.Buffer
	encW *csv.Writer
}

func rwNewCSV(path string) (*rwCSV, error) {
	tmp, err := createAtomic(path)
	if err != nil {
		return nil, fmt.Errorf("create result sheet: %w", err)
	}
	buf := bufio.NewWriterSize(tmp, 64<<10)
	w := csv.NewWriter(buf)
	w.UseCRLF = true
	if _, err := buf.WriteString("\ufeff"); err != nil {
		tmp.discard()
		return nil, rwError(path, err)
	}
	return &rwCSV{path: path, tmp: tmp, buf: buf, w: w}, nil
}

// WriteHeader implements ResultWriter.
func (c *rwCSV) WriteHeader(header []string) error {
	c.width = len(header)
	return c.write(resultHeader(header, c.tracked))
}

// WriteRow implements ResultWriter. A row read from a comma-separated CSV
// is copied as it was read (Row.Raw) and only the result cells are encoded.
func (c *rwCSV) WriteRow(in Row, r RowResult) error {
	if in.Raw != nil {
		return c.writeRaw(in, r)
	}
	row := append(c.row[:0], in.Cells...)
	for len(row) < c.width {
		row = append(row, "")
	}
	row = r.csvSafe().appendAll(row, c.tracked)
	c.row = row
	return c.write(row)
}

// writeRaw writes the row's CSV text, the commas of its missing cells, and
// the result cells. The csv.Writer writes straight into c.buf (it adopts a
// bufio.Writer of at least 4 KiB), so the two kinds of writes interleave.
func (c *rwCSV) writeRaw(in Row, r RowResult) error {
	if c.done {
		return errors.New("write result sheet: already closed")
	}
	_, _ = c.buf.Write(in.Raw)
	for range max(c.width-len(in.Cells), 0) + 1 { // the missing cells, then the results
		_ = c.buf.WriteByte(',')
	}
	if err := c.encodeResult(r); err != nil {
		return fmt.Errorf("write result sheet %s: %w", c.path, err)
	}
	_, _ = c.buf.Write(c.enc.Bytes()) // a write error is kept by buf and reported by Close
	return nil
}

// encodeResult leaves the CSV text of r's cells and the line end in c.enc,
// encoding them only when r differs from the last row's result.
func (c *rwCSV) encodeResult(r RowResult) error {
	if c.encW != nil && r == c.last {
		return nil
	}
	if c.encW == nil {
		c.encW = csv.NewWriter(&c.enc)
		c.encW.UseCRLF = true
	}
	c.enc.Reset()
	c.row = r.csvSafe().appendAll(c.row[:0], c.tracked)
	if err := c.encW.Write(c.row); err != nil {
		return err
	}
	c.encW.Flush()
	c.last = r
	return c.encW.Error()
}

func (c *rwCSV) write(row []string) error {
	if c.done {
		return errors.New("write result sheet: already closed")
	}
	if err := c.w.Write(row); err != nil {
		return fmt.Errorf("write result sheet %s: %w", c.path, err)
	}
	return nil
}

// Close implements ResultWriter.
func (c *rwCSV) Close() error {
	if c.done {
		return nil
	}
	c.done = true
	c.w.Flush()
	err := c.w.Error()
	if err == nil {
		err = c.buf.Flush()
	}
	if err != nil {
		c.tmp.discard()
		return rwError(c.path, err)
	}
	if err := c.tmp.commit(); err != nil {
		return rwError(c.path, err)
	}
	return nil
}
