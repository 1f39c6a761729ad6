package mapping

import (
	"embed"
	"fmt"
	"path"
	"strings"
)

//go:embed presets/*.yaml
var presets embed.FS

// Presets lists the names of the built-in presets: mappings for the exports
// of shop platforms (taobao, pinduoduo, jd, damaijia, shopify).
func Presets() []string {
	entries, err := presets.ReadDir("presets")
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return names
}

// PresetSource returns the YAML text of the preset called name.
func PresetSource(name string) ([]byte, error) {
	if name == "" || strings.ContainsAny(name, `/\.`) {
		return nil, fmt.Errorf("mapping: no preset %q (have %s)", name, strings.Join(Presets(), ", "))
	}
	data, err := presets.ReadFile(path.Join("presets", name+".yaml"))
	if err != nil {
		return nil, fmt.Errorf("mapping: no preset %q (have %s)", name, strings.Join(Presets(), ", "))
	}
	return data, nil
}

// Preset returns the built-in mapping called name (--preset NAME). Its
// Provider says which provider it is written for.
func Preset(name string) (*Mapping, error) {
	data, err := PresetSource(name)
	if err != nil {
		return nil, err
	}
	return Parse(data, "preset "+name)
}
