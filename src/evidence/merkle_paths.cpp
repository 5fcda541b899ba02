#include "evidence/merkle_paths.hpp"

#include <bit>
#include <cassert>

namespace ipa::evidence {
namespace {

void AppendPath(const SubtreeSource& source, uint64_t index, uint64_t begin, uint64_t end,
                std::vector<Hash>& out) {
  if (end - begin == 1) return;
  const uint64_t mid = begin + SplitPoint(end - begin);
  if (index < mid) {
    AppendPath(source, index, begin, mid, out);
    out.push_back(RangeRoot(source, mid, end));
  } else {
    AppendPath(source, index, mid, end, out);
    out.push_back(RangeRoot(source, begin, mid));
  }
}

// SUBPROOF(first - begin, D[begin:end], whole): `whole` is true while D[begin:first] is the
// entire old tree, whose root the verifier already has.
void AppendSubproof(const SubtreeSource& source, uint64_t first, uint64_t begin, uint64_t end,
                    bool whole, std::vector<Hash>& out) {
  if (first == end) {
    if (!whole) out.push_back(RangeRoot(source, begin, end));
    return;
  }
  const uint64_t mid = begin + SplitPoint(end - begin);
  if (first <= mid) {
    AppendSubproof(source, first, begin, mid, whole, out);
    out.push_back(RangeRoot(source, mid, end));
  } else {
    AppendSubproof(source, first, mid, end, false, out);
    out.push_back(RangeRoot(source, begin, mid));
  }
}

}  // namespace

uint64_t SplitPoint(uint64_t n) {
  assert(n >= 2);
  return std::bit_floor(n - 1);
}

Hash RangeRoot(const SubtreeSource& source, uint64_t begin, uint64_t end) {
  assert(begin < end);
  const uint64_t n = end - begin;
  if (std::has_single_bit(n)) {
    const int level = std::countr_zero(n);
    assert(begin % n == 0);
    return source.Perfect(level, begin >> level);
  }
  const uint64_t mid = begin + SplitPoint(n);
  return HashChildren(RangeRoot(source, begin, mid), RangeRoot(source, mid, end));
}

std::vector<Hash> InclusionPath(const SubtreeSource& source, uint64_t index, uint64_t size) {
  assert(index < size);
  std::vector<Hash> out;
  out.reserve(static_cast<size_t>(std::bit_width(size)));
  AppendPath(source, index, 0, size, out);
  return out;
}

std::vector<Hash> ConsistencyPath(const SubtreeSource& source, uint64_t first, uint64_t second) {
  assert(first > 0 && first <= second);
  std::vector<Hash> out;
  out.reserve(static_cast<size_t>(std::bit_width(second)) + 1);
  AppendSubproof(source, first, 0, second, true, out);
  return out;
}

}  // namespace ipa::evidence
