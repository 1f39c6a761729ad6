package web

import (
	"errors"
	"io"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"orderimport/importer/i18n"
	"orderimport/mapping"
)

// mapData is the map page: the file's header and first rows beside every
// provider field, with the column or constant chosen for each.
type mapData struct {
	ID, Name, Provider string
	// Recognised says which export the header is ("淘宝导出 · preset
	// taobao"); Base says where the mapping starts from.
	Recognised, Base string
	Header           []columnView
	Preview          [][]string
	HeaderLine       int
	Fields           []fieldView
	Skips            []string
	Missing          int
}

// columnView is one column of the file: letter and header.
type columnView struct {
	Value, Letter, Header string
}

// fieldView is one provider field on the map page.
type fieldView struct {
	Name, Doc string
	Required  bool
	// Missing: required and without a source (# MISSING).
	Missing bool
	// Choice is the selected option: "none", "const", "col:N" or "rule"
	// (a rule the page does not edit: a template, a coalesce, a default, a
	// split address); Rule describes it, Const is the constant.
	Choice, Rule, Const, Hint string
}

// handleMap shows the map page.
func (s *Server) handleMap(w http.ResponseWriter, r *http.Request) {
	up := s.getUpload(w, r)
	if up == nil {
		return
	}
	s.renderMap(w, r, up, http.StatusOK, "")
}

func (s *Server) renderMap(w http.ResponseWriter, r *http.Request, up *upload, code int, problem string) {
	lang := s.lang(r)
	data, err := s.mapData(lang, up)
	v := s.newView(r, data)
	v.Error = problem
	if err != nil && problem == "" {
		v.Error = s.fileMessage(lang, up, err)
	}
	s.render(w, r, code, "map", v)
}

// mapData builds the map page from the upload's current mapping.
func (s *Server) mapData(lang i18n.Lang, up *upload) (*mapData, error) {
	d := &mapData{ID: up.ID, Name: up.Name, Provider: up.Provider, Preview: up.Preview, HeaderLine: up.HeaderLine}
	if rec := up.Recognised; rec != nil {
		d.Recognised = i18n.Sprintf(lang, i18n.WebRecognised, presetLabel(lang, rec.Preset), rec.Preset)
	}
	up.mu.Lock()
	d.Base = baseText(lang, up.base)
	up.mu.Unlock()
	for i, h := range up.Header {
		d.Header = append(d.Header, columnView{Value: "col:" + strconv.Itoa(i+1), Letter: mapping.ColumnName(i + 1), Header: h})
	}
	m, err := up.mapping()
	if err != nil {
		return d, err
	}
	fields, err := providerFields(up.Provider)
	if err != nil {
		return d, err
	}
	uses, skips, err := m.Uses(up.Header, fields)
	if err != nil {
		return d, err
	}
	for i, u := range uses {
		f := fieldView{Name: u.Field, Doc: fields[i].Doc, Required: u.Required, Choice: "none"}
		switch u.Source {
		case mapping.SourceColumn:
			f.Choice = "col:" + strconv.Itoa(u.Column)
			if len(u.Fallbacks) > 0 || hasTransforms(m, u.Field) {
				f.Choice, f.Rule = "rule", ruleText(lang, m, u)
			}
		case mapping.SourceConstant:
			f.Choice, f.Const = "const", u.Value
		case mapping.SourceMissing:
			f.Missing = u.Required
			if rule, ok := m.Rule(u.Field); ok {
				f.Hint = rule.Hint
			}
		default:
			f.Choice, f.Rule = "rule", ruleText(lang, m, u)
		}
		if f.Missing {
			d.Missing++
		}
		d.Fields = append(d.Fields, f)
	}
	for _, sk := range skips {
		d.Skips = append(d.Skips, skipText(lang, sk))
	}
	return d, nil
}

// hasTransforms reports whether field's rule transforms its cells (the
// page keeps such a rule unless the merchant picks another column).
func hasTransforms(m *mapping.Mapping, field string) bool {
	r, ok := m.Rule(field)
	return ok && (len(r.Transforms) > 0 || r.HasDefault)
}

// baseText says where the mapping starts from.
func baseText(lang i18n.Lang, b baseMapping) string {
	switch b.Kind {
	case "preset":
		return i18n.Sprintf(lang, i18n.WebBasePreset, b.Preset)
	case "file":
		return i18n.Sprintf(lang, i18n.WebBaseFile)
	case "remembered":
		return i18n.Sprintf(lang, i18n.WebBaseRemembered)
	}
	return i18n.Sprintf(lang, i18n.WebBaseDefault)
}

// handleMapPost takes the merchant's choices; "check" goes on to the dry
// run, anything else shows the map page again.
func (s *Server) handleMapPost(w http.ResponseWriter, r *http.Request) {
	up := s.getUpload(w, r)
	if up == nil {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		s.renderMap(w, r, up, http.StatusBadRequest, i18n.Sprintf(s.lang(r), i18n.WebUploadBroken))
		return
	}
	lang := s.lang(r)
	data, err := s.mapData(lang, up)
	if err == nil {
		err = up.takeForm(r, data.Fields)
	}
	if err != nil {
		s.renderMap(w, r, up, http.StatusUnprocessableEntity, s.fileMessage(lang, up, err))
		return
	}
	s.remember(lang, up)
	if r.PostFormValue("action") != "check" {
		see(w, r, "/u/"+up.ID+"/map")
		return
	}
	if msg := s.runCheck(r.Context(), lang, up); msg != "" {
		s.renderMap(w, r, up, http.StatusUnprocessableEntity, msg)
		return
	}
	see(w, r, "/u/"+up.ID+"/check")
}

