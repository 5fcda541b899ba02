// The last check before a patent record from any source is stored: numbers normalised,
// IPC codes validated, dates consistent, region inferred, events in date order.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/patent.hpp"

namespace ipa::core {

// The key a record is stored under (Patent::application_number), from what the source gives:
//  - a Chinese application number, validated with its check character: "201710601862.3";
//  - a foreign one with its country prefix, kept as written in upper case: "US16123456";
//  - for records known only by publication number, that number: "CN114081026A";
//  - for records with no number at all, "H" + 16 hex digits of a hash of title, filing date,
//    applicants and inventors, so re-importing the same row finds the same record.
// kInvalidArgument (field "application_number") when a Chinese number is malformed.
Result<std::string> NormalizeApplicationNumberText(std::string_view text);

// Normalises `p` in place, or returns the first problem (kInvalidArgument naming the field):
// the key as above; publication and grant numbers ("CN106844774A"); the type from the
// application number's type digit when it has one; IPC codes ("H01M 10/0525", duplicates
// dropped); a title is required; dates in order (publication and grant not before filing);
// text valid UTF-8 within length limits; the region from the address or applicant names when
// the source gave none; events sorted by date, and a grant date taken from a grant event.
Status NormalizePatent(Patent& p);

}  // namespace ipa::core
