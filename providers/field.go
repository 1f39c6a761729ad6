package providers

// Kind says how a field's value is checked and normalised by the mapping.
type Kind int

// The kinds of field values.
const (
	// KindText is free text; Min and Max bound its length in characters.
	KindText Kind = iota
	// KindInt is a decimal integer sent as a JSON number; Min and Max bound it.
	KindInt
	// KindMobile is a phone number: mainland mobiles are checked, masked
	// numbers and landlines pass.
	KindMobile
	// KindEmail is an e-mail address.
	KindEmail
	// KindCountry is an ISO 3166-1 alpha-2 country code.
	KindCountry
	// KindEnum is one of Enum, after Aliases are applied.
	KindEnum
	// KindIdent is an identifier made of digits and letters (order numbers,
	// product and variant ids) that must survive spreadsheets exactly.
	KindIdent
)

// Level says where a field's value comes from in a multi-row order.
type Level int

// The levels of a field.
const (
	// RowLevel fields belong to each row (a consignee, an item).
	RowLevel Level = iota
	// OrderLevel fields belong to the whole order; in an export they may be
	// filled only on the order's first row.
	OrderLevel
)

// Field describes one value a provider reads from each row.
type Field struct {
	// Name is the mapping key, usually the API's JSON name.
	Name string
	// Doc is a one-line description for mapping files and help.
	Doc string
	// Level says whether the value is per row or per order.
	Level Level
	// Required fields must not be blank.
	Required bool
	// Kind selects validation and normalisation.
	Kind Kind
	// Min and Max bound a KindInt value or a KindText length; zero Max means
	// no upper bound.
	Min, Max int
	// Enum lists the accepted values of a KindEnum field.
	Enum []string
	// Aliases maps other spellings (淘宝) to an Enum value (taobao).
	Aliases map[string]string
	// NotSent marks a field used only for grouping or identity, never sent.
	NotSent bool
	// Personal marks the consignee's name, phone and address: a value a
	// privacy-protected export masked (王**, 138****1234, …****) or
	// encrypted (Doudian's ##…) cannot be delivered to and is refused.
	Personal bool
}

// FieldIndex returns the index of the field named name in fields, or -1.
func FieldIndex(fields []Field, name string) int {
	for i, f := range fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}