// takeForm records the choices that differ from what the page showed
// (shown): an untouched field keeps its rule, transforms and all. The new
// mapping must compile against the header.
func (up *upload) takeForm(r *http.Request, shown []fieldView) error {
	up.mu.Lock()
	defer up.mu.Unlock()
	edits := maps.Clone(up.edits)
	if edits == nil {
		edits = map[string]edit{}
	}
	for _, f := range shown {
		choice := r.PostFormValue("field." + f.Name)
		value := strings.TrimSpace(r.PostFormValue("const." + f.Name))
		if value != "" && value != f.Const && choice == f.Choice {
			choice = "const" // a constant typed without choosing "constant →"
		}
		if choice == "" || choice == "rule" || (choice == f.Choice && (choice != "const" || value == f.Const)) {
			continue
		}
		edits[f.Name] = edit{Choice: choice, Value: value}
	}
	if _, err := up.effective(up.base, edits); err != nil {
		return err
	}
	up.edits, up.check = edits, nil
	return nil
}

// handleMappingYAML downloads the mapping in the format of mapping init.
func (s *Server) handleMappingYAML(w http.ResponseWriter, r *http.Request) {
	up := s.getUpload(w, r)
	if up == nil {
		return
	}
	data, err := s.mappingYAML(s.lang(r), up)
	if err != nil {
		s.renderMap(w, r, up, http.StatusUnprocessableEntity, s.fileMessage(s.lang(r), up, err))
		return
	}
	attachment(w, stem(up.Name)+".mapping.yaml")
	_, _ = w.Write(data)
}

// handleMappingUpload takes a mapping file (one that mapping init wrote,
// or this page) as the upload's mapping.
func (s *Server) handleMappingUpload(w http.ResponseWriter, r *http.Request) {
	up := s.getUpload(w, r)
	if up == nil {
		return
	}
	lang := s.lang(r)
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	f, _, err := r.FormFile("mapping")
	if err != nil {
		s.renderMap(w, r, up, tooLargeOr(err, http.StatusBadRequest), i18n.Sprintf(lang, i18n.WebNoFile))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err == nil && len(data) == 0 {
		err = errors.New("empty mapping file")
	}
	if err == nil {
		base := baseMapping{Kind: "file", YAML: data}
		if _, err = up.effective(base, nil); err == nil {
			up.mu.Lock()
			up.base, up.edits, up.check = base, nil, nil
			up.mu.Unlock()
		}
	}
	if err != nil {
		s.renderMap(w, r, up, http.StatusUnprocessableEntity, s.fileMessage(lang, up, err))
		return
	}
	s.remember(lang, up)
	see(w, r, "/u/"+up.ID+"/map")
}

// stem is a file name without its extension.
func stem(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[:i]
	}
	return name
}

// skipText says in lang which rows a skip_when rule keeps from being sent.
func skipText(lang i18n.Lang, u mapping.SkipUse) string {
	sep := i18n.Sprintf(lang, i18n.ListSeparator)
	values := strings.Join(u.Rule.Values, sep)
	var how string
	switch u.Rule.Match {
	case mapping.MatchFilled:
		how = i18n.Sprintf(lang, i18n.WebSkipFilled)
	case mapping.MatchPrefix:
		how = i18n.Sprintf(lang, i18n.WebSkipPrefix, values)
	case mapping.MatchContains:
		how = i18n.Sprintf(lang, i18n.WebSkipContains, values)
	default:
		how = i18n.Sprintf(lang, i18n.WebSkipMatches, values)
	}
	var s string
	if u.Column == 0 {
		s = i18n.Sprintf(lang, i18n.WebSkipNoColumn, strings.Join(u.Rule.Column, sep), how)
	} else {
		s = i18n.Sprintf(lang, i18n.WebSkipRule, mapping.ColumnName(u.Column), u.Header, how)
	}
	if u.Rule.Reason != "" {
		s += i18n.Sprintf(lang, i18n.WebSkipReason, u.Rule.Reason)
	}
	if u.Rule.Order {
		s += i18n.Sprintf(lang, i18n.WebSkipOrder)
	}
	return s
}

// ruleText says in lang where a rule the page keeps takes its value from.
func ruleText(lang i18n.Lang, m *mapping.Mapping, u mapping.ColumnUse) string {
	sep := i18n.Sprintf(lang, i18n.ListSeparator)
	var s string
	switch u.Source {
	case mapping.SourceColumn:
		s = i18n.Sprintf(lang, i18n.WebRuleColumn, mapping.ColumnName(u.Column), u.Header)
		if len(u.Fallbacks) > 0 {
			s += i18n.Sprintf(lang, i18n.WebRuleElse, strings.Join(u.Fallbacks, sep))
		}
		if u.Value != "" {
			s += i18n.Sprintf(lang, i18n.WebRuleDefault, u.Value)
		}
	case mapping.SourceDefault:
		s = i18n.Sprintf(lang, i18n.WebRuleNoColumn, u.Value)
	case mapping.SourceTemplate:
		s = i18n.Sprintf(lang, i18n.WebRuleTemplate, u.Value)
	case mapping.SourceSplit:
		s = i18n.Sprintf(lang, i18n.WebRuleSplit, u.Value)
	default:
		return u.String()
	}
	if r, ok := m.Rule(u.Field); ok && len(r.Transforms) > 0 {
		names := make([]string, len(r.Transforms))
		for i, t := range r.Transforms {
			names[i] = t.Name
		}
		s += i18n.Sprintf(lang, i18n.WebRuleTransforms, strings.Join(names, sep))
	}
	return s
}
