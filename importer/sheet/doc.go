// Package sheet is everything about spreadsheets as files: it opens a
// merchant's CSV or XLSX file and streams its rows as Excel shows them,
// refuses a file it cannot read with one typed error that names the place,
// and writes result sheets (the input's rows with columns added) whole or
// not at all.
//
// Reading: Open chooses the format by content, then extension, finds the
// header and returns an Input positioned after it. Each Row carries Excel's
// row number, the raw cell texts (never trimmed, never converted), for CSV
// the line of the text it starts on and its exact text, for XLSX how each
// cell was stored (CellType). CSV is read in any encoding (UTF-8 with or
// without BOM, GB18030/GBK, UTF-16 with BOM) and delimiter (sniffed or
// given); XLSX through excelize's row stream, with a metadata pass of its
// own for cell types, styles, merged cells, column widths and the widest
// row. The header is the first of the first 20 non-blank rows that
// Options.IsHeader accepts; a header merged over several rows is one
// header. The caller says what a header looks like: the package does not
// know any mapping or provider, only the names it is given
// (Options.ExpectedHeaders) for the message of a file without one.
//
// Refusals: every problem of the file itself is an *Error naming the file,
// sheet, row (and text line) and column, in one line that says what to do.
// It is the class of the command's exit code 2 (an input error: nothing
// was sent). Its Err is a *Reason (a message id of importer/i18n and its
// arguments) for the refusals a merchant meets, so Error.Text(lang) says
// the whole line in Chinese or English; Error() is the English line. Size limits (Options.MaxCellBytes, MaxColumns, MaxUnzipBytes)
// bound memory whatever the file.
//
// Writing: Create writes the input's header and rows untouched, then the
// columns a Result names, then the cells beyond the header under extra_N.
// CSV is UTF-8 with a BOM and guards added cells against formulas
// (Neutral); XLSX keeps the input sheet's name, widths and cell styles,
// colours added cells as the Result says and adds its Legend sheet. What
// the added columns mean (statuses, tracking) is the caller's: the
// package receives it as plain data. Files appear whole on Close, or not
// at all (importer/internal/atomicfile).
//
// What it must never do: import the run (orderimport/importer), the
// mapping (orderimport/mapping) or a provider; send, log or remember
// anything; change a cell it reads or copies. TestDependencies holds it
// to the first.
//
// Where to look:
//
//	read.go          Open, Options, Input: choosing the format, the refusals of formats
//	read_input.go    header search, blank rows, size limits, NextAppend's buffers
//	row.go           Row, CellKind, CellType
//	error.go         Error: the typed refusal and its one-line message
//	csv.go           the CSV reader (line and row numbers, raw text, limits)
//	csv_sniff.go     the delimiter sniffer; encoding.go: encodings
//	csv_transform.go the fixer before encoding/csv: old Mac line ends, ="3012…" cells
//	xlsx.go          the XLSX reader: sheets, passwords, corrupt files
//	xlsx_value.go    a cell's text as Excel shows it (numbers, dates)
//	xlsx_numfmt.go   number formats: date, elapsed time, bracketed tags
//	xlsx_scan.go     the pass over the sheet's XML before the rows (merges, widths)
//	xlsx_stream.go   the cell types and styles, read beside excelize's rows
//	xlsx_merge.go    merged cells; xlsx_zip.go: the zip's parts and sheet list
//	xlsx_fix.go      Excel's default password, cells with an empty style attribute
//	layout.go        Layout: what a result sheet keeps of the input sheet
//	write.go         Writer, Create, Result, Column, Legend
//	write_csv.go     the CSV result (BOM, raw copies, extra_N relabelled)
//	write_xlsx.go    the XLSX result (styles, widths, fills); write_legend.go
//	csvescape.go     Neutral and Unneutral: the formula guard
//
// Tests: testdata/corpus holds files written by other programs with the
// golden text of what the reader makes of each (go test -run TestCorpus
// -update rewrites them; generate.sh rebuilds the files), testdata/result
// the golden result sheets, testdata/fuzz the fuzzers' finds.
package sheet
