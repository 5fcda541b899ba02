// Request counters by route and status, and a latency histogram, in Prometheus text format.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>

namespace ipa::http {

class Metrics {
 public:
  // Thread-safe.
  void Record(const std::string& method, const std::string& route, int status, double seconds);
  void ConnectionOpened();
  void ConnectionClosed();
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::array<uint64_t, kBuckets.size()> bucket_counts_{};
  uint64_t latency_count_ = 0;
  double latency_sum_ = 0;
  int64_t open_connections_ = 0;
};

}  // namespace ipa::http
