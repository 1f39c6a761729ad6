package importer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"orderimport/importer"
	"orderimport/importer/ledger"
	"orderimport/providers/sandbox"
)

// writeRepeats writes a damaijia file whose data row k is row src[k] of
// writeDamaijiaCSV, and returns it with the line each row repeats (0: none).
func writeRepeats(t *testing.T, src []int) (string, []int) {
	t.Helper()
	file := writeDamaijiaCSV(t, t.TempDir(), slices.Max(src)+1)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	out := []string{lines[0]}
	repeats := make([]int, len(src))
	firstLine := map[int]int{}
	for k, i := range src {
		out = append(out, lines[1+i])
		if f, ok := firstLine[i]; ok {
			repeats[k] = f
		} else {
			firstLine[i] = k + 2
		}
	}
	if err := os.WriteFile(file, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return file, repeats
}

// repeatedHalf is n rows, then the same n rows again.
func repeatedHalf(n int) []int {
	src := make([]int, 2*n)
	for k := range src {
		src[k] = k % n
	}
	return src
}

// sparseRepeats is n rows where every every-th row repeats the row back
// rows before it: few rows wait for the duplicate check at a time.
func sparseRepeats(n, every, back int) []int {
	src := make([]int, n)
	for k := range src {
		src[k] = k
		if k%every == every-1 {
			src[k] = src[k-back]
		}
	}
	return src
}

// TestRepeatedRowsSkipped: every repeated row is skipped as a duplicate of
// the right earlier row, in dry runs and sandbox runs, with and without a
// ledger, with windows small enough that orders wait for the duplicate
// check while the reader waits for them. "second half" is a file whose
// second half repeats its first half.
func TestRepeatedRowsSkipped(t *testing.T) {
	half := repeatedHalf(1500)
	sparse := sparseRepeats(3000, 97, 40)
	tests := []struct {
		name   string
		src    []int
		dry    bool
		ledger bool
		window int
	}{
		{name: "second half, dry run", src: half, dry: true},
		{name: "second half, dry run, window 64", src: half, dry: true, window: 64},
		{name: "second half, dry run, window 8", src: half, dry: true, window: 8},
		{name: "second half, sandbox, window 64", src: half, window: 64},
		{name: "second half, sandbox with a ledger", src: half, ledger: true},
		{name: "second half, sandbox with a ledger, window 64", src: half, ledger: true, window: 64},
		{name: "sparse, dry run, window 64", src: sparse, dry: true, window: 64},
		{name: "sparse, sandbox, window 64", src: sparse, window: 64},
		{name: "sparse, sandbox with a ledger, window 64", src: sparse, ledger: true, window: 64},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file, repeats := writeRepeats(t, tc.src)
			sum, sheet, srv := runThrough(t, "damaijia", file, sandbox.Options{}, func(o *importer.Options) {
				o.DryRun, o.Window = tc.dry, tc.window
				if tc.ledger {
					o.Ledger, o.Account = openTestLedger(t, file), "sandbox"
				}
			})
			first := importer.StatusOK
			if tc.dry {
				first = importer.StatusReady
			}
			st, msg := column(t, sheet[0], "status"), column(t, sheet[0], "error")
			bad, skipped := 0, 0
			for k, row := range sheet[1:] {
				want, wantMsg := first, ""
				if repeats[k] > 0 {
					want, wantMsg = importer.StatusSkipped, fmt.Sprintf("duplicate of row %d:", repeats[k])
					skipped++
				}
				if row[st] != string(want) || !strings.HasPrefix(row[msg], wantMsg) {
					if bad++; bad <= 5 {
						t.Errorf("row %d: %s %q, want %s %q", k+2, row[st], row[msg], want, wantMsg)
					}
				}
			}
			if sum.Rows != len(tc.src) || sum.Counts[importer.StatusSkipped] != skipped || sum.Counts[first] != len(tc.src)-skipped {
				t.Errorf("rows %d, counts %v, want %d skipped", sum.Rows, sum.Counts, skipped)
			}
			if !tc.dry {
				for sn, n := range createdBySN(srv) {
					if n != 1 {
						t.Errorf("%s created %d times", sn, n)
					}
				}
			}
			assertInputOrder(t, file, sheet)
		})
	}
}

