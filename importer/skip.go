package importer

import (
	"log/slog"

	"orderimport/importer/i18n"
	"orderimport/mapping"
	"orderimport/providers"
)

// resolveSkipped finishes the rows of an order that the mapping's skip_when
// rules keep from being sent (status skipped, the rule's reason in the run's
// language as error; the log has it in English)
// and returns the rows left to send, nil when none is left. A rule of order
// scope that matches any row skips the whole order (a cancelled storefront
// order); another rule skips its row only (a gift-card line), and the
// order's other rows go on without it. Their order-level fields were already
// inherited from the order's first row, so when that row is skipped its
// problems with order-level fields move to the first row sent.
func (r *run) resolveSkipped(rows []pendingRow) []pendingRow {
	skipped, whole := 0, -1
	for i := range rows {
		if rows[i].skipped {
			skipped++
			if whole < 0 && rows[i].skip.Order {
				whole = i
			}
		}
	}
	if skipped == 0 {
		return rows
	}
	if whole >= 0 {
		w := rows[whole]
		for i := range rows {
			res := RowResult{Status: StatusSkipped, Error: w.skip.Text(r.o.Lang)}
			reason := w.skip.Reason
			if i != whole {
				res.Error = i18n.Sprintf(r.o.Lang, i18n.RowSkippedOrder, res.Error, w.row.Line)
				reason = i18n.Sprintf(i18n.En, i18n.RowSkippedOrder, reason, w.row.Line)
			}
			r.logSkipped(rows[i], reason)
			r.resolveAll(rows[i:i+1], res)
		}
		return nil
	}
	kept := make([]pendingRow, 0, len(rows)-skipped)
	for i := range rows {
		if !rows[i].skipped {
			kept = append(kept, rows[i])
			continue
		}
		r.logSkipped(rows[i], rows[i].skip.Reason)
		r.resolveAll(rows[i:i+1], RowResult{Status: StatusSkipped, Error: rows[i].skip.Text(r.o.Lang)})
	}
	if len(kept) > 0 && rows[0].skipped {
		kept[0].problems = append(kept[0].problems, r.orderProblems(rows[0].problems, kept[0].problems)...)
	}
	return kept
}

// orderProblems returns the problems of a skipped first row that concern
// the whole order (its order-level fields, which the rows sent inherited,
// or the order itself) and that next does not already report.
func (r *run) orderProblems(first, next []*mapping.FieldError) []*mapping.FieldError {
	var out []*mapping.FieldError
	for _, p := range first {
		if p.Warning || reported(next, p.Field) {
			continue
		}
		f := providers.FieldIndex(r.fields, p.Field)
		if p.Field == "" || (f >= 0 && r.fields[f].Level == providers.OrderLevel) {
			out = append(out, p)
		}
	}
	return out
}

// logSkipped logs the first rows skipped by the mapping's rules; the result
// sheet holds them all.
func (r *run) logSkipped(pr pendingRow, reason string) {
	const maxLogged = 20
	r.skippedLogged++
	switch {
	case r.skippedLogged <= maxLogged:
		r.o.Log.Info("row skipped, not sent", "file", r.in.Name(), "row", pr.row.Line, "reason", reason)
	case r.skippedLogged == maxLogged+1:
		r.o.Log.Info("more rows skipped: see the result sheet", "file", r.in.Name())
	}
}

// warnSkipColumns warns of each skip_when rule whose column the file lacks:
// the rows it would skip (closed orders …) cannot be told from the others;
// and it names the note columns (买家留言 …) that are not sent.
func warnSkipColumns(log *slog.Logger, name string, mp *mapping.Mapper) {
	for _, u := range mp.Skips() {
		if u.Column == 0 {
			log.Warn(u.String(), "file", name)
		}
	}
	if msg := mp.NotesNotSent(); msg != "" {
		log.Info(msg, "file", name)
	}
}
