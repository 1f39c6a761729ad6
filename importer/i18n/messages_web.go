package i18n

// The web page of "orderimport serve": its labels, and the one-line
// refusals it answers. The templates name their messages by id
// ({{.T "web.upload.title"}}); the web package's tests check that every id
// a template names is in the catalog. The ID constants below are the
// messages Go code prints.
const (
	// WebCrossOrigin refuses a write from another site.
	WebCrossOrigin ID = "web.refuse.cross_origin"
	// WebForeignHost refuses a request for another host name (DNS rebinding).
	WebForeignHost ID = "web.refuse.foreign_host"
	// WebPasswordNeeded asks for the password.
	WebPasswordNeeded ID = "web.refuse.password"
	// WebTooLarge: the upload limit.
	WebTooLarge ID = "web.refuse.too_large"
	// WebNoFile: the form has no file.
	WebNoFile ID = "web.refuse.no_file"
	// WebUploadBroken: the upload did not arrive whole.
	WebUploadBroken ID = "web.refuse.upload_broken"
	// WebUnknownProvider: the provider given, the known ones.
	WebUnknownProvider ID = "web.refuse.unknown_provider"
	// WebNoRows: the file's name, the header's row number.
	WebNoRows ID = "web.refuse.no_rows"
	// WebOtherProvider: the export's name, the preset, its provider.
	WebOtherProvider ID = "web.refuse.other_provider"
	// WebNoSuchUpload: an upload the server does not know (expired).
	WebNoSuchUpload ID = "web.refuse.no_such_upload"
	// WebNoSuchRun: a run the server does not know.
	WebNoSuchRun ID = "web.refuse.no_such_run"
	// WebRunNotFinished: the result sheet of a run under way.
	WebRunNotFinished ID = "web.refuse.run_not_finished"
	// WebSheetGone: a sheet past the workspace's retention.
	WebSheetGone ID = "web.refuse.sheet_gone"
	// WebBadLimits: the rate or workers value refused.
	WebBadLimits ID = "web.refuse.bad_limits"
	// WebNoToken: no API token yet.
	WebNoToken ID = "web.refuse.no_token"

	// WebTokenTyped says the token was typed into the page.
	WebTokenTyped ID = "web.send.token_typed"

	// WebRecognised: the export's name, the preset.
	WebRecognised ID = "web.map.recognised"
	// WebBasePreset: the preset the mapping starts from.
	WebBasePreset ID = "web.map.base_preset"
	// WebBaseDefault, WebBaseFile, WebBaseRemembered: where else it starts.
	WebBaseDefault    ID = "web.map.base_default"
	WebBaseFile       ID = "web.map.base_file"
	WebBaseRemembered ID = "web.map.base_remembered"

	// WebRuleColumn: the column's letter and header; WebRuleElse: the
	// other columns read when it is blank; WebRuleDefault: the value of a
	// blank cell; WebRuleNoColumn: the value of every row; WebRuleTemplate:
	// the template; WebRuleSplit: the field whose address is split;
	// WebRuleTransforms: the transforms' names.
	WebRuleColumn     ID = "web.rule.column"
	WebRuleElse       ID = "web.rule.else"
	WebRuleDefault    ID = "web.rule.default"
	WebRuleNoColumn   ID = "web.rule.no_column"
	WebRuleTemplate   ID = "web.rule.template"
	WebRuleSplit      ID = "web.rule.split"
	WebRuleTransforms ID = "web.rule.transforms"

	// WebSkipRule: the column's letter, its header, how it matches
	// (WebSkipMatches ..); WebSkipNoColumn: the column's accepted names,
	// how it matches (the file lacks the column).
	WebSkipRule     ID = "web.skip.rule"
	WebSkipNoColumn ID = "web.skip.no_column"
	// WebSkipMatches, WebSkipPrefix, WebSkipContains: the values;
	// WebSkipFilled: any value.
	WebSkipMatches  ID = "web.skip.matches"
	WebSkipPrefix   ID = "web.skip.prefix"
	WebSkipContains ID = "web.skip.contains"
	WebSkipFilled   ID = "web.skip.filled"
	// WebSkipReason: the rule's reason; WebSkipOrder: the whole order.
	WebSkipReason ID = "web.skip.reason"
	WebSkipOrder  ID = "web.skip.order"

	// WebStateFinished .. WebStateDied: a run of the history.
	WebStateFinished    ID = "web.history.finished"
	WebStateInterrupted ID = "web.history.interrupted"
	WebStateRunning     ID = "web.history.running"
	WebStateDied        ID = "web.history.died"
)

