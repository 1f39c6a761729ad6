package i18n

import (
	"os"
	"strings"

	"golang.org/x/text/language"
)

// Lang is a language of the catalog.
type Lang string

// The languages of the catalog.
const (
	// Zh is Simplified Chinese (zh-CN).
	Zh Lang = "zh"
	// En is English.
	En Lang = "en"
)

// Default is the language used when nothing names a supported one.
const Default = En

// Langs lists the languages of the catalog, Chinese first.
var Langs = []Lang{Zh, En}

// Tag is l's BCP 47 tag (zh-Hans for Zh, en for En).
func (l Lang) Tag() language.Tag {
	if l == Zh {
		return language.SimplifiedChinese
	}
	return language.English
}

// String returns "zh" or "en".
func (l Lang) String() string { return string(l) }

// matcher matches requested languages against the catalog's; Zh first so
// that any Chinese (zh-TW, zh-HK too) is read as Chinese.
var matcher = language.NewMatcher([]language.Tag{language.SimplifiedChinese, language.English})

// Parse returns the language s names, Default when it names none.
func Parse(s string) Lang {
	l, _ := Match(s)
	return l
}

// Match returns the language s names and whether it names one. s may be a
// language tag ("zh", "zh-CN", "en"), a POSIX locale ("zh_CN.UTF-8",
// "en_US.UTF-8@euro") or an Accept-Language header
// ("zh-CN,zh;q=0.9,en;q=0.8"); "", "C" and "POSIX" name none.
func Match(s string) (Lang, bool) {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, ",;") {
		s = posixTag(s)
	}
	switch s {
	case "", "C", "POSIX", "*":
		return Default, false
	}
	tags, _, err := language.ParseAcceptLanguage(s)
	if err != nil || len(tags) == 0 {
		return Default, false
	}
	_, index, conf := matcher.Match(tags...)
	if conf == language.No {
		return Default, false
	}
	if index == 0 {
		return Zh, true
	}
	return En, true
}

// posixTag turns a POSIX locale (zh_CN.UTF-8@variant) into a BCP 47 tag
// (zh-CN).
func posixTag(s string) string {
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	return strings.ReplaceAll(s, "_", "-")
}

// EnvVar is the environment variable that chooses the language before the
// locale does.
const EnvVar = "ORDERIMPORT_LANG"

// FromEnv returns the language of the process's environment: see Env.
func FromEnv() Lang { return Env(os.Getenv) }

// Env returns the language getenv's variables name: ORDERIMPORT_LANG if it
// names one, else the first of LC_ALL, LC_MESSAGES and LANG that is set
// (POSIX's order), else Default. A locale that names neither Chinese nor
// English ("C", "fr_FR.UTF-8") gives Default.
func Env(getenv func(string) string) Lang {
	if l, ok := Match(getenv(EnvVar)); ok {
		return l
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			return Parse(s)
		}
	}
	return Default
}
