/** ServerOptions: everything fynd-serve can be told on its command line. */
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "request_parser.h"

namespace fynd::http {

/// What one client connection may cost: deadlines, sizes and caps. A connection that
/// waits for its client holds a socket and a timer, never a worker thread.
struct ConnectionLimits {
  int header_timeout_ms = 10000;   ///< the whole request head, from its first byte (or the accept)
  int body_timeout_ms = 30000;     ///< the body, from the end of the head
  int idle_timeout_ms = 5000;      ///< between requests on a keep-alive connection
  int write_timeout_ms = 30000;    ///< each write of a response to the client
  std::size_t max_requests_per_connection = 1000;  ///< then the answer says Connection: close
  std::size_t max_header_bytes = 16 * 1024;        ///< request line and headers (431, or 414 for the line)
  std::size_t max_connections = 10000;             ///< open at once (also capped by RLIMIT_NOFILE)
  std::size_t max_connections_per_address = 256;   ///< open at once from one client address
};

/// Worker threads by default: one per core.
inline std::size_t default_worker_threads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 2 : n;
}

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                        ///< 0 picks a free port (see Server::bind)
  std::filesystem::path db = "fynd-db";
  std::filesystem::path web_dir;          ///< empty: installed or compiled-in page (Server::default_web_dir)
  std::vector<std::string> cors_origins;  ///< origins allowed to call the API from a browser
  int slow_ms = 500;                      ///< requests slower than this are logged as slow
  std::size_t threads = default_worker_threads();  ///< worker threads, each with its own Searcher
  std::size_t io_threads = 1;             ///< event-loop threads for the connections (1 or 2)
  bool access_log = true;                 ///< one line per request to stderr
  int reopen_check_ms = 1000;             ///< how often a worker looks for a re-indexed db
  Limits limits;
  ConnectionLimits connections;
};

}  // namespace fynd::http
