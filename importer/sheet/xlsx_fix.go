package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"orderimport/importer/i18n"
)

// xlsxDefaultPassword is the password Excel encrypts a workbook with when
// only its structure is protected ("protect workbook structure", some
// exporters): Excel and LibreOffice open such a file without asking.
const xlsxDefaultPassword = "VelvetSweatshop"

// errXLSXPassword refuses a workbook that needs a real password.
var errXLSXPassword = reason(i18n.SheetPassword)

// xlsxOpenEncrypted opens a password-encrypted workbook that Excel opens
// without a prompt: it decrypts it with Excel's default password into a
// temporary file and reads that. A workbook that needs a real password is
// refused.
func xlsxOpenEncrypted(path, name string, o Options) (*xlsxSource, error) {
	s := &xlsxSource{name: name}
	plain, err := xlsxDecrypt(path, o.MaxUnzipBytes)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	tmp, err := os.CreateTemp("", "orderimport-*.xlsx")
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	s.temps = append(s.temps, tmp.Name())
	_, err = tmp.Write(plain)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		s.close()
		return nil, &Error{File: name, Err: err}
	}
	return xlsxOpenSource(s, tmp.Name(), o)
}

// xlsxDecrypt decrypts the workbook at path with the default password and
// returns the zip inside; errXLSXPassword when that is not its password.
func xlsxDecrypt(path string, limit int64) (plain []byte, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, readStripPathError(err)
	}
	if fi.Size() > limit {
		return nil, xlsxUnzipLimitError(limit)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, readStripPathError(err)
	}
	defer func() {
		if recover() != nil { // a malformed compound file
			plain, err = nil, errXLSXPassword
		}
	}()
	plain, err = excelize.Decrypt(raw, &excelize.Options{Password: xlsxDefaultPassword})
	if err != nil || !bytes.HasPrefix(plain, readZipMagic) {
		return nil, errXLSXPassword
	}
	if _, err := zip.NewReader(bytes.NewReader(plain), int64(len(plain))); err != nil {
		return nil, errXLSXPassword // the wrong key decrypts to noise
	}
	return plain, nil
}

// xlsxSanitize writes to w a copy of the package whose part has no cell
// style attribute that is not a number (s=""): other parts are copied
// as they are compressed.
func xlsxSanitize(w io.Writer, pkg *xlsxPackage, part string) error {
	zw := zip.NewWriter(w)
	for _, f := range pkg.zr.File {
		if !strings.EqualFold(f.Name, part) {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		dst, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err == nil {
			err = xlsxDropBadStyles(dst, rc)
		}
		rc.Close()
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// xlsxDropBadStyles copies sheet XML from r to w, leaving out each <c>
// tag's s attribute whose value is not a number.
func xlsxDropBadStyles(w io.Writer, r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	bw := bufio.NewWriterSize(w, 64<<10)
	for {
		text, err := br.ReadSlice('<')
		bw.Write(text)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) {
			return bw.Flush()
		}
		if err != nil {
			return err
		}
		head, _ := br.Peek(32)
		if string(xlsxTagName(head)) != "c" {
			continue
		}
		tag, err := br.ReadSlice('>')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("a cell tag too long: %w", err)
		}
		bw.Write(xlsxDropBadStyle(tag))
	}
}

// xlsxDropBadStyle returns a <c …> tag without its s attribute when that
// is not a number.
func xlsxDropBadStyle(tag []byte) []byte {
	start, from, to, ok := xlsxTagAttrPos(tag, "s")
	if !ok {
		return tag
	}
	if _, err := strconv.Atoi(string(tag[from:to])); err == nil {
		return tag
	}
	for start > 0 && xlsxIsSpace(tag[start-1]) {
		start--
	}
	out := append([]byte{}, tag[:start]...)
	return append(out, tag[to+1:]...)
}

// sheetHasData reports whether a sheet has a cell with a value that is not
// blank (a shared string counts as a value). It streams the sheet up to
// the first such cell.
func (p *xlsxPackage) sheetHasData(part string) bool {
	rc, err := p.open(part)
	if err != nil {
		return false
	}
	defer rc.Close()
	d := xml.NewDecoder(bufio.NewReaderSize(rc, 64<<10))
	typ, inValue := "", false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				typ, _ = xlsxAttr(t, "t")
			case "v", "t":
				inValue = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v", "t":
				inValue = false
			case "sheetData":
				return false
			}
		case xml.CharData:
			if inValue && (typ == "s" || strings.TrimSpace(string(t)) != "") {
				return true
			}
		}
	}
}
