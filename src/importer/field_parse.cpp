#include "importer/field_parse.hpp"

#include <charconv>

#include "core/text.hpp"

namespace ipa::importer {

std::expected<std::optional<core::Date>, std::string> ParseOptionalDate(std::string_view text) {
  text = core::Trim(text);
  if (text.empty() || text == "0" || text == "00000000") return std::nullopt;
  std::string_view day = text;
  if (const size_t cut = day.find_first_of(" T"); cut != std::string_view::npos && cut >= 8) {
    day = day.substr(0, cut);
  }
  if (auto d = core::ParseDateText(day)) return d;
  return std::unexpected("'" + std::string(text.substr(0, 40)) +
                         "' is not a real date (expected YYYYMMDD, YYYY-MM-DD or YYYY.MM.DD)");
}

std::vector<std::string> SplitList(std::string_view text) {
  static constexpr std::string_view kFullWidthSemicolon = "\xEF\xBC\x9B";
  std::vector<std::string> out;
  auto flush = [&](std::string_view item) {
    item = core::Trim(item);
    if (!item.empty()) out.emplace_back(item);
  };
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t sep = 0;
    if (text[i] == ';' || text[i] == '|') sep = 1;
    if (text.substr(i).starts_with(kFullWidthSemicolon)) sep = kFullWidthSemicolon.size();
    if (sep == 0) continue;
    flush(text.substr(start, i - start));
    start = i + sep;
    i = start - 1;
  }
  flush(text.substr(start));
  return out;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  text = core::Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace ipa::importer
