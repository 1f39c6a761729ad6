package importer

// RowProgress is a Progress that also learns, for each finished row, its
// row number as a person sees it (Row.Line) and what the result sheet says
// of it: a web page lists the rows that will not be sent without reading
// the result sheet back. Options.Progress may return one; RowDone is then
// called instead of Done, once per row, in input order, from one goroutine.
type RowProgress interface {
	Progress
	// RowDone records that the row at line got its final result.
	RowDone(line int, res RowResult)
}
