// Command gen writes a deterministic, synthetic order spreadsheet for
// benchmarks and rehearsals:
//
//	go run ./samples/gen -rows 1000000 -format csv -out /tmp/big.csv
//	go run ./samples/gen -rows 200000 -format xlsx -out /tmp/big.xlsx
//	go run ./samples/gen -kind storefront -rows 100000 -out /tmp/shop.csv
//
// Every damaijia row is valid for the default damaijia mapping; storefront
// orders have one to four line items. The same -seed gives the same file.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"orderimport/samples/gen/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rows := fs.Int("rows", 1000, "data rows to write")
	format := fs.String("format", "", "csv or xlsx; default: from the -out extension")
	kind := fs.String("kind", "damaijia", "damaijia or storefront")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same file")
	out := fs.String("out", "", "file to write (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || *rows < 0 {
		return fmt.Errorf("give -out FILE and -rows N >= 0")
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	k, err := synth.LookupKind(*kind)
	if err != nil {
		return err
	}
	return synth.WriteFile(*out, *format, k, *rows, *seed)
}
