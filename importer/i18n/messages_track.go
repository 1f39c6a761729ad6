package i18n

// orderimport track: its summary. The outcome values (shipped,
// not_in_ledger …) stay as they are, like the statuses; TrackLabel says
// them in words.
const (
	// TrackTitle: input, provider, rows, created orders.
	TrackTitle ID = "track.title"
	// TrackCount: outcome value, rows, its label (left out in English).
	TrackCount ID = "track.count"
	// TrackAsked: asked, kept, requests, elapsed.
	TrackAsked ID = "track.asked"
	// TrackFailed: rows whose query failed.
	TrackFailed ID = "track.failed"
	// TrackNotInLedger: rows, the account.
	TrackNotInLedger ID = "track.not_in_ledger"
	// TrackNotIdentified: rows.
	TrackNotIdentified ID = "track.not_identified"
	// TrackInterrupted: nothing.
	TrackInterrupted ID = "track.interrupted"
)

// TrackLabel is the id of a track outcome's name in words.
func TrackLabel(outcome string) ID { return ID("track.outcome." + outcome) }

// TrackOutcomeValues lists the track outcomes the catalog names, in the
// order the summary prints them (importer.TrackOutcomes).
var TrackOutcomeValues = []string{"shipped", "cancelled", "awaiting_shipment", "awaiting_payment",
	"unknown_status", "not_found", "not_in_ledger", "not_identified", "not_asked"}

func trackMessages() []Message {
	labels := map[string][2]string{
		"shipped":           {"shipped", "已发货"},
		"cancelled":         {"cancelled", "已取消"},
		"awaiting_shipment": {"awaiting shipment", "待发货"},
		"awaiting_payment":  {"awaiting payment", "待付款"},
		"unknown_status":    {"a status track does not know", "未知状态"},
		"not_found":         {"unknown to the provider", "平台查不到"},
		"not_in_ledger":     {"not in the ledger", "台账中没有"},
		"not_identified":    {"not identified", "无法识别"},
		"not_asked":         {"not asked", "没有查询"},
	}
	out := []Message{
		{TrackTitle, "track of %s (%s): %d rows, %d created orders", "跟踪 %s（%s）：共 %d 行，已创建订单 %d 个"},
		{TrackCount, "%-18s %d%.0s", "%-18s %6d 行  %s"},
		{TrackAsked, "asked %d, kept %d (shipped or cancelled before), requests %d, elapsed %s",
			"查询 %d 行，沿用 %d 行（之前已发货或已取消），请求 %d 次，用时 %s"},
		{TrackFailed, "%d rows could not be asked this time: they keep what was known before",
			"%d 行这次没能查询：保留之前查到的结果"},
		{TrackNotInLedger, "%d rows are not in the ledger as created under account %s: track them with the ledger (--ledger) " +
			"and the account (--base-url, --account) of the import",
			"%d 行在台账的账户 %s 下没有已创建的记录：请用导入时的台账（--ledger）和账户（--base-url、--account）跟踪"},
		{TrackNotIdentified, "%d rows could not be identified: give track the mapping flags of the import (--mapping, --preset, --set)",
			"%d 行无法识别：请给 track 导入时的映射参数（--mapping、--preset、--set）"},
		{TrackInterrupted, "INTERRUPTED: the rows not asked keep what was known before; run again",
			"已中断：没有查询的行保留之前的结果；请再运行一次"},
	}
	for _, o := range TrackOutcomeValues {
		l := labels[o]
		out = append(out, Message{TrackLabel(o), l[0], l[1]})
	}
	return out
}
