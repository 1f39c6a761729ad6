package i18n

// The command line: the summary printed at the end of import, retry and
// their dry runs.
const (
	// SummaryImport .. SummaryRetryDryRun title the summary: input, provider, rows.
	SummaryImport      ID = "cli.summary.import"
	SummaryRetry       ID = "cli.summary.retry"
	SummaryDryRun      ID = "cli.summary.dry_run"
	SummaryRetryDryRun ID = "cli.summary.retry_dry_run"
	// SummaryCarried counts the rows a result sheet says were created.
	SummaryCarried ID = "cli.summary.carried"
	// SummaryCount is one status's line: status value, rows, the status's
	// label (StatusLabel), which the English summary leaves out.
	SummaryCount ID = "cli.summary.count"
	// SummaryOrders: orders, requests, requests per second.
	SummaryOrders ID = "cli.summary.orders"
	// SummaryElapsed: the run's duration.
	SummaryElapsed ID = "cli.summary.elapsed"
	// SummaryRecovered: orders of earlier runs resent with their ids.
	SummaryRecovered ID = "cli.summary.recovered"
	// SummaryAmount: the amount charged.
	SummaryAmount ID = "cli.summary.amount"
	// SummaryWaits: Retry-After pauses honoured and their total.
	SummaryWaits ID = "cli.summary.waits"
	// SummaryWaitsOverMax: pauses refused as longer than --max-wait.
	SummaryWaitsOverMax ID = "cli.summary.waits_over_max"
	// SummaryResultSheet: the result sheet's path.
	SummaryResultSheet ID = "cli.summary.result_sheet"
	// SummaryRun: the ledger's run id.
	SummaryRun ID = "cli.summary.run"
	// SummaryLedgerCreated: the ledger's path, created by this run.
	SummaryLedgerCreated ID = "cli.summary.ledger_created"
	// SummaryStopped: the error that stopped the run.
	SummaryStopped ID = "cli.summary.stopped"
	// SummaryInterrupted: rows not sent because of a signal.
	SummaryInterrupted ID = "cli.summary.interrupted"
	// SummaryLookAt lists the statuses to look at (SummaryLookAtPart
	// joined with ListSeparator).
	SummaryLookAt ID = "cli.summary.look_at"
	// SummaryLookAtPart: rows, status value.
	SummaryLookAtPart ID = "cli.summary.look_at_part"
	// ListSeparator joins the items of a list.
	ListSeparator ID = "cli.list_separator"
)

// mapping check: the list of problems and the closing counts.
const (
	// CheckProblems heads the list of problems.
	CheckProblems ID = "cli.check.problems"
	// CheckRowStatus: row, status value, why.
	CheckRowStatus ID = "cli.check.row_status"
	// CheckCounts: rows, to send, invalid, skipped, with warnings.
	CheckCounts ID = "cli.check.counts"
)

// The result sheet's error column: why a row was not sent or not created.
const (
	// ProblemSeparator joins the problems of one row.
	ProblemSeparator ID = "result.problem_separator"
	// RowOrderInvalid: the row of the same order that is invalid.
	RowOrderInvalid ID = "result.order_invalid"
)

func cliMessages() []Message {
	return []Message{
		{SummaryImport, "import of %s (%s): %d rows", "导入 %s（%s）：共 %d 行"},
		{SummaryRetry, "retry of %s (%s): %d rows", "重新提交 %s（%s）：共 %d 行"},
		{SummaryDryRun, "dry run of %s (%s): %d rows", "试运行 %s（%s）：共 %d 行，没有发送"},
		{SummaryRetryDryRun, "retry (dry run) of %s (%s): %d rows", "重新提交（试运行）%s（%s）：共 %d 行，没有发送"},
		{SummaryCarried, "carried over as ok: %d rows (created by an earlier run, as the sheet says; not sent again)",
			"沿用为 ok：%d 行（结果表显示之前的运行已创建；不再发送）"},
		{SummaryCount, "%-9s %d%.0s", "%-9s %6d 行  %s"},
		{SummaryOrders, "orders %d, requests %d, %.1f requests/s", "订单 %d 个，请求 %d 次，每秒 %.1f 次"},
		{SummaryElapsed, "elapsed %s", "用时 %s"},
		{SummaryRecovered, "%d orders left open by earlier runs were resent with their original ids",
			"之前的运行留下的 %d 个未完成订单已用原来的编号重新发送"},
		{SummaryAmount, "amount charged %d", "扣费 %d"},
		{SummaryWaits, "waited %d times as the provider asked (Retry-After), %s in all",
			"按平台的要求（Retry-After）等待了 %d 次，共 %s"},
		{SummaryWaitsOverMax, "%d waits the provider asked for were longer than --max-wait: their orders failed; run again later",
			"平台要求的等待有 %d 次超过 --max-wait：这些订单失败了，请稍后再运行"},
		{SummaryResultSheet, "result sheet: %s", "结果表：%s"},
		{SummaryRun, "run %s", "运行编号 %s"},
		{SummaryLedgerCreated, "ledger created: %s (new and empty: it knew no earlier run)",
			"已新建台账：%s（新的空台账，没有之前运行的记录）"},
		{SummaryStopped, "STOPPED: %s", "已停止：%s"},
		{SummaryInterrupted, "INTERRUPTED: %d rows not sent (not_sent); run again to send them",
			"已中断：%d 行没有发送（not_sent）；再运行一次即可发送"},
		{SummaryLookAt, "rows to look at: %s (see the status and error columns)",
			"需要处理的行：%s（见结果表的 status 和 error 列）"},
		{SummaryLookAtPart, "%d %s", "%[2]s %[1]d 行"},
		{ListSeparator, ", ", "，"},

		{CheckProblems, "problems:", "问题："},
		{CheckRowStatus, "row %d: %s: %s", "第 %d 行：%s：%s"},
		{CheckCounts, "%d rows: %d to send, %d invalid, %d skipped, %d with warnings",
			"共 %d 行：%d 行可以发送，%d 行校验未通过，%d 行跳过，%d 行有提醒"},

		{ProblemSeparator, "; ", "；"},
		{RowOrderInvalid, "not sent: row %d of the same order is invalid", "没有发送：同一订单的第 %d 行校验未通过"},
	}
}
