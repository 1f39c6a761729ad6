package sheet

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
// and styles, merged ranges, column widths).
type xlsxPackage struct {
	zr     *zip.ReadCloser
	files  map[string]*zip.File // lower-cased name → entry
	sheets map[string]string    // worksheet name → part name
	// order lists every sheet of the workbook in tab order, chart sheets
	// included.
	order []xlsxSheetEntry
}

// xlsxSheetEntry is one sheet of the workbook as its tab shows it.
type xlsxSheetEntry struct {
	name   string
	part   string // "" when the workbook's relationships do not name it
	kind   string // worksheet, chartsheet, dialogsheet, macrosheet, …
	hidden bool
}

// kindName says what a sheet that is not a worksheet is, for messages.
func (e xlsxSheetEntry) kindName() string {
	switch e.kind {
	case "chartsheet":
		return "a chart sheet"
	case "dialogsheet":
		return "a dialog sheet"
	case "macrosheet", "xlMacrosheet", "xlIntlMacrosheet":
		return "a macro sheet"
	}
	return "not a worksheet"
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

// xlsxWorkbookSheets is the sheet list of a workbook. The relationship id
// is read by its local name: transitional files put it in the
// officeDocument/2006/relationships namespace, Strict Open XML files in
// purl.oclc.org/ooxml/officeDocument/relationships.
type xlsxWorkbookSheets struct {
	Sheets []struct {
		Name  string     `xml:"name,attr"`
		State string     `xml:"state,attr"`
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"sheets>sheet"`
}

// xlsxRelID returns the r:id attribute of a workbook's sheet element.
func xlsxRelID(attrs []xml.Attr) string {
	for _, a := range attrs {
		if a.Name.Local == "id" && strings.HasSuffix(a.Name.Space, "relationships") {
			return a.Value
		}
	}
	return ""
}

// xlsxRelKind is the last element of a relationship type:
// ".../relationships/worksheet" → "worksheet".
func xlsxRelKind(typ string) string {
	return typ[strings.LastIndexByte(typ, '/')+1:]
}

// workbookPart returns the workbook part the package's root relationships
// name ("xl/workbook.xml" when they do not say).
func (p *xlsxPackage) workbookPart() string {
	wbPart := "xl/workbook.xml"
	var root xlsxRels
	if err := p.decodeXML("_rels/.rels", &root); err == nil {
		for _, r := range root.Rels {
			if xlsxRelKind(r.Type) == "officeDocument" {
				wbPart = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	return wbPart
}

// isBinaryWorkbook reports an Excel binary workbook (.xlsb): a zip like an
// XLSX whose workbook and sheets are binary records, not XML.
func (p *xlsxPackage) isBinaryWorkbook() bool {
	return strings.HasSuffix(strings.ToLower(p.workbookPart()), ".bin")
}

// readSheets maps sheet names to their parts through the workbook and its
// relationships, and lists the sheets in tab order.
func (p *xlsxPackage) readSheets() error {
	wbPart := p.workbookPart()
	var wb xlsxWorkbookSheets
	if err := p.decodeXML(wbPart, &wb); err != nil {
		return err
	}
	dir, file := path.Split(wbPart)
	var rels xlsxRels
	if err := p.decodeXML(dir+"_rels/"+file+".rels", &rels); err != nil {
		return err
	}
	type target struct{ part, kind string }
	targets := map[string]target{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		targets[r.ID] = target{t, xlsxRelKind(r.Type)}
	}
	for _, s := range wb.Sheets {
		t := targets[xlsxRelID(s.Attrs)]
		p.order = append(p.order, xlsxSheetEntry{name: s.Name, part: t.part, kind: t.kind,
			hidden: s.State == "hidden" || s.State == "veryHidden"})
		if t.part != "" && t.kind == "worksheet" {
			p.sheets[s.Name] = t.part
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
