#include "metrics.h"

#include <sstream>

namespace fynd::http {
namespace {

std::string label(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::record(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  if (status >= 500) ++errors_[route];
  std::size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  ++buckets_[i];
  latency_sum_ += seconds;
  ++latency_count_;
}

void Metrics::connection_rejected(std::string_view reason) {
  if (reason == "total") {
    ++rejected_total_;
  } else {
    ++rejected_address_;
  }
}

std::string Metrics::prometheus(std::uint64_t documents) const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP fynd_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE fynd_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out << "fynd_http_requests_total{route=\"" << label(key.first) << "\",status=\"" << key.second << "\"} " << n
        << "\n";
  }
  out << "# HELP fynd_http_errors_total Requests answered with a 5xx status, by route.\n"
      << "# TYPE fynd_http_errors_total counter\n";
  std::uint64_t total_errors = 0;
  for (const auto& [route, n] : errors_) {
    out << "fynd_http_errors_total{route=\"" << label(route) << "\"} " << n << "\n";
    total_errors += n;
  }
  if (errors_.empty()) out << "fynd_http_errors_total{route=\"\"} " << total_errors << "\n";
  out << "# HELP fynd_http_request_duration_seconds Time from routing to response.\n"
      << "# TYPE fynd_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += buckets_[i];
    out << "fynd_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << cumulative << "\n";
  }
  cumulative += buckets_.back();
  out << "fynd_http_request_duration_seconds_bucket{le=\"+Inf\"} " << cumulative << "\n"
      << "fynd_http_request_duration_seconds_sum " << latency_sum_ << "\n"
      << "fynd_http_request_duration_seconds_count " << latency_count_ << "\n"
      << "# HELP fynd_http_connections_open Client connections open now.\n"
      << "# TYPE fynd_http_connections_open gauge\n"
      << "fynd_http_connections_open " << open_connections_.load() << "\n"
      << "# HELP fynd_http_connections_rejected_total Connections answered 503 at a cap, by cap.\n"
      << "# TYPE fynd_http_connections_rejected_total counter\n"
      << "fynd_http_connections_rejected_total{cap=\"address\"} " << rejected_address_.load() << "\n"
      << "fynd_http_connections_rejected_total{cap=\"total\"} " << rejected_total_.load() << "\n"
      << "# HELP fynd_index_documents Documents in the index.\n"
      << "# TYPE fynd_index_documents gauge\n"
      << "fynd_index_documents " << documents << "\n";
  return out.str();
}

}  // namespace fynd::http
