/** Transport: fynd-serve's listening socket and connections on an Asio event loop, requests run on a worker pool. */
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http_lib.h"
#include "server_options.h"

namespace fynd::http {

class Metrics;

/// Processes one whole request read from `stream` and writes its response to it. Returns
/// false if the connection cannot go on; sets `connection_closed` when the client asked
/// for the connection to be closed.
using RequestProcessor = std::function<bool(httplib::Stream& stream, bool close_connection, bool& connection_closed)>;

/// Accepts connections on one or two event-loop threads and enforces the connection caps:
/// a connection past max_connections or max_connections_per_address is answered 503 with
/// a JSON error body and closed, by the event loop, without reaching a worker.
class Transport {
 public:
  /// `metrics` (may be null) counts open and rejected connections.
  Transport(const ServerOptions& options, RequestProcessor processor, Metrics* metrics);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  /// Binds and listens; port 0 picks a free port. Returns the port. Throws fynd::Error
  /// (BadUsage) when the address cannot be bound.
  int bind(const std::string& host, int port);
  /// Serves until stop(): blocks the calling thread (one event-loop thread).
  void run();
  /// Stops accepting, closes idle connections, lets running requests answer; any thread.
  void stop();
  bool is_running() const;
  /// The connection cap in force: max_connections, lowered to fit the open-files limit.
  std::size_t max_connections() const;

  /// Raises this process's RLIMIT_NOFILE soft limit to its hard limit; returns the soft limit.
  static std::uint64_t raise_open_files_limit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fynd::http
