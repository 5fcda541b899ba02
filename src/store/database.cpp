#include "store/database.hpp"

#include <charconv>


namespace ipa::store {
namespace {
const std::string kEmpty;
}

const std::string& Row::Text(size_t i) const {
  const auto& c = cols_.at(i);
  return c ? *c : kEmpty;
}

std::optional<int64_t> Row::OptInt(size_t i) const {
  const auto& c = cols_.at(i);
  if (!c) return std::nullopt;
  int64_t v = 0;
  std::from_chars(c->data(), c->data() + c->size(), v);
  return v;
}

int64_t Row::Int(size_t i) const { return OptInt(i).value_or(0); }

std::string LikeEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

Result<Row> Tx::QueryOne(std::string_view sql, std::initializer_list<Value> params) {
  IPA_TRY(rows, Query(sql, params));
  if (rows.empty()) return core::Fail(core::ErrorCode::kNotFound, "not found");
  return std::move(rows.front());
}

}  // namespace ipa::store