// openTestLedger opens a fresh ledger with a run begun for file.
func openTestLedger(t *testing.T, file string) *ledger.Ledger {
	t.Helper()
	ctx := context.Background()
	led, err := ledger.Open(ctx, filepath.Join(t.TempDir(), "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { led.Close() })
	if _, err := led.BeginRun(ctx, file); err != nil {
		t.Fatal(err)
	}
	return led
}

// TestAllowDuplicatesRepeatedHalf: with --allow-duplicates every row is
// sent, the repeats with ledger keys of their own.
func TestAllowDuplicatesRepeatedHalf(t *testing.T) {
	const n = 500
	file, _ := writeRepeats(t, repeatedHalf(n))
	sum, _, srv := runThrough(t, "damaijia", file, sandbox.Options{}, func(o *importer.Options) {
		o.AllowDuplicates, o.Window = true, 64
		o.Ledger, o.Account = openTestLedger(t, file), "sandbox"
	})
	if sum.Counts[importer.StatusOK] != 2*n {
		t.Fatalf("counts %v", sum.Counts)
	}
	created := createdBySN(srv)
	for i := range n {
		if created[damaijiaSN(i)] != 2 {
			t.Fatalf("row %d created %d times, want 2", i+2, created[damaijiaSN(i)])
		}
	}
}

// TestDuplicateCheckSpillError: when the duplicate check cannot write its
// temporary file, the run stops with that error and sends nothing unchecked.
func TestDuplicateCheckSpillError(t *testing.T) {
	file, _ := writeRepeats(t, repeatedHalf(20))
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	sum, sheet, srv := runThrough(t, "damaijia", file, sandbox.Options{}, nil)
	if sum.Fatal == nil || !strings.Contains(sum.Fatal.Error(), "in-file duplicate check") {
		t.Fatalf("fatal %v", sum.Fatal)
	}
	if sum.Counts[importer.StatusNotSent] != 40 || len(srv.DamaijiaOrders()) != 0 {
		t.Fatalf("counts %v, %d orders created", sum.Counts, len(srv.DamaijiaOrders()))
	}
	if got := sheet[1][column(t, sheet[0], "error")]; !strings.Contains(got, "in-file duplicate check") {
		t.Errorf("row 2 error %q", got)
	}
}

// writeStorefrontRuns writes a storefront file whose k-th run of rows
// belongs to order #keys[k] (k%3+1 rows each) and returns it with, for each
// data row, the problem the run must report ("" for none).
func writeStorefrontRuns(t *testing.T, keys []int) (string, []string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("Name,Email,First Name,Last Name,Phone,Address1,Address2,City,Province Code,Country Code,Zip,Shipping Method,Product ID,Variant ID,Lineitem quantity,Tags,Note\n")
	var want []string
	firstLine := map[int]int{}
	line := 2
	for k, key := range keys {
		first, repeated := firstLine[key]
		if !repeated {
			firstLine[key] = line
		}
		head := line
		for i := range k%3 + 1 {
			if i == 0 {
				fmt.Fprintf(&b, "#%d,buyer%d@example.com,Test,Buyer,13800138000,%d Sample Road,,Qingdao,SD,CN,266000,UPS,%d,%d,1,,\n",
					key, key, key+1, 600+i, 4000+i)
			} else {
				fmt.Fprintf(&b, "#%d,,,,,,,,,,,,%d,%d,1,,\n", key, 600+i, 4000+i)
			}
			switch {
			case !repeated:
				want = append(want, "")
			case i == 0:
				want = append(want, fmt.Sprintf("rows of order #%d are not adjacent: first seen at row %d", key, first))
			default:
				want = append(want, fmt.Sprintf("not sent: row %d of the same order is invalid", head))
			}
			line++
		}
	}
	path := filepath.Join(t.TempDir(), "shop.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, want
}

// TestNotAdjacentOrders: a storefront order whose rows come back after
// another order is flagged with the row its key was first seen at, however
// long the answer of the duplicate check takes, and the others are sent.
func TestNotAdjacentOrders(t *testing.T) {
	keys := make([]int, 2000)
	for k := range keys {
		keys[k] = k
		switch {
		case k%7 == 6:
			keys[k] = keys[k-5] // comes back after five other orders
		case k%101 == 100:
			keys[k] = keys[k-90]
		}
	}
	file, want := writeStorefrontRuns(t, keys)
	for _, tc := range []struct {
		name   string
		dry    bool
		window int
	}{
		{name: "dry run", dry: true},
		{name: "dry run, window 16", dry: true, window: 16},
		{name: "sandbox, window 64", window: 64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sum, sheet, srv := runThrough(t, "openapi", file, sandbox.Options{}, func(o *importer.Options) {
				o.DryRun, o.Window = tc.dry, tc.window
			})
			st, msg := column(t, sheet[0], "status"), column(t, sheet[0], "error")
			good := importer.StatusOK
			if tc.dry {
				good = importer.StatusReady
			}
			bad, invalid := 0, 0
			for k, row := range sheet[1:] {
				wantStatus := good
				if want[k] != "" {
					wantStatus = importer.StatusInvalid
					invalid++
				}
				if row[st] != string(wantStatus) || !strings.Contains(row[msg], want[k]) {
					if bad++; bad <= 5 {
						t.Errorf("row %d: %s %q, want %s %q", k+2, row[st], row[msg], wantStatus, want[k])
					}
				}
			}
			if sum.Counts[importer.StatusInvalid] != invalid || sum.Rows != len(want) {
				t.Errorf("rows %d, counts %v, want %d invalid", sum.Rows, sum.Counts, invalid)
			}
			if !tc.dry && srv.Duplicates() != 0 {
				t.Errorf("%d duplicate orders", srv.Duplicates())
			}
			assertInputOrder(t, file, sheet)
		})
	}
}
