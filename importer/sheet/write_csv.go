package sheet

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"orderimport/importer/internal/atomicfile"
)

// rwCSV writes a CSV result sheet: UTF-8 with BOM (so that Excel on Chinese
// Windows opens it right), comma separated, CRLF line ends, the input's
// cells exactly as given, their own line breaks included (reading it back
// gives the same cells), and the added cells neutralised where a
// spreadsheet would take them for a formula (Neutral, Column.Plain).
type rwCSV struct {
	path  string
	tmp   *atomicfile.File
	buf   *bufio.Writer
	w     *rwRecordWriter
	width int
	done  bool
	row   []string // reused for every row: Write keeps nothing
	res   Result

	// The cells beyond the header: the layout's count (labelled extra_N in
	// the header), the most a row had, and the header's length in bytes
	// (BOM included), to label them at Close when a row had more.
	layout    Layout
	extras    int
	mostExtra int
	headLen   int64

	// The added cells of the last raw row, encoded by encW into enc: the
	// next row with the same cells (most rows of a dry run or of a run that
	// goes well: "ready" or "ok" and blanks) copies them.
	last []string
	enc  bytes.Buffer
	encW *rwRecordWriter
}

func rwNewCSV(path string, res Result) (*rwCSV, error) {
	tmp, err := atomicfile.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create result sheet: %w", err)
	}
	buf := bufio.NewWriterSize(tmp, 64<<10)
	w := rwNewRecordWriter(buf)
	if _, err := buf.WriteString("\ufeff"); err != nil {
		tmp.Discard()
		return nil, rwError(path, err)
	}
	return &rwCSV{path: path, tmp: tmp, buf: buf, w: w, res: res}, nil
}

// SetLayout implements Writer.
func (c *rwCSV) SetLayout(l Layout) { c.layout = l }

// WriteHeader implements Writer.
func (c *rwCSV) WriteHeader(header []string) error {
	c.width = len(header)
	c.extras = rwExtras(c.layout, c.width)
	row := c.res.headerOf(header)
	if err := c.write(append(row, rwExtraHeader(c.extras)...)); err != nil {
		return err
	}
	// Where the rows start, should the header need more extra_N (relabel).
	err := c.buf.Flush()
	if err == nil && c.tmp.Temporary() { // a device or pipe is never relabelled
		c.headLen, err = c.tmp.OSFile().Seek(0, io.SeekCurrent)
	}
	if err != nil {
		return rwError(c.path, err)
	}
	return nil
}

// WriteRow implements Writer. A row read from a comma-separated CSV
// is copied as it was read (Row.Raw) and only the added cells are encoded.
func (c *rwCSV) WriteRow(in Row, r []string) error {
	if in.Raw != nil && len(in.Cells) <= c.width {
		return c.writeRaw(in, r)
	}
	data, extra := rwSplit(in.Cells, c.width)
	if raw := rwTrimRaw(in, c.width); raw != nil && len(extra) == 0 {
		in.Raw, in.Cells = raw, data
		return c.writeRaw(in, r)
	}
	c.mostExtra = max(c.mostExtra, len(extra))
	row := append(c.row[:0], data...)
	for len(row) < c.width {
		row = append(row, "")
	}
	row = c.appendAdded(row, r)
	row = append(row, extra...)
	c.row = row
	return c.write(row)
}

// rwTrimRaw returns the text of a row without the commas of its empty
// cells beyond width, nil when the row has no text or they are not plain
// commas.
func rwTrimRaw(in Row, width int) []byte {
	extra := len(in.Cells) - width
	if in.Raw == nil || extra <= 0 {
		return in.Raw
	}
	n := len(in.Raw)
	if n < extra || strings.Count(string(in.Raw[n-extra:]), ",") != extra {
		return nil
	}
	return in.Raw[:n-extra]
}

// writeRaw writes the row's CSV text, the commas of its missing cells, and
// the added cells. The csv.Writer writes straight into c.buf (it adopts a
// bufio.Writer of at least 4 KiB), so the two kinds of writes interleave.
func (c *rwCSV) writeRaw(in Row, r []string) error {
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

// encodeResult leaves the CSV text of the added cells r and the line end in
// c.enc, encoding them only when r differs from the last row's.
func (c *rwCSV) encodeResult(r []string) error {
	if c.encW != nil && slices.Equal(r, c.last) {
		return nil
	}
	if c.encW == nil {
		c.encW = rwNewRecordWriter(&c.enc)
	}
	c.enc.Reset()
	c.row = c.appendAdded(c.row[:0], r)
	if err := c.encW.Write(c.row); err != nil {
		return err
	}
	c.encW.Flush()
	c.last = append(c.last[:0], r...)
	return c.encW.Error()
}

// appendAdded appends the added cells r to row, each neutralised unless its
// column is Plain.
func (c *rwCSV) appendAdded(row, r []string) []string {
	for i, cell := range r {
		if i >= len(c.res.Columns) || !c.res.Columns[i].Plain {
			cell = Neutral(cell)
		}
		row = append(row, cell)
	}
	return row
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

// Close implements Writer.
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
	if err == nil && c.mostExtra > c.extras {
		err = c.relabel()
	}
	if err != nil {
		c.tmp.Discard()
		return rwError(c.path, err)
	}
	if err := c.tmp.Commit(); err != nil {
		return rwError(c.path, err)
	}
	return nil
}

// relabel rewrites the header when rows had more cells beyond it than the
// layout said (a CSV input, whose widest row is known only once it is
// read): the extra_N headers are added and the rows copied after it. It
// costs one copy of the sheet, for such files only. A sheet written
// straight into a device or a pipe cannot be rewritten: its extra cells
// stay unlabelled.
func (c *rwCSV) relabel() error {
	if !c.tmp.Temporary() {
		return nil
	}
	c.extras = c.mostExtra
	tmp, err := atomicfile.Create(c.path)
	if err != nil {
		return err
	}
	if err := c.copyRelabelled(tmp); err != nil {
		tmp.Discard()
		return err
	}
	c.tmp.Discard()
	c.tmp = tmp
	return nil
}

// copyRelabelled writes the BOM, the header with every extra_N and the
// rows of the sheet so far to tmp.
func (c *rwCSV) copyRelabelled(tmp *atomicfile.File) error {
	if _, err := c.tmp.OSFile().Seek(0, io.SeekStart); err != nil {
		return err
	}
	old := bufio.NewReaderSize(c.tmp.OSFile(), 64<<10)
	head := make([]byte, c.headLen)
	if _, err := io.ReadFull(old, head); err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 64<<10)
	_, _ = w.Write(bytes.TrimSuffix(head, []byte("\r\n")))
	for i := 1; i <= c.extras; i++ {
		if i > rwExtras(c.layout, c.width) {
			_, _ = w.WriteString("," + ExtraColumn(i))
		}
	}
	_, _ = w.WriteString("\r\n")
	if _, err := io.Copy(w, old); err != nil {
		return err
	}
	return w.Flush()
}
