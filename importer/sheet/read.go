package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"orderimport/importer/internal/atomicfile"

	"orderimport/importer/i18n"
)

// Defaults of the reader limits.
const (
	readDefaultMaxCellBytes  = 32767   // Excel's own cell limit
	readDefaultMaxColumns    = 1000    // far more than any order export has
	readDefaultMaxUnzipBytes = 1 << 30 // 1 GiB decompressed
	readHeaderSearchRows     = 20      // non-blank rows searched for the header
)

// Options control how an input file is read.
type Options struct {
	// Sheet is the XLSX sheet: a name or a 1-based index; "" selects the
	// first visible sheet that has data.
	Sheet string
	// HeaderRow is the 1-based row of the header; 0 means find it.
	HeaderRow int
	// IsHeader recognises the header among the first 20 non-blank rows;
	// nil takes the first non-blank row.
	IsHeader func(cells []string) bool
	// ExpectedHeaders, if set, are the header names IsHeader looks for:
	// the message for a file without a recognised header lists them.
	ExpectedHeaders []string
	// Encoding is the CSV encoding: "" detects it; otherwise utf-8,
	// gb18030 (gbk is accepted as an alias), utf-16le or utf-16be.
	Encoding string
	// Delimiter is the CSV delimiter; 0 sniffs among ',', '\t' and ';'.
	Delimiter rune
	// MaxCellBytes limits a cell's length (0: 32767, Excel's own limit); a
	// longer cell is an input error (flag --max-cell).
	MaxCellBytes int
	// MaxColumns limits a row's width (0: 1000; flag --max-columns).
	MaxColumns int
	// MaxUnzipBytes limits an XLSX file's decompressed size (0: 1 GiB;
	// flag --max-unzip).
	MaxUnzipBytes int64
}

func (o Options) withDefaults() Options {
	if o.MaxCellBytes <= 0 {
		o.MaxCellBytes = readDefaultMaxCellBytes
	}
	if o.MaxColumns <= 0 {
		o.MaxColumns = readDefaultMaxColumns
	}
	if o.MaxUnzipBytes <= 0 {
		o.MaxUnzipBytes = readDefaultMaxUnzipBytes
	}
	return o
}

// Input is an open input sheet, positioned after its header row.
type Input interface {
	// Name names the input for messages: "orders.xlsx, sheet 订单".
	Name() string
	// Header returns the trimmed header cells.
	Header() []string
	// HeaderLine returns the row number of the header (of its last row
	// when header cells are merged over several rows).
	HeaderLine() int
	// Next returns the next non-blank data row, or io.EOF at the end.
	// Row.Line is the row number a person sees.
	Next() (Row, error)
	// Layout describes the sheet for the result writer.
	Layout() Layout
	// Close releases the file.
	Close() error
}

// Open opens path as CSV or XLSX (chosen by content, then extension)
// and positions it after the header row. Problems with the file itself are
// returned as *Error.
func Open(path string, o Options) (Input, error) {
	o = o.withDefaults()
	if err := CheckRegular(path); err != nil {
		return nil, err // a pipe cannot be sniffed, then read
	}
	name := filepath.Base(path)
	kind, err := readSniffKind(path)
	if err != nil {
		return nil, err
	}
	var src readSource
	switch kind {
	case readKindXLSX:
		src, err = xlsxOpen(path, name, o)
	case readKindEncrypted:
		src, err = xlsxOpenEncrypted(path, name, o)
	case readKindCSV:
		src, err = csvOpen(path, name, o)
	}
	if err != nil {
		return nil, err
	}
	in, err := readNewInput(src, o)
	if err != nil {
		_ = src.close()
		return nil, err
	}
	return in, nil
}

// IsXLSX reports whether the file at path is an XLSX workbook, told by its
// content and extension as Open tells it (a workbook encrypted with a
// password is not).
func IsXLSX(path string) bool {
	k, err := readSniffKind(path)
	return err == nil && k == readKindXLSX
}

type readKind int

const (
	readKindCSV readKind = iota
	readKindXLSX
	// readKindEncrypted is an OOXML package encrypted with a password (an
	// OLE compound file holding an EncryptedPackage stream).
	readKindEncrypted
)

var (
	readZipMagic = []byte("PK\x03\x04")
	readOLEMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// readSniffKind tells XLSX from CSV by the first bytes and the extension,
// and refuses the formats this tool cannot read.
func readSniffKind(path string) (readKind, error) {
	name := filepath.Base(path)
	fail := func(id i18n.ID, a ...any) (readKind, error) {
		return 0, &Error{File: name, Err: reason(id, a...)}
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(i18n.SheetCannotRead, readStripPathError(err))
	}
	defer f.Close()
	head := make([]byte, 8)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return fail(i18n.SheetCannotRead, readStripPathError(err))
	}
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ext == ".ods" || ext == ".numbers":
		return fail(i18n.SheetExtNotSupported, ext)
	case ext == ".xlsb":
		return fail(i18n.SheetXLSB)
	case bytes.Equal(head, readOLEMagic) && readOLEEncrypted(f):
		return readKindEncrypted, nil
	case bytes.Equal(head, readOLEMagic):
		return fail(i18n.SheetXLS)
	case bytes.HasPrefix(head, readZipMagic):
		return readKindXLSX, nil
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls":
		if n == 0 {
			return fail(i18n.SheetEmpty)
		}
		return fail(i18n.SheetNotZip, ext)
	}
	return readKindCSV, nil
}

// readOLEScanBytes bounds how much of an OLE compound file is searched for
// the stream names of an encrypted OOXML package.
const readOLEScanBytes = 1 << 20

// readOLEEncrypted tells a password-protected XLSX (an OLE compound file
// with an EncryptedPackage stream) from a legacy .xls.
func readOLEEncrypted(f *os.File) bool {
	buf := make([]byte, readOLEScanBytes)
	n, _ := io.ReadFull(f, buf) // f is past the 8-byte magic; errors only shorten buf
	return bytes.Contains(buf[:n], readUTF16LE("EncryptedPackage"))
}

// readUTF16LE encodes an ASCII name as OLE stores directory entry names.
func readUTF16LE(ascii string) []byte {
	out := make([]byte, 0, 2*len(ascii))
	for i := 0; i < len(ascii); i++ {
		out = append(out, ascii[i], 0)
	}
	return out
}

// CheckRegular refuses an input that is not a regular file (Open checks
// it first): a named pipe or a device cannot be read twice (the whole file
// is checked before the first row is sent), a directory not at all. A
// missing input is left to the reader, which says so.
func CheckRegular(path string) error {
	info, err := os.Stat(path)
	if err != nil || info.Mode().IsRegular() {
		return nil
	}
	why := "the input is read twice (checked whole before anything is sent, then sent): save it to a file first"
	if info.IsDir() {
		why = "give the spreadsheet file inside it"
	}
	return &Error{File: path, Err: fmt.Errorf("is %s, not a regular file: %s", atomicfile.Kind(info.Mode()), why)}
}

// readStripPathError drops the path from an *os.PathError: Error
// already names the file.
func readStripPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
