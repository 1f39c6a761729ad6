package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/gocarina/gocsv"

	"orderimport/importer"
	"orderimport/importer/ledger"
)

// TestWriteRunCSVRecords: the export's records are typed (ints for the
// line and ids, RFC 3339 times) and provider text a spreadsheet would run
// as a formula is written behind an apostrophe; gocsv reads the records
// back as they were.
func TestWriteRunCSVRecords(t *testing.T) {
	ctx := context.Background()
	led, err := ledger.Open(ctx, filepath.Join(t.TempDir(), "l.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer led.Close()
	id, err := led.BeginRun(ctx, "in.csv")
	if err != nil {
		t.Fatal(err)
	}
	d, err := led.Claim(ctx, "damaijia account:shop", []ledger.ClaimRow{{Key: "k1", Line: 7, Record: []string{"x"}, Platform: "=TB-1"}}, ledger.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now().Add(-time.Second)
	if err := led.Record(ctx, d.Claim.ID, []ledger.Outcome{{Key: "k1", State: ledger.Rejected, OrderID: "12", OrderSN: "SN12",
		MsgCode: "2001", Msg: "=HYPERLINK(\"http://x\")"}}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	n, err := importer.WriteRunCSV(ctx, led, id, &b)
	if err != nil || n != 1 {
		t.Fatalf("%d rows, %v", n, err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("%v %q", err, b.String())
	}
	want := []string{"'=TB-1", "7", "k1", "", "", "12", "SN12", "rejected", "2001", "'=HYPERLINK(\"http://x\")"}
	want[3], want[4] = strconv.FormatInt(d.Claim.SiteOrderID, 10), strconv.FormatInt(d.Claim.SiteRowIDs[0], 10)
	for i, w := range want {
		if recs[1][i] != w {
			t.Errorf("field %s = %q, want %q", recs[0][i], recs[1][i], w)
		}
	}
	at, err := time.Parse(time.RFC3339, recs[1][10])
	if err != nil || at.Before(before) || at.After(time.Now()) {
		t.Errorf("created_at %q %v", recs[1][10], err)
	}
	var back []importer.RunRowRecord
	if err := gocsv.UnmarshalBytes(bytes.TrimPrefix(b.Bytes(), []byte("\ufeff")), &back); err != nil || len(back) != 1 {
		t.Fatalf("gocsv reads back %v %v", back, err)
	}
	if back[0].Msg != "=HYPERLINK(\"http://x\")" || back[0].PlatformOrderSN != "=TB-1" || back[0].SiteOrderConsigneeID != d.Claim.SiteRowIDs[0] {
		t.Errorf("read back %+v", back[0])
	}
	if _, err := importer.WriteRunCSV(ctx, led, "nope", &b); !errors.Is(err, ledger.ErrNoRun) {
		t.Errorf("unknown run: %v", err)
	}
}
