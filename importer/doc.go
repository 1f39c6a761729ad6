// Package importer runs an import: it reads a merchant's spreadsheet
// (through importer/sheet), maps and groups its rows into orders, claims
// them in the ledger, submits them through a rate-limited worker pool and
// writes a result sheet with every input row in input order. It also runs
// retry (a result sheet fed back in), track (where the created orders'
// packages are) and reads the history of runs.
//
// What it must never do: send a row before the whole file has been read
// once (a broken file stops the run before the first request); send a row
// the ledger says is done or in flight; hold more than a bounded number of
// rows between reading and writing; let a token reach a log line, an
// error or a result sheet. How a file is read or written is
// importer/sheet's business, never this package's: it gives the sheet
// package plain data (the header names a mapping expects, the result
// columns, their colours and explanations).
//
// Where to look:
//
//	run.go            Run and Options: opening the input, the precheck, exit classes
//	runfiles.go       the files a run reads and writes, checked before it starts
//	pipeline.go       the run's state and its goroutines, start to end
//	readmap.go        reading rows in batches and mapping them on every core
//	evidence.go       which long numbers in a file are genuine (ahead of mapping)
//	recognise.go      a preset recognised by the file's header
//	group.go          rows into orders, the provider's way
//	dupset_run.go     the in-file duplicate check (importer/dupset) during a run
//	claim.go          the ledger: skip what is done, claim before sending
//	ids.go            the ids an order is sent with, and row identities
//	skip.go           skip_when rules and the rows they leave
//	submit.go         the worker pool, retries, the answers as row results
//	sendwindow.go     never more than rate + burst requests in a second
//	sequencer.go      results back in input order, to the result sheet
//	result.go         Status, RowResult, the result and tracking columns
//	resultsheet.go    the result sheet: its columns, colours and path
//	resultwriter_legend.go  the legend sheet (说明) from the catalog: Chinese, and the run's language
//	resultinput.go    a result sheet fed back in: its result columns taken off
//	progress.go, console.go, summary.go  what a run shows and its exit code
//	signals.go        SIGINT and SIGTERM
//	commands.go       mapping init and check, summary JSON
//	track*.go         orderimport track
//	history*.go       orderimport history
//	ledgererr.go      ledger errors naming their file
package importer
