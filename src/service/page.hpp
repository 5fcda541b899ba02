// A page of a cursor-paginated list.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ipa::service {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

}  // namespace ipa::service
