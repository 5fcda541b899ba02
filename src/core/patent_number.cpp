#include "core/patent_number.hpp"

#include <array>

#include "core/text.hpp"

namespace ipa::core {
namespace {

constexpr std::string_view kAppField = "application_number";
constexpr std::string_view kPubField = "publication_number";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int DigitsValue(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string Quote(char c) { return std::string("'") + c + "'"; }

std::unexpected<Error> AppError(std::string reason) {
  return Fail(ErrorCode::kInvalidArgument, "application number: " + reason, std::string(kAppField));
}

std::unexpected<Error> PubError(std::string reason) {
  return Fail(ErrorCode::kInvalidArgument, "publication number: " + reason, std::string(kPubField));
}

// Folds full-width forms and the ideographic full stop, drops white space, upper-cases.
std::string Compact(std::string_view text) {
  std::string folded = FoldFullWidth(text);
  std::string out;
  out.reserve(folded.size());
  for (size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    if (folded.compare(i, 3, "\xE3\x80\x82") == 0) {  // U+3002 。
      out.push_back('.');
      i += 2;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    }
  }
  return out;
}

bool StripPrefix(std::string& s, std::string_view prefix) {
  if (s.starts_with(prefix)) {
    s.erase(0, prefix.size());
    return true;
  }
  return false;
}

// Splits the compact text into body digits and the check character ('\0' when absent).
Result<std::pair<std::string, char>> SplitCheck(const std::string& s) {
  const size_t dot = s.find('.');
  std::string body = dot == std::string::npos ? s : s.substr(0, dot);
  std::string tail = dot == std::string::npos ? std::string() : s.substr(dot + 1);
  if (dot != std::string::npos && tail.size() != 1) {
    return AppError("exactly one check character must follow the '.'");
  }
  if (dot == std::string::npos && (body.size() == 9 || body.size() == 13)) {
    tail = body.substr(body.size() - 1);
    body.pop_back();
  }
  for (size_t i = 0; i < body.size(); ++i) {
    if (!IsDigit(body[i])) {
      return AppError("character " + std::to_string(i + 1) + " (" + Quote(body[i]) +
                      ") is not a digit");
    }
  }
  if (!tail.empty() && !IsDigit(tail[0]) && tail[0] != 'X') {
    return AppError("check character " + Quote(tail[0]) + " is not a digit or X");
  }
  return std::pair{body, tail.empty() ? '\0' : tail[0]};
}

// Reads the year and the type digit; the length is already 8 or 12.
Status ReadYearAndType(ApplicationNumber& n) {
  const bool modern = n.digits.size() == 12;
  const int raw_year = DigitsValue(std::string_view(n.digits).substr(0, modern ? 4 : 2));
  if (modern) {
    if (raw_year < 2003 || raw_year > 2099) {
      return AppError("impossible year " + std::to_string(raw_year) +
                      " (the 12-digit format is used since 2003)");
    }
    n.year = raw_year;
  } else {
    if (raw_year > 3 && raw_year < 85) {
      return AppError("impossible year " + n.digits.substr(0, 2) +
                      " (the 8-digit format was used from 1985 to 2003)");
    }
    n.year = raw_year >= 85 ? 1900 + raw_year : 2000 + raw_year;
  }
  const char t = n.digits[modern ? 4 : 2];
  switch (t) {
    case '1':
      n.type = PatentType::kInvention;
      break;
    case '2':
      n.type = PatentType::kUtilityModel;
      break;
    case '3':
      n.type = PatentType::kDesign;
      break;
    case '8':
      n.type = PatentType::kInvention;
      n.pct = true;
      break;
    case '9':
      n.type = PatentType::kUtilityModel;
      n.pct = true;
      break;
    default:
      return AppError("unknown type digit " + Quote(t) +
                      " (1 invention, 2 utility model, 3 design, 8/9 PCT national phase)");
  }
  return {};
}

}  // namespace

std::string ApplicationNumber::Normalised() const { return digits + '.' + check; }

char ApplicationCheckChar(std::string_view digits) {
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    sum += (digits[i] - '0') * static_cast<int>(2 + i % 8);
  }
  const int r = sum % 11;
  return r == 10 ? 'X' : static_cast<char>('0' + r);
}

Result<ApplicationNumber> ParseApplicationNumber(std::string_view text, CheckCharPolicy policy) {
  std::string s = Compact(Trim(text));
  if (!StripPrefix(s, "CN")) StripPrefix(s, "ZL");
  IPA_TRY(split, SplitCheck(s));
  ApplicationNumber n;
  n.digits = std::move(split.first);
  if (n.digits.size() != 12 && n.digits.size() != 8) {
    return AppError(
        "wrong length: 12 digits (since 2003-10) or 8 digits (before) and a check "
        "character are expected, got " +
        std::to_string(n.digits.size()) + " digits");
  }
  IPA_CHECK(ReadYearAndType(n));
  const char expected = ApplicationCheckChar(n.digits);
  if (split.second == '\0') {
    if (policy == CheckCharPolicy::kRequired) {
      return AppError("the check character is missing (expected '.' " + Quote(expected) + ")");
    }
    n.check = expected;
  } else if (split.second != expected) {
    return AppError("check character is " + Quote(split.second) + ", expected " + Quote(expected));
  } else {
    n.check = expected;
  }
  return n;
}

Result<std::string> NormaliseApplicationNumber(std::string_view text) {
  IPA_TRY(n, ParseApplicationNumber(text));
  return n.Normalised();
}

std::string PatentNumber(const ApplicationNumber& number) { return "ZL" + number.Normalised(); }

int TypeDigit(PatentType type, bool pct) {
  switch (type) {
    case PatentType::kInvention:
      return pct ? 8 : 1;
    case PatentType::kUtilityModel:
      return pct ? 9 : 2;
    case PatentType::kDesign:
      return 3;
  }
  return 1;
}

// ---- Publication numbers ------------------------------------------------------------------

namespace {

bool IsChineseTwoCharKind(char letter, char digit) {
  switch (letter) {
    case 'A':
    case 'B':
    case 'U':
      return digit == '8' || digit == '9';
    case 'C':
    case 'Y':
      return digit >= '1' && digit <= '7';
    case 'S':
      return digit >= '1' && digit <= '9';
    default:
      return false;
  }
}

Status ValidateKind(std::string_view kind) {
  constexpr std::string_view kOneLetter = "ABCUYSD";
  if (kind.size() == 1 && kOneLetter.find(kind[0]) != std::string_view::npos) return {};
  if (kind.size() == 2 && IsChineseTwoCharKind(kind[0], kind[1])) return {};
  const std::string k(kind);
  if (kind.size() == 2 && IsDigit(kind[1])) {
    return PubError("kind code '" + k +
                    "' is not Chinese (A1, B2 ... are European, WIPO or US kinds; CNIPA uses A, "
                    "B, C, U, Y, S, D and A8/A9, B8/B9, C1-C7, U8/U9, Y1-Y7, S1-S9)");
  }
  return PubError("unknown kind code '" + k + "' (CNIPA uses A, B, C, U, Y, S, D)");
}

}  // namespace

std::string PublicationNumber::Normalised() const { return "CN" + serial + kind; }

Result<PublicationNumber> ParsePublicationNumber(std::string_view text) {
  std::string s = Compact(Trim(text));
  StripPrefix(s, "CN");
  size_t digits = 0;
  while (digits < s.size() && IsDigit(s[digits])) ++digits;
  PublicationNumber p{s.substr(0, digits), s.substr(digits)};
  if (p.kind.empty()) {
    return PubError(digits == s.size() ? "the kind code (A, B, U, S ...) is missing"
                                       : "unexpected character after the digits");
  }
  IPA_CHECK(ValidateKind(p.kind));
  if (p.serial.size() < 6 || p.serial.size() > 9) {
    return PubError("wrong length: 6 to 9 digits are expected after CN, got " +
                    std::to_string(p.serial.size()));
  }
  return p;
}

std::string_view PublicationStageName(PublicationStage s) {
  switch (s) {
    case PublicationStage::kApplication:
      return "application";
    case PublicationStage::kExaminedApplication:
      return "examined_application";
    case PublicationStage::kGrant:
      return "grant";
  }
  return "application";
}

namespace {

PatentType TypeOfLetter(char c) {
  switch (c) {
    case 'U':
    case 'Y':
      return PatentType::kUtilityModel;
    case 'S':
    case 'D':
      return PatentType::kDesign;
    default:
      return PatentType::kInvention;
  }
}

}  // namespace

Result<KindMeaning> MapKind(std::string_view kind, std::optional<Date> publication_date,
                            const KindCodeRules& rules) {
  if (auto ok = ValidateKind(kind); !ok) {
    Error e = std::move(ok.error());
    e.field = "kind";
    return std::unexpected(std::move(e));
  }
  const Date date = publication_date.value_or(rules.new_codes_from);
  const bool before_1993 = date < rules.pre_grant_bus_until;
  const bool new_codes = date >= rules.new_codes_from;
  KindMeaning m;
  m.type = TypeOfLetter(kind[0]);
  switch (kind[0]) {
    case 'A':
      m.stage = PublicationStage::kApplication;
      break;
    case 'B':
    case 'U':
    case 'S':
      m.stage = before_1993 ? PublicationStage::kExaminedApplication : PublicationStage::kGrant;
      m.expected_for_date = before_1993 || new_codes;
      break;
    default:  // C, Y, D: grants between the two switches (and partial invalidations since)
      m.stage = PublicationStage::kGrant;
      m.expected_for_date = !before_1993 && !new_codes;
      break;
  }
  if (kind.size() == 2) {
    m.correction = kind[1] == '8' || kind[1] == '9';
    m.partial_invalidation = !m.correction;
    if (m.partial_invalidation || kind[0] != 'A') m.stage = PublicationStage::kGrant;
    m.expected_for_date = new_codes;
  }
  return m;
}

}  // namespace ipa::core
