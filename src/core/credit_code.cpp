#include "core/credit_code.hpp"

#include <array>

#include "core/text.hpp"

namespace ipa::core {
namespace {

constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8, 24, 10, 30, 28};

int CharValue(char c) {
  const auto pos = kCreditCodeCharset.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

char CreditCodeCheckChar(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += CharValue(first17[i]) * kWeights[i];
  return kCreditCodeCharset[(31 - sum % 31) % 31];
}

Result<std::string> ValidateCreditCode(std::string_view text, std::string_view field) {
  std::string code = AsciiUpper(FoldFullWidth(Trim(text)));
  const std::string f(field);
  if (code.size() != 18) {
    return Fail(ErrorCode::kInvalidArgument,
                f + ": a unified social credit code has 18 characters, got " +
                    std::to_string(Utf8Length(code)),
                f);
  }
  for (size_t i = 0; i < code.size(); ++i) {
    if (CharValue(code[i]) < 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  f + ": character " + std::to_string(i + 1) +
                      " is not allowed (letters I, O, S, V, Z and symbols never occur)",
                  f);
    }
  }
  const char expected = CreditCodeCheckChar(code);
  if (code[17] != expected) {
    return Fail(ErrorCode::kInvalidArgument,
                f + ": check character is '" + std::string(1, code[17]) + "', expected '" +
                    std::string(1, expected) + "' (GB 32100-2015)",
                f);
  }
  return code;
}

}  // namespace ipa::core
