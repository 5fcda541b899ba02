// Chinese patent numbers: application numbers (申请号) in both CNIPA formats, patent numbers
// (专利号 = "ZL" + application number) and publication numbers (公开号/公告号) with their
// kind codes. Pure functions; docs/patent-law-rules.md lists the readings taken.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/patent.hpp"

namespace ipa::core {

// ---- Application numbers ------------------------------------------------------------------

// A parsed application number. Since 2003-10-01: `YYYY T NNNNNNN` (12 digits); before:
// `YY T NNNNN` (8 digits); both followed by a check character.
struct ApplicationNumber {
  std::string digits;  // the 12 or 8 digits, without the check character
  char check = '0';    // '0'..'9' or 'X'
  int year = 0;        // four-digit filing year (8-digit format: 85..99 → 19YY, 00..03 → 20YY)
  PatentType type = PatentType::kInvention;
  bool pct = false;  // type digit 8 or 9: a PCT application entering the national phase

  // digits + '.' + check, e.g. "201710601862.3" (the form Patent::application_number holds).
  std::string Normalised() const;
};

// The check character of 8 or 12 digits: the digits times the weights 2,3,...,9,2,3,...
// (left to right), summed, mod 11; 10 is written 'X'. "201710601862" → '3', "95115608" → 'X'.
// Precondition: `digits` holds only ASCII digits.
char ApplicationCheckChar(std::string_view digits);

// Whether a number without its check character is accepted (the check is then computed).
enum class CheckCharPolicy { kRequired, kComputeIfMissing };

// Parses an application number as people and databases write it: an optional "CN" or "ZL"
// prefix (any case), spaces anywhere, full-width digits, a '.' before the check character or
// none ("2017106018623"), a lower-case 'x'. Returns kInvalidArgument with field
// "application_number" and the reason: a character that is not a digit, a wrong length,
// a missing check character (under kRequired), an unknown type digit, an impossible year
// (12 digits: 2003..2099; 8 digits: 85..99 or 00..03), or a wrong check character
// ("check character is '4', expected '3'").
Result<ApplicationNumber> ParseApplicationNumber(
    std::string_view text, CheckCharPolicy policy = CheckCharPolicy::kRequired);

// ParseApplicationNumber(text)->Normalised(), or its error.
Result<std::string> NormaliseApplicationNumber(std::string_view text);

// The patent number of a granted application: "ZL" + the normalised application number,
// e.g. "ZL201310699744.2". ParseApplicationNumber accepts this form back.
std::string PatentNumber(const ApplicationNumber& number);

// The type digit of an application number (8 and 9 are the PCT national-phase variants).
int TypeDigit(PatentType type, bool pct);

// ---- Publication numbers and kind codes ---------------------------------------------------

// A parsed publication number: "CN" + 6..9 digits + a kind code.
struct PublicationNumber {
  std::string serial;  // 6..9 digits (9 since August 2007, fewer before)
  std::string kind;    // "A", "B", "C", "U", "Y", "S", "D" or a ZC 0008 two-character code
  std::string Normalised() const;  // "CN106844774A"
};

// Parses "CN106844774A", "cn 106844774 a", "106844774A" (the "CN" is optional). Accepts the
// one-letter kinds A B C U Y S D and the two-character ZC 0008-2004 kinds (A8 A9 B8 B9 U8 U9
// S8 S9: corrected reprints; C1-C7, Y1-Y7, S1-S7: partial-invalidation notices). Returns
// kInvalidArgument with field "publication_number" naming the reason: a missing kind code, a
// kind that is not Chinese (A1, B2, ...: European/WIPO/US style), an unknown kind, or a serial
// that is not 6..9 digits.
Result<PublicationNumber> ParsePublicationNumber(std::string_view text);

// What a publication is in the life of an application.
enum class PublicationStage {
  kApplication,          // unexamined application publication (A)
  kExaminedApplication,  // examined pre-grant publication with opposition (B/U/S before 1993)
  kGrant,                // grant publication (C/Y/D 1993..2004-06, B/U/S since)
};
std::string_view PublicationStageName(
    PublicationStage s);  // "application", "examined_application", "grant"

// The dates at which CNIPA's kind codes changed meaning. The defaults are the reading this
// code takes (VERIFY rows in cn-patent-law.md; see docs/patent-law-rules.md):
//  - before 1993-01-01 (the 1992 amendment abolished pre-grant opposition) B, U and S marked
//    examined pre-grant publications; from then on they mark grants;
//  - from 1993-01-01 grants were published as C (invention), Y (utility model), D (design);
//  - from 2004-07-01 (ZC 0008-2004) grants are B, U, S and the two-character codes appear.
struct KindCodeRules {
  Date pre_grant_bus_until{8401};  // 1993-01-01
  Date new_codes_from{12600};      // 2004-07-01
};

struct KindMeaning {
  PatentType type = PatentType::kInvention;
  PublicationStage stage = PublicationStage::kApplication;
  bool correction = false;            // A8/A9/B8/B9/U8/U9/S8/S9: a corrected reprint
  bool partial_invalidation = false;  // C1-C7/Y1-Y7/S1-S7: a partial-invalidation notice
  bool expected_for_date = true;      // the code was in use on that date under the rules
};

// Maps a kind code to the type of right and the stage it marks, by publication date (an
// unknown date is read as today's codes). Every code ParsePublicationNumber accepts maps;
// a code used outside its period still maps (expected_for_date = false) so imports keep it.
// kInvalidArgument (field "kind") for any other code.
Result<KindMeaning> MapKind(std::string_view kind, std::optional<Date> publication_date,
                            const KindCodeRules& rules = {});

}  // namespace ipa::core
