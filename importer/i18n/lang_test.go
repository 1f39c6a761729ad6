package i18n

import "testing"

// TestMatch: tags, POSIX locales and Accept-Language headers.
func TestMatch(t *testing.T) {
	tests := []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"zh", Zh, true},
		{"zh-CN", Zh, true},
		{"zh_CN.UTF-8", Zh, true},
		{"zh_CN.GB18030", Zh, true},
		{"zh_TW.UTF-8", Zh, true},
		{"zh-Hans", Zh, true},
		{"ZH", Zh, true},
		{"en", En, true},
		{"en_US.UTF-8", En, true},
		{"en_GB.UTF-8@euro", En, true},
		{"zh-CN,zh;q=0.9,en;q=0.8", Zh, true},
		{"en-US,en;q=0.9,zh-CN;q=0.8", En, true},
		{"fr-FR,zh;q=0.5", Zh, true},
		{"fr-FR", Default, false},
		{"ja_JP.UTF-8", Default, false},
		{"C", Default, false},
		{"C.UTF-8", Default, false},
		{"POSIX", Default, false},
		{"", Default, false},
		{"*", Default, false},
		{"not a language!", Default, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := Match(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Match(%q) = %s, %v; want %s, %v", tc.in, got, ok, tc.want, tc.ok)
			}
			if p := Parse(tc.in); p != tc.want {
				t.Errorf("Parse(%q) = %s, want %s", tc.in, p, tc.want)
			}
		})
	}
}

// TestEnv: ORDERIMPORT_LANG first, then LC_ALL, LC_MESSAGES, LANG; the
// first locale variable set decides, even when it names no language.
func TestEnv(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want Lang
	}{
		{"nothing set", nil, En},
		{"LANG zh", map[string]string{"LANG": "zh_CN.UTF-8"}, Zh},
		{"LANG C", map[string]string{"LANG": "C"}, En},
		{"LC_MESSAGES over LANG", map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, En},
		{"LC_ALL over LC_MESSAGES", map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, Zh},
		{"LC_ALL C over LANG zh", map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, En},
		{"ORDERIMPORT_LANG over LC_ALL", map[string]string{"LC_ALL": "en_US.UTF-8", "ORDERIMPORT_LANG": "zh"}, Zh},
		{"ORDERIMPORT_LANG en over LANG zh", map[string]string{"LANG": "zh_CN.UTF-8", "ORDERIMPORT_LANG": "en"}, En},
		{"ORDERIMPORT_LANG unknown: the locale decides", map[string]string{"LANG": "zh_CN.UTF-8", "ORDERIMPORT_LANG": "fr"}, Zh},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Env(func(k string) string { return tc.env[k] })
			if got != tc.want {
				t.Errorf("Env(%v) = %s, want %s", tc.env, got, tc.want)
			}
		})
	}
}
