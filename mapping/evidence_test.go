package mapping

import (
	"errors"
	"testing"
)

type genuineCols map[int]bool

func (g genuineCols) Genuine(col int) bool { return g[col] }

// TestEvidenceOfLongNumbers: an id that looks rounded by Excel (15
// significant digits, then zeros) is refused unless the cell or the file
// shows that Excel did not round it: a text mark or a leading tab, an XLSX
// text cell, or a column whose other ids keep their digits.
func TestEvidenceOfLongNumbers(t *testing.T) {
	mp := damaijiaMapper(t) // 订单号 is column A
	row := func(sn string) []string {
		return []string{sn, "测试甲", "13800138000", "浙江省", "杭州市", "余杭区", "测试路1号", "1", "pdd"}
	}
	rounded := func(errs []*FieldError) bool {
		for _, e := range errs {
			if errors.Is(e, ErrExcelNumber) {
				return true
			}
		}
		return false
	}
	const zeros = "301000000071271000"
	tests := []struct {
		name    string
		mp      *Mapper
		typed   bool
		numbers []int
		sn      string
		rounded bool
	}{
		{"no evidence", mp, false, nil, zeros, true},
		{"text mark", mp, false, nil, `="` + zeros + `"`, false},
		{"leading tab", mp, false, nil, "\t" + zeros, false},
		{"column keeps digits", mp.WithEvidence(genuineCols{0: true}), false, nil, zeros, false},
		{"another column keeps digits", mp.WithEvidence(genuineCols{5: true}), false, nil, zeros, true},
		{"scientific notation is never genuine", mp.WithEvidence(genuineCols{0: true}), false, nil, "3.01000000071271E+17", true},
		{"xlsx text cell", mp, true, nil, zeros, false},
		{"xlsx number cell", mp, true, []int{0}, zeros, true},
		{"xlsx number cell, column keeps digits", mp.WithEvidence(genuineCols{0: true}), true, []int{0}, zeros, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var errs []*FieldError
			dst := make([]string, len(tc.mp.Fields()))
			if tc.typed {
				_, errs = tc.mp.MapTyped(nil, dst, 2, row(tc.sn), tc.numbers)
			} else {
				_, errs = tc.mp.MapToMemo(&Memo{}, dst, 2, row(tc.sn))
			}
			if rounded(errs) != tc.rounded {
				t.Errorf("errs = %v, want rounded %v", errs, tc.rounded)
			}
		})
	}
}

func TestKeepsDigits(t *testing.T) {
	for v, want := range map[string]bool{
		"301234567890123456":     true,
		"301000000071271000":     false, // 15 significant digits
		"3010000000712710001":    true,
		`="301234567890123456"`:  true,
		"0000301234567890123456": true,
		"3.01234567890123E+17":   false,
		"30123456789012":         false,
		"TB301234567890123456":   false,
	} {
		if got := KeepsDigits(v); got != want {
			t.Errorf("KeepsDigits(%q) = %v", v, got)
		}
	}
}
