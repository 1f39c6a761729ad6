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
	// CheckRowsInvalid closes a check that found invalid rows (stderr).
	CheckRowsInvalid ID = "cli.check.rows_invalid"
)

// The result sheet's error column: why a row was not sent or not created.
const (
	// ProblemSeparator joins the problems of one row.
	ProblemSeparator ID = "result.problem_separator"
	// RowSkipped: a skip_when rule's reason (as the mapping gives it), the
	// cell; RowSkippedFlag: the reason, the column's header, the cell (a
	// filled rule, a yes/no cell).
	RowSkipped     ID = "result.skipped"
	RowSkippedFlag ID = "result.skipped_flag"
	// RowSkippedOrder: the skipped row's reason, the row of the same order
	// a skip_when rule of order scope matched.
	RowSkippedOrder ID = "result.skipped_order"
	// RowOrderInvalid: the row of the same order that is invalid.
	RowOrderInvalid ID = "result.order_invalid"
	// RowNotSent: why the run stopped (RunStopped, RunInterrupted).
	RowNotSent ID = "result.not_sent"
	// RunStopped: the error that stopped the run.
	RunStopped ID = "result.run_stopped"
	// RunInterrupted: nothing.
	RunInterrupted ID = "result.run_interrupted"
	// RowDuplicate: the earlier row of the file it repeats.
	RowDuplicate ID = "result.duplicate"
	// RowOrderRepeats: nothing.
	RowOrderRepeats ID = "result.order_repeats"
	// RowAlreadyCreated: the run that created it, its row there.
	RowAlreadyCreated ID = "result.already_created"
	// RowRefusedBefore: provider, run, row there, the refusal.
	RowRefusedBefore ID = "result.refused_before"
	// RowBusy: the run sending it.
	RowBusy ID = "result.busy"
	// RowOrderInSheet: the order, the row of the sheet that created it.
	RowOrderInSheet ID = "result.order_in_sheet"
	// RowOrderInLedger: the order, the run that created it, its row there, its order_sn.
	RowOrderInLedger ID = "result.order_in_ledger"
	// RowOrderUnknown: nothing.
	RowOrderUnknown ID = "result.order_unknown"
	// RowOrderBusy: nothing.
	RowOrderBusy ID = "result.order_busy"
	// RowStoppedBefore: nothing (RowNotSent's reason when an order did
	// not get its turn).
	RowStoppedBefore ID = "result.stopped_before"
	// RowMayExistStopped: the provider's error that stopped the run.
	RowMayExistStopped ID = "result.may_exist_stopped"
	// RowRefused: provider, its refusal.
	RowRefused ID = "result.refused"
	// RowNotMentioned: nothing.
	RowNotMentioned ID = "result.not_mentioned"
	// RowMayExistAnswered: the answer of the attempt after a lost one.
	RowMayExistAnswered ID = "result.may_exist_answered"
	// RowNoAnswer: nothing.
	RowNoAnswer ID = "result.no_answer"
	// RowAnswerLost: what happened.
	RowAnswerLost ID = "result.answer_lost"
	// RowNotCreated: what happened.
	RowNotCreated ID = "result.not_created"
	// RowClaimedMeanwhile: nothing (the ids marker follows).
	RowClaimedMeanwhile ID = "result.claimed_meanwhile"
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

		{CheckRowsInvalid, "some rows are invalid: see above", "有些行校验未通过：见上面的列表"},

		{ProblemSeparator, "; ", "；"},
		{RowSkipped, "%s: %s", "%s：%s"},
		{RowSkippedFlag, "%s: %s %s", "%s：%s %s"},
		{RowSkippedOrder, "%s (row %d of the same order)", "%s（同一订单的第 %d 行）"},
		{RowOrderInvalid, "not sent: row %d of the same order is invalid", "没有发送：同一订单的第 %d 行校验未通过"},
		{RowNotSent, "not sent: %s", "没有发送：%s"},
		{RunStopped, "the run was stopped: %s", "运行已停止：%s"},
		{RunInterrupted, "the run was interrupted", "运行被中断"},
		{RowDuplicate, "duplicate of row %d: not sent (--allow-duplicates sends it)",
			"与第 %d 行重复：没有发送（加 --allow-duplicates 会发送）"},
		{RowOrderRepeats, "not sent: another row of this order repeats an earlier row of the file",
			"没有发送：这个订单的另一行与文件前面的行重复"},
		{RowAlreadyCreated, "already created by %s (row %d there), not sent again; --allow-duplicates sends it",
			"已由 %s 创建（当时的第 %d 行），不再发送；加 --allow-duplicates 会再发送"},
		{RowRefusedBefore, "refused by %s in %s (row %d there): %s; not sent again because the row has not changed since: " +
			"change it, or pass --resend-rejected to send it as it is",
			"%[2]s 中被 %[1]s 拒绝（当时的第 %[3]d 行）：%[4]s；这一行之后没有改动，所以不再发送：请修改这一行，或加 --resend-rejected 按原样发送"},
		{RowBusy, "being sent by %s: not sent by this run", "%s 正在发送：这次运行没有发送"},
		{RowOrderInSheet, "not sent: order %s already exists (row %d of this sheet says it was created) without this item, " +
			"and the API cannot add an item to an existing order: add the item to the order in the shop's admin, " +
			"or give this row an order number of its own to send it as a new order",
			"没有发送：订单 %s 已经存在（本表第 %d 行显示已创建），但不含这件商品，而接口不能往已有订单里加商品：" +
				"请在店铺后台把商品加进这个订单，或给这一行一个新的订单号，作为新订单发送"},
		{RowOrderInLedger, "not sent: order %s already exists (created by %s, row %d there, order_sn %s) without this item, " +
			"and the API cannot add an item to an existing order: add the item to the order in the shop's admin, " +
			"or give this row an order number of its own to send it as a new order",
			"没有发送：订单 %s 已经存在（由 %s 创建，当时的第 %d 行，order_sn %s），但不含这件商品，而接口不能往已有订单里加商品：" +
				"请在店铺后台把商品加进这个订单，或给这一行一个新的订单号，作为新订单发送"},
		{RowOrderUnknown, "not sent: other rows of this order have an unknown outcome, so the order may exist (without this item): " +
			"check it at the provider; --resend-unknown sends the whole order again (a second order if it exists)",
			"没有发送：这个订单的其他行结果未知，订单可能已经存在（不含这件商品）：请先到平台上核实；" +
				"加 --resend-unknown 会重新发送整个订单（如果订单已存在，会产生第二个订单）"},
		{RowStoppedBefore, "the run stopped before this order was sent", "这个订单发送之前运行已停止"},
		{RowMayExistStopped, "sent, and the order may exist: check before sending it again; the run was stopped: %s",
			"已发送，订单可能已经存在：重发之前请先核实；运行已停止：%s"},
		{RowRefused, "%s refused the order: %s", "%s 拒绝了这个订单：%s"},
		{RowNotMentioned, "the provider's answer did not mention this row", "平台的回答没有提到这一行"},
		{RowMayExistAnswered, "an earlier attempt may have created the order (its answer was lost), and the next one was answered %s: " +
			"the order may exist; the next run asks again with the same ids",
			"之前的一次发送可能已经创建了订单（回答丢失了），下一次发送得到的回答是 %s：订单可能已经存在；下次运行会用相同的编号再询问"},
		{RowNoAnswer, "no answer", "没有回答"},
		{RowAnswerLost, "sent, but the answer was lost; the order may exist, check before sending it again: %s",
			"已发送，但回答丢失了；订单可能已经存在，重发之前请先核实：%s"},
		{RowNotCreated, "not created: %s", "没有创建：%s"},
		{RowClaimedMeanwhile, "the result sheet says unknown, and another run has claimed rows sent with it meanwhile: " +
			"not sent again; run again to see what it found",
			"结果表显示结果未知，而另一个运行在此期间认领了与它一起发送的行：不再发送；请再运行一次查看结果"},
		{RowOrderBusy, "not sent: other rows of this order are being sent by another run; sending this row alone would make a second order",
			"没有发送：这个订单的其他行正由另一个运行发送；单独发送这一行会产生第二个订单"},
	}
}
