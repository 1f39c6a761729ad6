// Package i18n is orderimport's one message catalog: every message a
// merchant reads (the CLI summary, the explanations of statuses, the
// validation errors written into the result sheet, the web page) in
// Simplified Chinese and in English.
//
// # Using it
//
// Pick a language, then print messages by id:
//
//	lang := i18n.FromEnv()            // or i18n.Parse(flagValue), i18n.Parse(r.Header.Get("Accept-Language"))
//	p := i18n.NewPrinter(lang)
//	p.Sprintf(i18n.SummaryElapsed, "1.2s")
//	p.Fprintf(w, i18n.SummaryResultSheet, path)
//
// A message is a format in the fmt style (%s, %d, %q, %.1f, %[2]s …); the
// Chinese text may reorder the arguments with explicit indexes, and a
// language may leave an argument out with %.0s (SummaryCount: the English
// summary does not repeat the status's label). Numbers are
// printed as fmt prints them, without grouping ("12345", never "12,345"),
// so a row number reads as Excel shows it in both languages.
//
// The messages are kept in a golang.org/x/text/message/catalog Builder;
// each Printer looks every message up in it once (with the catalog's
// language fallback) and formats with package fmt. Formatting through
// message.Printer instead cost about 4 µs a message (1 µs now), and a dry
// run of 100,000 rows with two problems each took 2.7 s instead of 1.0 s.
//
// # Adding messages
//
// Messages live in files by area: messages_cli.go (the command line),
// messages_status.go (what each result status means and what to do),
// messages_validation.go (problems of one value of one row), and so on.
// To add an area, write messages_AREA.go with its ID constants (type ID,
// value "AREA.name") and a function areaMessages() []Message returning
// {ID, En, Zh} entries, and add that function to groups in catalog.go. The catalog is built from
// groups in one explicit function (build); nothing registers itself.
//
// TestCatalog checks that every ID constant of the package has a message,
// that every message has both languages, that the two use the same
// arguments with the same verbs, and that no id is defined twice.
//
// # Where the messages are used
//
// importer.Options.Lang chooses the language of a run: its Summary.Print
// (and TrackSummary.Print), and the result sheet's error cells. A
// validation problem is a mapping.FieldError whose Err is a
// *mapping.Problem (a message id and its arguments): FieldError.Text(lang)
// and mapping.ErrorText(err, lang) render it in any language, Error() in
// English. mapping.CheckOptions.Lang does the same for mapping check. The
// XLSX result's legend sheet (说明) takes its texts from messages_legend.go
// and messages_status.go. A reader's refusal of a file is a *sheet.Error
// whose Err is a *sheet.Reason (messages_sheet.go): Error.Text(lang) says
// it, and mapping.ErrorText(err, lang) finds it, for the CLI and the page.
//
// # Choosing the language
//
// Parse understands "zh", "zh-CN", "zh_CN.UTF-8", "en_US.UTF-8", "C" and
// Accept-Language headers ("zh-CN,zh;q=0.9,en;q=0.8"), matched with
// golang.org/x/text/language. FromEnv reads ORDERIMPORT_LANG, then the
// POSIX locale variables LC_ALL, LC_MESSAGES and LANG (the first one set
// decides). Anything that does not name Chinese or English, "C", "POSIX"
// and an unset locale included, gives Default (English), so a run on a
// server without a locale prints what it printed before the catalog existed.
package i18n
