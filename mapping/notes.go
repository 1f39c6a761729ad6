package mapping

import (
	"fmt"
	"slices"
	"strings"
)

// noteHeaders are the columns of platform exports that hold the buyer's
// message or the seller's note.
var noteHeaders = []string{"买家留言", "买家备注", "订单备注", "商家备注", "卖家备注", "商家订单备注"}

// NotesNotSent says in one line which of the file's note columns (买家留言,
// 订单备注, 商家备注 …) no field reads, and how to send them; "" when none.
// `mapping check` and the import say it rather than drop them silently.
func (mp *Mapper) NotesNotSent() string {
	if len(mp.plans) == 0 {
		return ""
	}
	var cols, names []string
	for i, h := range mp.plans[0].headers {
		if slices.Contains(noteHeaders, normHeader(h)) && !mp.reads(i) {
			cols = append(cols, fmt.Sprintf("%s (%s)", ColumnName(i+1), h))
			names = append(names, "{"+h+"}")
		}
	}
	if len(cols) == 0 {
		return ""
	}
	return "not sent: column " + strings.Join(cols, ", column ") +
		fmt.Sprintf(` (the buyer's message or the seller's note); to send them in the remark: remark: {template: %q, default: orderimport} (see README)`, strings.Join(names, " "))
}

// reads reports whether a field's value comes from column col.
func (mp *Mapper) reads(col int) bool {
	for i := range mp.plans {
		p := &mp.plans[i]
		if p.isConst {
			continue
		}
		if p.index == col || slices.Contains(p.coalesce, col) || slices.ContainsFunc(p.tmpl, func(bp boundPart) bool { return bp.col == col }) {
			return true
		}
	}
	return false
}
