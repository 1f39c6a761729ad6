package main

import (
	"errors"
	"flag"

	"orderimport/importer/i18n"
)

// langFlag is --lang: the language of what the merchant reads (the
// summary, the result sheet's messages). Unset, the locale decides
// (i18n.FromEnv: ORDERIMPORT_LANG, which applyEnv sets the flag from, then
// LC_ALL, LC_MESSAGES, LANG).
type langFlag struct {
	lang i18n.Lang
	set  bool
}

// addLangFlag defines --lang on fs.
func addLangFlag(fs *flag.FlagSet, l *langFlag) {
	fs.Var(l, "lang", "language of the summary and of the result sheet's messages: zh or en; default: the locale "+
		"(LC_ALL, LC_MESSAGES, LANG), Chinese when it names Chinese, else English (env ORDERIMPORT_LANG)")
}

// errLang is the complaint about a --lang value.
var errLang = errors.New("want zh or en (a locale such as zh_CN.UTF-8 also does)")

// String returns the language given, "" when none was.
func (l *langFlag) String() string {
	if l == nil || !l.set {
		return ""
	}
	return string(l.lang)
}

// Set takes zh, en, or anything i18n.Match reads as one of them.
func (l *langFlag) Set(s string) error {
	lang, ok := i18n.Match(s)
	if !ok {
		return errLang
	}
	l.lang, l.set = lang, true
	return nil
}

// Lang returns the language given, else the environment's.
func (l *langFlag) Lang() i18n.Lang {
	if l.set {
		return l.lang
	}
	return i18n.FromEnv()
}
