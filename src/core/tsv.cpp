#include "core/tsv.hpp"

namespace ipa::core {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::vector<std::vector<std::string_view>> ParseTsv(std::string_view text) {
  std::vector<std::vector<std::string_view>> rows;
  bool header = true;
  for (std::string_view line : Split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    rows.push_back(Split(line, '\t'));
  }
  return rows;
}

}  // namespace ipa::core
