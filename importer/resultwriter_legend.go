package importer

import (
	"orderimport/importer/i18n"
	"orderimport/importer/sheet"
)

// rwLegendSheet is the name of the XLSX result's second sheet, which
// explains the result columns and statuses in Chinese (most merchants read
// Chinese); rwLegendSheetAlt when the input sheet has that name itself.
const (
	rwLegendSheet    = "说明"
	rwLegendSheetAlt = "结果说明"
)

// rwLegendStatuses are the statuses the legend explains, in its order
// (the README's table of statuses).
var rwLegendStatuses = []Status{StatusOK, StatusRejected, StatusFailed, StatusInvalid, StatusUnknown,
	StatusSkipped, StatusNotSent, StatusReady}

// resultLegend is the legend sheet of an XLSX result: the result columns
// (i18n.LegendColumns), then the statuses, explained in Chinese; when lang
// is another language, its explanations follow in the next columns. The
// column names and status values are never translated.
func resultLegend(lang i18n.Lang) sheet.Legend {
	langs := []i18n.Lang{i18n.Zh}
	if l := i18n.NewPrinter(lang).Lang(); l != i18n.Zh {
		langs = append(langs, l)
	}
	row := func(first string, ids ...i18n.ID) []string {
		cells := []string{first}
		for _, l := range langs {
			for _, id := range ids {
				cells = append(cells, i18n.Sprintf(l, id))
			}
		}
		return cells
	}
	cols := [][]string{row(i18n.Sprintf(i18n.Zh, i18n.LegendColumnHeader), i18n.LegendExplanationHeader)}
	for _, c := range i18n.LegendColumns {
		name := c
		if c == "extra" {
			name = i18n.Sprintf(i18n.Zh, i18n.LegendExtraColumns)
		}
		cols = append(cols, row(name, i18n.LegendColumn(c)))
	}
	statuses := [][]string{row(i18n.Sprintf(i18n.Zh, i18n.LegendStatusHeader), i18n.LegendMeaningHeader, i18n.LegendActionHeader)}
	for _, s := range rwLegendStatuses {
		statuses = append(statuses, row(string(s), i18n.StatusMeaning(string(s)), i18n.StatusAction(string(s))))
	}
	return sheet.Legend{Name: rwLegendSheet, Alt: rwLegendSheetAlt, Tables: [][][]string{cols, statuses}}
}
