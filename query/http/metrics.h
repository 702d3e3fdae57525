/** Metrics: request counters and a latency histogram, rendered as Prometheus text. */
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace fynd::http {

/// Thread-safe counters of the service. Routes are the table's patterns ("/api/search"),
/// never raw paths, so the label set stays small.
class Metrics {
 public:
  /// Upper bounds (seconds) of the latency histogram buckets; +Inf is implicit.
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

  void record(const std::string& route, int status, double seconds);
  /// Connection gauges of the transport.
  void connection_opened() { ++open_connections_; }
  void connection_closed() { --open_connections_; }
  /// A connection answered 503 and closed; `reason` is "address" or "total" (the cap hit).
  void connection_rejected(std::string_view reason);
  /// The Prometheus text exposition (version 0.0.4); `documents` is the index size gauge.
  std::string prometheus(std::uint64_t documents) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, std::uint64_t> errors_;  ///< status >= 500 by route
  std::array<std::uint64_t, kBuckets.size() + 1> buckets_{};
  double latency_sum_ = 0;
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::uint64_t> rejected_address_{0};
  std::atomic<std::uint64_t> rejected_total_{0};
  std::uint64_t latency_count_ = 0;
};

}  // namespace fynd::http
