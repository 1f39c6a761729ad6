package mapping

import "strings"

// compoundSurnames are the two-character Chinese surnames in common use.
var compoundSurnames = []string{
	"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
	"司徒", "司空", "夏侯", "轩辕", "令狐", "钟离", "澹台", "公冶", "宗政", "濮阳", "淳于",
	"单于", "太叔", "申屠", "仲孙", "万俟", "闻人", "赫连", "呼延", "端木", "百里", "东郭",
	"南宫", "西门", "独孤", "拓跋", "左丘", "第五", "梁丘", "谷梁", "段干", "巫马", "公西",
	"亓官", "羊舌", "乐正", "漆雕", "壤驷", "公良", "司寇", "子车", "颛孙", "鲜于", "闾丘",
}

// splitChineseName splits a Chinese name after its surname: 张三 → 三, 张;
// 欧阳娜娜 → 娜娜, 欧阳. Middle dots (transliterated names such as
// 测试·用户) split at the last dot, given name first. A one-character name is
// kept whole as first.
func splitChineseName(s string) (first, last string) {
	s = strings.ReplaceAll(s, " ", "")
	for _, dot := range []string{"·", "•", "・"} {
		if i := strings.LastIndex(s, dot); i > 0 {
			return s[:i], s[i+len(dot):]
		}
	}
	rs := []rune(s)
	if len(rs) < 2 {
		return s, ""
	}
	if len(rs) >= 3 {
		for _, c := range compoundSurnames {
			if strings.HasPrefix(s, c) {
				return string(rs[2:]), c
			}
		}
	}
	return string(rs[1:]), string(rs[:1])
}
