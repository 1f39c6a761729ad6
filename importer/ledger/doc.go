// Package ledger is the importer's durable memory: an embedded SQLite
// database (modernc.org/sqlite, pure Go, so the binary still cross-compiles
// without cgo) that records, for every input row ever submitted to an
// account, whether its order was created.
//
// # Granularity
//
// The ledger keeps one entry per ROW, keyed by an idempotency key derived
// from the account and the row's identity. The account is the provider and
// an account name: --account, or the canonical host of the base URL
// (CanonicalHost: lower case, punycode, default ports dropped, every
// loopback address "localhost"), so the same account is recognised however
// its URL is spelled. The row's identity is computed by the importer from
// canonical values (damaijia: platform_order_sn + product_id; storefront:
// order_key + the item's product_id, variant_id and occurrence in its
// order; the whole mapped record when those are blank). Ledgers written
// before accounts had names keyed rows by provider + base URL as typed:
// the accounts table lists those namespaces, and a row the ledger does not
// hold under its key is looked up under its key there (LookupAliased,
// ClaimRow.Aliases), so an upgraded ledger still protects its rows. A row key
// survives regrouping: a re-run may batch damaijia consignees differently
// (another --batch, a file that grew, rows fixed by the merchant), and each
// row is still found.
//
// Rows that travel together are tied by a claim: one claim is one request
// body, with the site_order_id and the site_order_consignee_ids it carries.
// A claim's ids are reused only with exactly the claim's set of rows, which
// the ledger stores (the mapped record of each row, kept while the outcome
// of any row of the claim is open and erased once every one is known). This matters for damaijia:
// an answer "234 site_order_id already exists" proves that the order with that
// id exists, but says nothing about which consignees it holds, so resending
// the same id with another set of rows could mark a row ok that was never
// created. A claim whose outcome is open (its run died after the claim, or
// the answer was lost) is therefore resent from the ledger as it was, never
// rebuilt from the file; rows sent afresh get a fresh claim and fresh ids.
// The one exception is a result sheet carried to a ledger that never saw
// its unknown rows: it carries their ids, and when it holds every unknown
// row sent with one site_order_id they are claimed with those ids
// (ClaimWithIDs) and resent, so "already exists" settles them.
//
// # States
//
// A row is claimed (committed before the request leaves), then ok,
// rejected, failed (surely not created), unknown (sent, no answer) or
// not_sent (the run stopped before sending). There is no separate "sent"
// state: a claimed row may or may not have left, and it is treated as
// possibly sent. A row keeps the hash of its mapped content (ContentHash):
// a rejected row is claimed again only when it changed (Refused), or with
// Policy.ResendRejected.
//
// # The file
//
// Open never makes a directory, refuses an empty file, a file that is not
// an intact SQLite database (check.go) and a journal whose database is
// missing, and leaves them as they are; a new ledger is made under a
// temporary name and linked into place, so that no process sees it empty,
// and Created reports it.
//
// # Runs
//
// Every process registers a run (id, pid, host, start, heartbeat, end). A
// claim held by a run that ended, whose process is gone (same host), or whose
// heartbeat is older than StaleAfter belongs to a dead run; any other claim is
// live and a second process keeps its hands off it.
//
// # Cost
//
// Every order costs two durable commits (synchronous=FULL, one fsync each):
// the claim before the request leaves, the record before the run reports
// the rows. The process's writes go through one group writer on one
// connection, so the claims and records queued at the same moment share a
// transaction and its fsync (with 16 workers, 7 to 10 writes a commit);
// the statements are prepared once at Open; ids come from blocks reserved
// in the seq table; Lookup reads on a second, read-only connection and never
// waits for a commit. BenchmarkClaimRecord measures the ledger alone: about
// 100-140 us of CPU and 5,000-9,000 orders/s on a 2-core VM whose fsync
// takes 0.25-0.35 ms (a third of that CPU is the commits' fsync and WAL
// writes).
package ledger