// WebPreset is the id of a preset's short name ("淘宝导出").
func WebPreset(preset string) ID { return ID("web.preset." + preset) }

// WebPresets lists the presets WebPreset names.
var WebPresets = []string{"taobao", "jd", "pinduoduo", "doudian", "youzan", "damaijia", "shopify"}

func webMessages() []Message {
	return []Message{
		{WebCrossOrigin, "refused: this request came from another web site (cross-origin); use the page itself",
			"已拒绝：这个请求来自其他网站（跨域）；请在本页面里操作"},
		{WebForeignHost, "refused: this page answers only as localhost or 127.0.0.1 (another name may be a DNS rebinding attack)",
			"已拒绝：本页面只接受 localhost 或 127.0.0.1 访问（其他域名可能是 DNS 重绑定攻击）"},
		{WebPasswordNeeded, "the password is needed (the --password-file of orderimport serve)",
			"需要密码（orderimport serve 的 --password-file）"},
		{WebTooLarge, "refused: the file is larger than the upload limit of %s (--max-upload)",
			"已拒绝：文件超过上传上限 %s（--max-upload）"},
		{WebNoFile, "choose a file first", "请先选择文件"},
		{WebUploadBroken, "the upload did not arrive whole: try again", "上传不完整，请重试"},
		{WebUnknownProvider, "unknown provider %q: known providers are %s", "未知的服务商 %q：可选 %s"},
		{WebNoRows, "%s: no data rows below the header (row %d): nothing to import", "%s：表头（第 %d 行）下面没有数据行，没有可导入的内容"},
		{WebOtherProvider, "this looks like %s, which preset %s reads for provider %s: choose that provider",
			"这像是%s，preset %s 用于服务商 %s：请选择该服务商"},
		{WebNoSuchUpload, "this file is not known (any more): upload it again", "找不到这个文件（可能已过期），请重新上传"},
		{WebNoSuchRun, "this run is not known (the server was restarted?): see the history", "找不到这次运行（服务重启过？），请查看历史记录"},
		{WebRunNotFinished, "the run is not finished yet: its result sheet is written at its end", "运行尚未结束：结果表在结束时写出"},
		{WebSheetGone, "this sheet is no longer kept (past the workspace's retention)", "这张表已不再保留（超过了保留期限）"},
		{WebBadLimits, "refused: %s: the rate must be 0 (unlimited) or more, the workers 1 to 64",
			"已拒绝：%s：速率须为 0（不限）或更大，并发数须为 1 到 64"},
		{WebNoToken, "no API token: type it into the token field (or start the server with ORDERIMPORT_TOKEN or --token-file)",
			"没有 API 令牌：请在令牌输入框中填写（或启动时设置 ORDERIMPORT_TOKEN 或 --token-file）"},

		{WebRecognised, "recognised: %s · preset %s", "已识别：%s · preset %s"},
		{WebBasePreset, "mapping: preset %s", "映射：preset %s"},
		{WebBaseDefault, "mapping: the provider's built-in mapping", "映射：服务商的内置映射"},
		{WebBaseFile, "mapping: the mapping file you uploaded", "映射：你上传的映射文件"},
		{WebBaseRemembered, "mapping: the one you used last time for a file with this header", "映射：上次对同样表头的文件使用的映射"},

		{WebRuleColumn, "column %s (%s)", "%s 列（%s）"},
		{WebRuleElse, ", else %s", "，为空时依次读 %s"},
		{WebRuleDefault, ", %q when blank", "，空白时填 %q"},
		{WebRuleNoColumn, "no column: %q for every row", "没有列：每行填 %q"},
		{WebRuleTemplate, "template %s", "模板 %s"},
		{WebRuleSplit, "split from the address in %s (split_address)", "由 %s 的地址拆分（split_address）"},
		{WebRuleTransforms, ", then %s", "，再经过 %s"},
		{WebSkipRule, "skipped when column %s (%s) %s", "%s 列（%s）%s 时跳过"},
		{WebSkipNoColumn, "no column %s in the file: rows are not skipped by the rule \"%s\"", "文件中没有 %s 列：规则“%s”不会跳过任何行"},
		{WebSkipMatches, "is %s", "为 %s"},
		{WebSkipPrefix, "starts with %s", "以 %s 开头"},
		{WebSkipContains, "contains %s", "包含 %s"},
		{WebSkipFilled, "is filled", "有内容"},
		{WebSkipReason, ": %s", "：%s"},
		{WebSkipOrder, " (the whole order)", "（整个订单）"},

		{WebStateFinished, "finished", "已完成"},
		{WebStateInterrupted, "stopped", "已停止"},
		{WebStateRunning, "running", "进行中"},
		{WebStateDied, "died (killed?)", "异常结束（被强行终止？）"},

		{WebPreset("taobao"), "Taobao/Tmall export", "淘宝导出"},
		{WebPreset("jd"), "JD export", "京东导出"},
		{WebPreset("pinduoduo"), "Pinduoduo export", "拼多多导出"},
		{WebPreset("doudian"), "Douyin shop export", "抖店导出"},
		{WebPreset("youzan"), "Youzan export", "有赞导出"},
		{WebPreset("damaijia"), "damaijia order sheet", "大麦家下单表"},
		{WebPreset("shopify"), "Shopify export", "Shopify 导出"},

		{"web.title", "orderimport: import orders from a spreadsheet", "orderimport：从表格导入订单"},
		{"web.nav.upload", "New import", "新的导入"},
		{"web.nav.history", "History", "历史记录"},
		{"web.sandbox.badge", "SANDBOX: a rehearsal, nothing reaches the provider", "沙盒：演练模式，不会发送到平台"},
		{"web.step.upload", "Upload", "上传"},
		{"web.step.map", "Map columns", "对应列"},
		{"web.step.check", "Check", "检查"},
		{"web.step.send", "Send", "发送"},
		{"web.step.result", "Result", "结果"},
		{"web.active.run", "A run is under way: %s, %d of %d rows.", "有一个运行正在进行：%s，已完成 %d / %d 行。"},
		{"web.active.open", "Show its progress", "查看进度"},

		{"web.upload.title", "Upload a spreadsheet of orders", "上传订单表格"},
		{"web.upload.intro", "An XLSX or CSV file, as exported from Taobao/Tmall, JD, Pinduoduo or a storefront. Nothing is sent before you check it.",
			"XLSX 或 CSV 文件，例如从淘宝/天猫、京东、拼多多或商城导出的订单。检查之前不会发送任何内容。"},
		{"web.upload.drop", "Drag the file here, or choose it:", "把文件拖到这里，或点击选择："},
		{"web.upload.limit", "At most %s.", "最大 %s。"},
		{"web.upload.provider", "Send to", "发送到"},
		{"web.upload.button", "Upload", "上传"},
		{"web.upload.uploading", "Uploading and reading the file…", "正在上传并读取文件……"},
		{"web.provider.damaijia", "damaijia (大麦家 gifts)", "大麦家（礼品代发）"},
		{"web.provider.openapi", "storefront open API", "商城开放接口（openapi）"},

		{"web.map.title", "Map the columns of %s", "对应 %s 的列"},
		{"web.map.header_row", "header on row %d", "表头在第 %d 行"},
		{"web.map.preview", "The file's first rows", "文件的前几行"},
		{"web.map.fields", "Where each field comes from", "每个字段的来源"},
		{"web.map.missing_count", "%d required fields have no column yet (# MISSING): choose a column or give a constant.",
			"有 %d 个必填字段还没有对应的列（# MISSING）：请选择一列或填写固定值。"},
		{"web.map.field", "Field", "字段"},
		{"web.map.source", "Column", "对应列"},
		{"web.map.constant", "Constant (same for every row)", "固定值（每行相同）"},
		{"web.map.required", "required", "必填"},
		{"web.map.keep_rule", "keep the mapping's rule", "保留映射里的规则"},
		{"web.map.none", "(none)", "（不填）"},
		{"web.map.const_option", "constant →", "固定值 →"},
		{"web.map.skips", "Rows that are skipped (never sent)", "会被跳过（不发送）的行"},
		{"web.map.save", "Save the mapping", "保存映射"},
		{"web.map.check", "Check the whole file", "检查整个文件"},
		{"web.map.checking", "Checking every row (a large file takes a while; nothing is sent)…", "正在检查每一行（大文件需要一些时间；不会发送任何内容）……"},
		{"web.map.file", "Mapping file", "映射文件"},
		{"web.map.download", "Download the mapping (YAML, as orderimport mapping init writes it)", "下载映射（YAML，与 orderimport mapping init 的格式相同）"},
		{"web.map.upload", "Use a mapping file", "使用映射文件"},

		{"web.check.title", "Check of %s", "检查 %s"},
		{"web.check.rows", "%d rows checked in %s. Nothing was sent.", "已检查 %d 行，用时 %s。没有发送任何内容。"},
		{"web.check.download", "Download the checked sheet", "下载检查结果表"},
		{"web.check.back", "Change the mapping", "修改映射"},
		{"web.check.problems", "%d problems in rows that will not be sent", "不会发送的行中有 %d 个问题"},
		{"web.check.row", "Row", "行"},
		{"web.check.column", "Column", "列"},
		{"web.check.status", "Status", "状态"},
		{"web.check.message", "Problem", "问题"},
		{"web.check.prev", "← previous", "← 上一页"},
		{"web.check.next", "next →", "下一页 →"},
		{"web.check.page", "page %d of %d", "第 %d / %d 页"},
		{"web.check.all_good", "Every row is valid.", "所有行都有效。"},

		{"web.send.title", "Send", "发送"},
		{"web.send.sandbox", "Sandbox: the orders go to the built-in fake of the API, no token needed.", "沙盒：订单发送到内置的模拟接口，不需要令牌。"},
		{"web.send.token", "API token", "API 令牌"},
		{"web.send.token_hint", "Typed once: kept in this server's memory only, never shown again, never written to disk or logs.",
			"只需填写一次：仅保存在本服务的内存中，不会再显示，也不会写入磁盘或日志。"},
		{"web.send.token_set", "API token: set (%s).", "API 令牌：已设置（%s）。"},
		{"web.send.to", "Orders are sent to %s.", "订单将发送到 %s。"},
		{WebTokenTyped, "typed into this page", "在本页输入"},
		{"web.send.token_replace", "Another token (optional)", "更换令牌（可选）"},
		{"web.send.rate", "Requests per second", "每秒请求数"},
		{"web.send.workers", "Workers", "并发数"},
		{"web.send.button", "Send the valid rows", "发送有效的行"},

		{"web.run.title", "Sending %s", "正在发送 %s"},
		{"web.run.retry_title", "Sending again %s", "重新发送 %s"},
		{"web.run.done_title", "Sent: %s", "已发送：%s"},
		{"web.run.done", "Rows done", "已完成行数"},
		{"web.run.ok", "OK", "成功"},
		{"web.run.not_ok", "Not OK", "未成功"},
		{"web.run.rps", "Requests per second", "每秒请求数"},
		{"web.run.eta", "Time left", "剩余时间"},
		{"web.run.stop", "Stop", "停止"},
		{"web.run.stop_hint", "As Ctrl-C: requests under way finish, the result sheet is written, the other rows are not_sent.",
			"与 Ctrl-C 相同：正在进行的请求会完成，结果表会写出，其余的行为 not_sent。"},
		{"web.run.stopping", "Stopping: the requests under way finish, then the result sheet is written.", "正在停止：等待正在进行的请求完成，然后写出结果表。"},

		{"web.result.title", "Result", "结果"},
		{"web.result.download", "Download the result sheet", "下载结果表"},
		{"web.result.again", "Fix and send again", "修改后重新发送"},
		{"web.result.again_hint", "Correct the rows that are not ok in the result sheet, then upload it here: only those rows are sent (the ok ones are never sent twice).",
			"在结果表中改正未成功的行，然后在这里上传：只发送这些行（成功的行不会重复发送）。"},
		{"web.result.again_button", "Send the fixed rows", "发送改正后的行"},

		{"web.history.title", "Earlier runs", "之前的运行"},
		{"web.history.when", "Started", "开始时间"},
		{"web.history.file", "File", "文件"},
		{"web.history.provider", "Provider", "服务商"},
		{"web.history.counts", "Rows per status", "各状态行数"},
		{"web.history.state", "State", "状态"},
		{"web.history.exit", "Exit code", "退出码"},
		{"web.history.sheet", "Result sheet", "结果表"},
		{"web.history.download", "download", "下载"},
		{"web.history.none", "No run yet.", "还没有运行记录。"},
	}
}
