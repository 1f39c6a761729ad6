// Package web is the local web page of "orderimport serve": a merchant who
// never opens a terminal uploads a spreadsheet, maps its columns, checks
// it, sends it and downloads the result sheet in a browser tab, in Chinese
// first (English on a switch).
//
// The handlers only wire a page to the engine the command line uses:
// reading and header finding (importer/sheet: sheet.Open), the mapping
// (mapping.Preset, Default, Parse, Uses, InitFrom), the dry run and the
// send (importer.Run, with the same ledger, so a row is never created
// twice whichever of the two sent it), retry, and the history
// (importer.History). Every text a merchant reads comes from the catalog
// of orderimport/importer/i18n.
//
// Uploaded files live in a private workspace directory (0700) under names
// the server chooses; they are removed after Config.Retention. Security:
// a loopback listener by default (CheckListen refuses another without a
// password), a Host check against DNS rebinding, Go's
// http.CrossOriginProtection for every write, an upload size limit, and
// one run at a time per provider account. The API token is held in memory
// only: never rendered, logged or written.
package web
