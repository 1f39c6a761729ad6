package mapping

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"orderimport/importer/i18n"
)

// Text is a text of a mapping file that a merchant reads: a skip rule's
// reason, a field's hint, an export's lacks. The file gives it as one
// string, the same in every language:
//
//	reason: order closed on Taobao
//
// or as a map with one text per language, both zh and en:
//
//	reason: {zh: 淘宝订单已关闭, en: order closed on Taobao}
type Text struct {
	// En is the English text, Zh the Chinese one; a plain string sets both.
	En, Zh string
}

// Plain returns the text s in every language.
func Plain(s string) Text { return Text{En: s, Zh: s} }

// In returns the text in language l (English unless l is Chinese).
func (t Text) In(l i18n.Lang) string {
	if l == i18n.Zh {
		return t.Zh
	}
	return t.En
}

// String returns the English text.
func (t Text) String() string { return t.En }

// IsZero reports whether the file gave no text.
func (t Text) IsZero() bool { return t == Text{} }

// yaml writes the text as the mapping file spells it: a quoted string, or
// {zh: "…", en: "…"} when the languages differ.
func (t Text) yaml() string {
	if t.En == t.Zh {
		return quote(t.En)
	}
	return "{zh: " + quote(t.Zh) + ", en: " + quote(t.En) + "}"
}

// textLangs lists the keys of a Text's map, for errors.
var textLangs = []string{string(i18n.Zh), string(i18n.En)}

// text parses a Text: a single value, or a map {zh: …, en: …} with both
// languages. key names the text in errors ("reason", "hint", "lacks").
func (p parser) text(n *yaml.Node, field, key string) (Text, error) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		s, err := p.scalar(n, field)
		return Plain(s), err
	}
	var t Text
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		s, err := p.scalar(v, field)
		if err != nil {
			return t, err
		}
		switch k.Value {
		case string(i18n.Zh):
			t.Zh = s
		case string(i18n.En):
			t.En = s
		default:
			return t, p.errAt(k, field, "%s: unknown language %q (want %s)", key, k.Value, strings.Join(textLangs, " and "))
		}
		seen[k.Value] = true
	}
	for _, l := range textLangs {
		if !seen[l] {
			return t, p.errAt(n, field, "%s: the %s text is missing (give both: {zh: …, en: …}, or one string for every language)", key, l)
		}
	}
	return t, nil
}
