// Package mapping turns a merchant's spreadsheet columns into a provider's
// fields, validated and normalised.
//
// A Mapping is read from a YAML file (Parse, Load; "preset: NAME" starts it
// from a preset), taken from the built-in defaults (Default) or from a
// preset for a platform's export (Preset: taobao, jd, pinduoduo, doudian,
// youzan, damaijia, shopify; RecognisePreset finds the one whose layouts a
// header has). Its skip_when rules (SkipRule) keep closed, cancelled,
// refunded or deleted orders from being sent (Mapper.Skip). It says, for each provider
// field, which header names the field's column may carry (or a coalesce
// list read in turn per row, a column letter, a template combining columns
// and fields, or a constant), what default fills a blank cell, and which
// transforms clean the value: trim, digits, upper, lower, replace,
// split_name, lookup (a CSV table) and split_address (a Chinese address
// split into province, city, district and street with package regions).
//
// Compile binds a Mapping to one file's header row and a provider's field
// list and returns a Mapper. The Mapper turns the cells of each data row into
// a providers.Record aligned with the fields, and reports every problem of
// the row at once as FieldErrors located by row and column: masked values
// of privacy-protected exports, province, city and district normalised
// (package regions), storefront phones checked against the row's country,
// long ids judged with the file's Evidence.
//
// Init and Check implement `orderimport mapping init` (a commented mapping
// file for a header) and `orderimport mapping check` (the rows as the
// provider would receive them, and every problem).
//
//go:generate go run gen_countries.go
package mapping
