package web

import (
	"fmt"

	"orderimport/importer/i18n"
)

// sizeText writes a byte count as a merchant reads it: 200 MB, 1.5 GB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// presetLabel is a preset's short name in lang ("淘宝导出").
func presetLabel(lang i18n.Lang, preset string) string {
	if id := i18n.WebPreset(preset); i18n.Has(id) {
		return i18n.Sprintf(lang, id)
	}
	return preset
}
