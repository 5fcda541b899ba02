// The demo generators' random numbers: xoshiro256** seeded by splitmix64, with only integer
// arithmetic and exact double scaling, so a seed gives the same corpus with any standard library.
#pragma once

#include <cstdint>
#include <vector>

namespace ipa::service::demo {

// splitmix64 step: advances `state` and returns a well-mixed 64-bit value.
inline uint64_t SplitMix(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A hash of two values, for identities derived from a seed (a company number, a record index).
inline uint64_t Mix(uint64_t a, uint64_t b) {
  uint64_t state = a ^ (b * 0xd1342543de82ef95ULL);
  return SplitMix(state);
}

class DemoRng {
 public:
  explicit DemoRng(uint64_t seed) {
    for (uint64_t& s : s_) s = SplitMix(seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n); precondition n > 0 (the modulo bias is below 2^-40 for the n used here).
  uint64_t Below(uint64_t n) { return Next() % n; }
  // Uniform in [lo, hi], both included; precondition lo <= hi.
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Uniform in [0, 1) with 53 bits.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Weighted choice by cumulative weights and binary search.
class WeightedPicker {
 public:
  void Add(double weight) { cumulative_.push_back(Total() + weight); }
  double Total() const { return cumulative_.empty() ? 0.0 : cumulative_.back(); }
  size_t size() const { return cumulative_.size(); }
  // Precondition: at least one positive weight.
  size_t Pick(DemoRng& rng) const {
    const double x = rng.Unit() * Total();
    size_t lo = 0, hi = cumulative_.size() - 1;
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (cumulative_[mid] > x)
        hi = mid;
      else
        lo = mid + 1;
    }
    return lo;
  }

 private:
  std::vector<double> cumulative_;
};

}  // namespace ipa::service::demo
