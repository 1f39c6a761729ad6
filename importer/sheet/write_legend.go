package sheet

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// rwAddLegend adds the legend sheet after the result sheet: its tables one
// under another, a blank row between them, the first row of each bold.
// A legend without a name adds nothing.
func rwAddLegend(f *excelize.File, resultSheet string, l Legend) error {
	if l.Name == "" {
		return nil
	}
	name := l.Name
	if resultSheet == name {
		name = l.Alt
	}
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	row, width := 0, 3
	for i, table := range l.Tables {
		if i > 0 {
			row++ // a blank row between tables
		}
		for j, cells := range table {
			row++
			width = max(width, len(cells))
			values := make([]any, len(cells))
			for k, c := range cells {
				values[k] = c
			}
			if err := f.SetSheetRow(name, fmt.Sprintf("A%d", row), &values); err != nil {
				return err
			}
			if j == 0 && len(cells) > 0 {
				if err := rwBold(f, name, row, len(cells)); err != nil {
					return err
				}
			}
		}
	}
	err := f.SetColWidth(name, "A", "A", 16)
	if err == nil {
		last, _ := excelize.ColumnNumberToName(width) // width >= 3: cannot fail
		err = f.SetColWidth(name, "B", last, 60)
	}
	return err
}

// rwBold makes the first n cells of a row of the legend bold.
func rwBold(f *excelize.File, sheet string, row, n int) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(n, row)
	if err != nil {
		return err
	}
	return f.SetCellStyle(sheet, fmt.Sprintf("A%d", row), last, bold)
}
