package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isJSON reports whether the request says its body is JSON.
func isJSON(h http.Header) bool {
	mt, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	return err == nil && mt == "application/json"
}

// decodeObject reads the body as one JSON object, numbers kept as
// json.Number.
func decodeObject(r *http.Request) (map[string]any, error) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxBody {
		return nil, errors.New("body too large")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("body is not a JSON object")
	}
	return m, nil
}

// check validates JSON values and keeps the first failure, naming the field.
type check struct{ err string }

func (c *check) fail(path, format string, args ...any) {
	if c.err == "" {
		c.err = path + " " + fmt.Sprintf(format, args...)
	}
}

// integer reads v as an integer: a JSON number without fraction or exponent,
// or, when digits is true, a string of decimal digits.
func integer(v any, digits bool) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		n, err := strconv.ParseInt(string(x), 10, 64)
		return n, err == nil
	case string:
		if !digits || x == "" || strings.TrimLeft(x, "0123456789") != "" {
			return 0, false
		}
		n, err := strconv.ParseInt(x, 10, 64)
		return n, err == nil
	}
	return 0, false
}

// reqInt reads a required integer within lo..hi (hi 0: no upper bound).
func (c *check) reqInt(m map[string]any, key, path string, lo, hi int64, digits bool) int64 {
	v, ok := m[key]
	if !ok || v == nil {
		c.fail(path, "不能为空 (required)")
		return 0
	}
	n, ok := integer(v, digits)
	if !ok {
		c.fail(path, "必须是整数 (must be an integer)")
		return 0
	}
	if n < lo || (hi > 0 && n > hi) {
		c.fail(path, "超出范围 (out of range %d..%d)", lo, hi)
	}
	return n
}

// optInt reads an optional positive integer; absent or null gives 0.
func (c *check) optInt(m map[string]any, key, path string, digits bool) int64 {
	if v, ok := m[key]; !ok || v == nil {
		return 0
	}
	return c.reqInt(m, key, path, 1, 0, digits)
}

// reqString reads a required string of at most maxR characters (0: no
// bound). Blank strings count as missing.
func (c *check) reqString(m map[string]any, key, path string, maxR int) string {
	v, ok := m[key]
	if !ok || v == nil {
		c.fail(path, "不能为空 (required)")
		return ""
	}
	s, ok := v.(string)
	if !ok {
		c.fail(path, "必须是字符串 (must be a string)")
		return ""
	}
	if strings.TrimSpace(s) == "" {
		c.fail(path, "不能为空 (required)")
	}
	if maxR > 0 && utf8.RuneCountInString(s) > maxR {
		c.fail(path, "不能超过%d个字符 (at most %d characters)", maxR, maxR)
	}
	return s
}

// optString reads an optional string; numbers are accepted as their text
// when numbers is true.
func (c *check) optString(m map[string]any, key, path string, numbers bool) string {
	switch x := m[key].(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		if numbers {
			return string(x)
		}
	}
	c.fail(path, "必须是字符串 (must be a string)")
	return ""
}

// object reads an object-valued field; present reports whether it was there.
func (c *check) object(m map[string]any, key, path string) (obj map[string]any, present bool) {
	v, ok := m[key]
	if !ok || v == nil {
		return nil, false
	}
	obj, ok = v.(map[string]any)
	if !ok {
		c.fail(path, "必须是对象 (must be an object)")
	}
	return obj, true
}

// objects reads a required non-empty array of objects.
func (c *check) objects(m map[string]any, key, path string) []map[string]any {
	arr, ok := m[key].([]any)
	if !ok || len(arr) == 0 {
		c.fail(path, "必须是非空数组 (must be a non-empty array)")
		return nil
	}
	out := make([]map[string]any, len(arr))
	for i, v := range arr {
		obj, ok := v.(map[string]any)
		if !ok {
			c.fail(fmt.Sprintf("%s.%d", path, i), "必须是对象 (must be an object)")
			return nil
		}
		out[i] = obj
	}
	return out
}

// mobile checks a phone: at most 16 characters, no letters (Latin or
// Chinese); masked numbers and landlines pass.
func (c *check) mobile(s, path string) {
	if utf8.RuneCountInString(s) > 16 {
		c.fail(path, "不能超过16个字符 (at most 16 characters)")
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			c.fail(path, "格式不正确 (no letters or Chinese allowed)")
			return
		}
	}
}
