package importer

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// xlsxPackage is the workbook's zip opened a second time, to stream a
// sheet's XML for what excelize's row iterator does not expose (cell types
// and styles, merged ranges).
type xlsxPackage struct {
	zr     *zip.ReadCloser
	files  map[string]*zip.File // lower-cased name → entry
	sheets map[string]string    // sheet name → part name
}

func xlsxOpenPackage(p string) (*xlsxPackage, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, err
	}
	pkg := &xlsxPackage{zr: zr, files: map[string]*zip.File{}, sheets: map[string]string{}}
	for _, f := range zr.File {
		pkg.files[strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))] = f
	}
	return pkg, nil
}

func (p *xlsxPackage) close() error { return p.zr.Close() }

// open streams one part.
func (p *xlsxPackage) open(name string) (io.ReadCloser, error) {
	f, ok := p.files[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("part %s missing", name)
	}
	return f.Open()
}

// mimetype returns the ODF mimetype entry, if any (ODS files are zips too).
func (p *xlsxPackage) mimetype() string {
	f, ok := p.files["mimetype"]
	if !ok || f.UncompressedSize64 > 200 {
		return ""
	}
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 200))
	return string(b)
}

type xlsxRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xlsxWorkbookSheets struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

// readSheets maps sheet names to their parts through the workbook and its
// relationships.
func (p *xlsxPackage) readSheets() error {
	wbPart := "xl/workbook.xml"
	var root xlsxRels
	if err := p.decodeXML("_rels/.rels", &root); err == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPart = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var wb xlsxWorkbookSheets
	if err := p.decodeXML(wbPart, &wb); err != nil {
		return err
	}
	dir, file := path.Split(wbPart)
	var rels xlsxRels
	if err := p.decodeXML(dir+"_rels/"+file+".rels", &rels); err != nil {
		return err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		targets[r.ID] = t
	}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.RID]; ok {
			p.sheets[s.Name] = t
		}
	}
	return nil
}

// xlsxSmallPartLimit bounds the workbook parts decoded whole (workbook,
// relationships): they are small in any real file.
const xlsxSmallPartLimit = 16 << 20

func (p *xlsxPackage) decodeXML(name string, v any) error {
	rc, err := p.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(io.LimitReader(rc, xlsxSmallPartLimit))
	if err := d.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("part %s: %w", name, err)
	}
	return nil
}
