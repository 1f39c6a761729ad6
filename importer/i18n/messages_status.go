package i18n

// The statuses of a result sheet's rows. The status values themselves
// (ok, rejected, …) are never translated: machines read them. Their ids
// are derived from the value: StatusLabel("ok") is "status.ok.label".

// StatusLabel is the id of a status's short name in words ("created").
func StatusLabel(status string) ID { return ID("status." + status + ".label") }

// StatusMeaning is the id of what a status means.
func StatusMeaning(status string) ID { return ID("status." + status + ".meaning") }

// StatusAction is the id of what the merchant does about a status.
func StatusAction(status string) ID { return ID("status." + status + ".action") }

// StatusValues lists the status values the catalog explains, in the order
// summaries print them (importer.Statuses; a test there checks the two
// agree).
var StatusValues = []string{"ok", "ready", "skipped", "rejected", "invalid", "failed", "unknown", "not_sent"}

func statusMessages() []Message {
	type texts struct{ label, meaning, action [2]string }
	all := map[string]texts{
		"ok": {
			[2]string{"created", "已创建"},
			[2]string{"the order was created; the provider accepted the row", "订单已创建，平台接受了这一行"},
			[2]string{"nothing to do", "无需处理"},
		},
		"rejected": {
			[2]string{"refused by the provider", "被平台拒绝"},
			[2]string{"the provider refused this row (a forbidden zone, msg_code 2001) or its whole order",
				"平台拒绝了这一行（如禁发地区，msg_code 2001）或整个订单"},
			[2]string{"fix the row as msg and error say, then send the result sheet with orderimport retry",
				"按 msg 和 error 修改后，用 orderimport retry 重新提交这张结果表"},
		},
		"failed": {
			[2]string{"failed", "失败"},
			[2]string{"network or provider trouble, retries spent; no order was created",
				"网络或平台暂时故障，重试已用完；没有创建任何订单"},
			[2]string{"send the result sheet again later with orderimport retry", "稍后用 orderimport retry 重新提交"},
		},
		"invalid": {
			[2]string{"not valid, not sent", "校验未通过，未发送"},
			[2]string{"the row failed validation and was not sent; error names the row, column and field",
				"校验未通过，没有发送；error 写明行、列和字段"},
			[2]string{"correct the row, then send the result sheet with orderimport retry",
				"改正这一行后用 orderimport retry 重新提交"},
		},
		"unknown": {
			[2]string{"no answer", "结果未知"},
			[2]string{"sent, but no answer came back: the order may have been created",
				"已发送但没有收到回答：订单可能已经创建"},
			[2]string{"check at the provider whether the order exists before sending it again",
				"先到平台上核实是否已创建，不要直接重发"},
		},
		"skipped": {
			[2]string{"skipped", "已跳过"},
			[2]string{"deliberately not sent: created by an earlier run (its order number copied), a repeat of an earlier row of this file, or being sent by another run",
				"有意没有发送：之前的运行已创建（复制了当时的订单号）、与本文件前面的行重复，或另一个运行正在发送"},
			[2]string{"nothing to do; to send it once more anyway, add --allow-duplicates",
				"无需处理；确实要再发一次时加 --allow-duplicates"},
		},
		"not_sent": {
			[2]string{"not sent", "未发送"},
			[2]string{"the run stopped before sending this row (an account problem, or interrupted)",
				"运行在发送这一行之前停止了（账户问题或被中断）"},
			[2]string{"solve the problem the run named, then run again", "解决提示的问题后再运行一次"},
		},
		"ready": {
			[2]string{"valid, would be sent", "有效，可以发送"},
			[2]string{"dry run (--dry-run): the row is valid and a real run would send it",
				"试运行（--dry-run）：这一行有效，正式运行时会发送"},
			[2]string{"run again without --dry-run to import", "去掉 --dry-run 正式导入"},
		},
	}
	var out []Message
	for _, s := range StatusValues {
		t := all[s]
		out = append(out,
			Message{StatusLabel(s), t.label[0], t.label[1]},
			Message{StatusMeaning(s), t.meaning[0], t.meaning[1]},
			Message{StatusAction(s), t.action[0], t.action[1]})
	}
	return out
}
