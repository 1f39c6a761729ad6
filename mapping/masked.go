package mapping

import (
	"errors"
	"fmt"
	"strings"
)

// ErrMasked: a name, phone or address of a privacy-protected export,
// masked (王**, 139****0001, …****) or encrypted (Doudian's ##…): the courier
// cannot deliver to it.
var ErrMasked = errors.New("privacy-protected export")

// maskedError is ErrMasked for one value. The first of a row says what to
// do; the row's others only name their value.
type maskedError struct {
	value string
	short bool
}

func (e *maskedError) Error() string {
	if e.short {
		return fmt.Sprintf("masked too: %q", e.value)
	}
	return fmt.Sprintf("%v: %q is masked and cannot be delivered to; export the orders again with the consignees' "+
		"names, phones and addresses in plain text (the platform shows them to the shop's main account, or after "+
		"a decryption request in its seller backend), or fill in the cells yourself", ErrMasked, e.value)
}

func (e *maskedError) Is(target error) bool { return target == ErrMasked || target == ErrInvalid }

// masked reports whether v, a personal field's value, is masked or
// encrypted by a platform's privacy protection: it has a run of two or more
// asterisks, starts or ends with one (王**, 钱*, 139****0001, 1******6198,
// 浙江省 杭州市 西湖区 ****), or is an encrypted value: Doudian's ##…, or
// #…#, $…$, ~…~ around a longer text without spaces.
func masked(v string) bool {
	if v == "" || (strings.IndexByte(v, '*') < 0 && v[0] != '#' && v[0] != '$' && v[0] != '~' && !strings.Contains(v, "＊")) {
		return false // the common case, without allocating
	}
	v = strings.ReplaceAll(strings.TrimSpace(v), "＊", "*")
	if v == "" {
		return false
	}
	if strings.Contains(v, "**") || v[0] == '*' || v[len(v)-1] == '*' || strings.HasPrefix(v, "##") {
		return true
	}
	first, last := v[0], v[len(v)-1]
	return len(v) >= 8 && first == last && (first == '#' || first == '$' || first == '~') && !strings.ContainsAny(v, " \t")
}

// shortenMasked keeps the full advice on the first masked value of a row
// only.
func shortenMasked(errs []*FieldError) {
	seen := false
	for _, e := range errs {
		if me, ok := e.Err.(*maskedError); ok {
			me.short = seen
			seen = true
		}
	}
}
