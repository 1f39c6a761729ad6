package mapping

import (
	"errors"
	"strings"

	"orderimport/importer/i18n"
)

// ErrMasked: a name, phone or address of a privacy-protected export,
// masked (王**, 139****0001, …****) or encrypted (Doudian's ##…): the courier
// cannot deliver to it.
var ErrMasked = errors.New("privacy-protected export")

// maskedKind are the sentinels of a masked value.
var maskedKind = []error{ErrMasked, ErrInvalid}

// maskedError is ErrMasked for the value v: the first of a row says what
// to do (ValMasked); shortenMasked makes the row's others only name their
// value (ValMaskedToo).
func maskedError(v string) *Problem { return problem(maskedKind, i18n.ValMasked, v) }

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
		if p, ok := e.Err.(*Problem); ok && (p.ID == i18n.ValMasked || p.ID == i18n.ValMaskedToo) {
			p.ID = i18n.ValMasked
			if seen {
				p.ID = i18n.ValMaskedToo
			}
			seen = true
		}
	}
}
