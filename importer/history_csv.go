package importer

import (
	"context"
	"encoding/csv"
	"io"
	"time"

	"github.com/gocarina/gocsv"

	"orderimport/importer/internal/atomicfile"
	"orderimport/importer/ledger"
	"orderimport/importer/sheet"
)

// RunRowRecord is one row of a run, as "history RUN_ID --csv" exports it:
// a fixed-schema table marshalled by gocsv from these tags.
type RunRowRecord struct {
	// PlatformOrderSN is the platform order number the row was sent with
	// (damaijia platform_order_sn, the storefront's order number).
	PlatformOrderSN CSVText `csv:"platform_order_sn"`
	// Line is the row's line in the input; RowKey its identity in the
	// ledger (the hash of account, platform order number and product).
	Line   int    `csv:"line"`
	RowKey string `csv:"row_key"`
	// SiteOrderID and SiteOrderConsigneeID are the ids it was sent with.
	SiteOrderID          int64   `csv:"site_order_id"`
	SiteOrderConsigneeID int64   `csv:"site_order_consignee_id"`
	OrderID              CSVText `csv:"order_id"`
	OrderSN              CSVText `csv:"order_sn"`
	// Status is the ledger's: ok, rejected, failed, unknown, not_sent, or
	// claimed (sent or about to be, no outcome recorded).
	Status  string  `csv:"status"`
	MsgCode CSVText `csv:"msg_code"`
	Msg     CSVText `csv:"msg"`
	// CreatedAt is when the outcome (or the claim) was recorded.
	CreatedAt CSVTime `csv:"created_at"`
}

// CSVText is provider text in an exported CSV: written behind an
// apostrophe when a spreadsheet would run it as a formula, as in the
// result sheet (sheet.Neutral), and read back without it.
type CSVText string

// MarshalCSV implements gocsv.TypeMarshaller.
func (t CSVText) MarshalCSV() (string, error) { return sheet.Neutral(string(t)), nil }

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (t *CSVText) UnmarshalCSV(s string) error { *t = CSVText(sheet.Unneutral(s)); return nil }

// CSVTime is a time in an exported CSV: RFC 3339 to the second, in local
// time with its offset (2026-12-01T02:00:03+08:00).
type CSVTime time.Time

// MarshalCSV implements gocsv.TypeMarshaller.
func (t CSVTime) MarshalCSV() (string, error) { return time.Time(t).Format(time.RFC3339), nil }

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (t *CSVTime) UnmarshalCSV(s string) error {
	v, err := time.Parse(time.RFC3339, s)
	*t = CSVTime(v)
	return err
}

// exportChunk is how many records one gocsv call writes: the export
// streams in bounded memory.
const exportChunk = 1024

func init() {
	// gocsv's writer is a package global: set once, here, never per call.
	// CRLF line ends like the result sheet's (Excel's own).
	gocsv.SetCSVWriter(func(w io.Writer) *gocsv.SafeCSVWriter {
		cw := csv.NewWriter(w)
		cw.UseCRLF = true
		return gocsv.NewSafeCSVWriter(cw)
	})
}

// ExportRunCSV writes every row run id claimed to the file at path, as
// WriteRunCSV does, through a temporary file renamed into place. It
// returns the number of rows. An unknown run is an error wrapping
// ledger.ErrNoRun, and no file is written.
func ExportRunCSV(ctx context.Context, led *ledger.Ledger, id, path string) (int, error) {
	if _, err := led.RunByID(ctx, id); err != nil {
		return 0, err
	}
	f, err := atomicfile.Create(path)
	if err != nil {
		return 0, err
	}
	n, err := exportRun(ctx, led, id, f)
	if err != nil {
		f.Discard()
		return 0, err
	}
	return n, f.Commit()
}

// WriteRunCSV writes every row run id claimed to w as CSV records
// (RunRowRecord, UTF-8 with a BOM for Excel, in input order) and returns
// their number. An unknown run is an error wrapping ledger.ErrNoRun,
// returned before anything is written.
func WriteRunCSV(ctx context.Context, led *ledger.Ledger, id string, w io.Writer) (int, error) {
	if _, err := led.RunByID(ctx, id); err != nil {
		return 0, err
	}
	return exportRun(ctx, led, id, w)
}

// exportRun writes the BOM, the header and the records of run id to w.
func exportRun(ctx context.Context, led *ledger.Ledger, id string, w io.Writer) (int, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return 0, err
	}
	chunk := make([]RunRowRecord, 0, exportChunk)
	n, header := 0, true
	flush := func() error {
		var err error
		if header {
			err = gocsv.Marshal(chunk, w) // an empty run still gets its header
		} else {
			err = gocsv.MarshalWithoutHeaders(chunk, w)
		}
		header, n, chunk = false, n+len(chunk), chunk[:0]
		return err
	}
	err := led.RunRows(ctx, id, func(r ledger.RunRow) error {
		chunk = append(chunk, runRowRecord(r))
		if len(chunk) == exportChunk {
			return flush()
		}
		return nil
	})
	if err == nil && (len(chunk) > 0 || header) {
		err = flush()
	}
	return n, err
}

// runRowRecord is the record of one row of a run.
func runRowRecord(r ledger.RunRow) RunRowRecord {
	return RunRowRecord{PlatformOrderSN: CSVText(r.Platform), Line: r.Line, RowKey: r.Key, SiteOrderID: r.SiteOrderID,
		SiteOrderConsigneeID: r.SiteRowID, OrderID: CSVText(r.OrderID), OrderSN: CSVText(r.OrderSN), Status: string(r.State),
		MsgCode: CSVText(r.MsgCode), Msg: CSVText(r.Msg), CreatedAt: CSVTime(r.At)}
}
