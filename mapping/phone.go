package mapping

import (
	"github.com/nyaruka/phonenumbers"

	"orderimport/importer/i18n"
	"orderimport/providers"
)

// checkPhoneIn checks a phone number against country, the ISO 3166-1 code
// of its row (not CN: mainland numbers keep checkMobile's rules, virtual
// extensions included), with libphonenumber's rules for that country
// (github.com/nyaruka/phonenumbers). A valid number is sent in E.164 form
// (+27821234567), without a warning: the national form written in the
// export (082 123 4567, 821234567) is understood. A number that is
// possible but not valid there, or valid for another country, passes with
// a warning naming what is sent; anything else is an error.
func checkPhoneIn(f *providers.Field, v, country string) result {
	s := narrow(v)
	if isScientific(s) {
		return fail(excelError(s))
	}
	num, err := phonenumbers.Parse(s, country)
	if err != nil {
		return fail(invalid(i18n.ValNotPhoneOf, country, v))
	}
	e164 := phonenumbers.Format(num, phonenumbers.E164)
	if f.Max > 0 && len(e164) > f.Max {
		return fail(invalid(i18n.ValTooLong, len(e164), f.Max, v))
	}
	switch {
	case phonenumbers.IsValidNumber(num) && int(num.GetCountryCode()) == phonenumbers.GetCountryCodeForRegion(country):
		return ok(e164)
	case phonenumbers.IsValidNumber(num):
		region := phonenumbers.GetRegionCodeForNumber(num)
		return warn(e164, sentAs(note(i18n.ValPhoneAbroad, region, country), e164, v))
	case phonenumbers.IsPossibleNumber(num):
		return warn(e164, sentAs(note(i18n.ValPhoneNotValid, country), e164, v))
	}
	return fail(invalid(i18n.ValNotPhoneOf, country, v))
}
