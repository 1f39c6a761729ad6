// Package mapping turns a merchant's spreadsheet columns into a provider's
// fields, validated and normalised.
//
// A Mapping is read from a YAML file (Parse, Load) or taken from the built-in
// defaults (Default). It says, for each provider field, which header names
// the field's column may carry, or which column letter or constant to use,
// what default fills a blank cell, and which transforms clean the value.
//
// Compile binds a Mapping to one file's header row and a provider's field
// list and returns a Mapper. The Mapper turns the cells of each data row into
// a providers.Record aligned with the fields, and reports every problem of
// the row at once as FieldErrors located by row and column.
//
//go:generate go run gen_countries.go
package mapping
