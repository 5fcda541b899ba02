#include "http/metrics.hpp"

#include <fmt/format.h>

namespace ipa::http {

void Metrics::Record(const std::string& method, const std::string& route, int status,
                     double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
  ++latency_count_;
  latency_sum_ += seconds;
}

void Metrics::ConnectionOpened() {
  std::lock_guard lock(mu_);
  ++open_connections_;
}

void Metrics::ConnectionClosed() {
  std::lock_guard lock(mu_);
  --open_connections_;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP ipa_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE ipa_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format("ipa_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       method, route, status, n);
  }
  out += "# HELP ipa_http_request_duration_seconds Time from request read to response ready.\n";
  out += "# TYPE ipa_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    out += fmt::format("ipa_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[i],
                       bucket_counts_[i]);
  }
  out += fmt::format("ipa_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", latency_count_);
  out += fmt::format("ipa_http_request_duration_seconds_sum {}\n", latency_sum_);
  out += fmt::format("ipa_http_request_duration_seconds_count {}\n", latency_count_);
  out += "# HELP ipa_http_open_connections Client connections currently open.\n";
  out += "# TYPE ipa_http_open_connections gauge\n";
  out += fmt::format("ipa_http_open_connections {}\n", open_connections_);
  return out;
}

}  // namespace ipa::http
