// fynd-serve: the JSON search service and search page over a fynd index.
#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <pthread.h>
#include <thread>

#include "error.h"
#include "searcher.h"
#include "server.h"

namespace {

constexpr const char* kFooter = R"(Routes:
  GET  /                          search page (see --web)
  GET  /api/search?q=&funder=&region=&year=&theme=&budget_min=&budget_max=&sort=&page=&size=&facets=
  GET  /api/projects/{id}         one project
  GET  /api/projects/{id}/similar projects like it
  POST /api/similar               {"text": "...", "filters": {...}}
  GET  /api/stats?by=year         counts and budgets grouped by a facet
  GET  /api/suggest?q=            as-you-type completions
  GET  /health                    document count and index age
  GET  /metrics                   Prometheus counters
  GET  /openapi.json              the API description
Errors are JSON: {"error":{"code","message","parameter"?}}.

Exit codes:
  0  stopped by SIGINT/SIGTERM
  2  bad usage (options, or the address cannot be bound)
  6  the index cannot be opened
  70 internal error

Example:
  fynd-serve --db ./fynd-db --port 8080
  curl 'http://127.0.0.1:8080/api/search?q=ungdomar&facets=funder'
)";

}  // namespace

int main(int argc, char** argv) {
  fynd::http::ServerOptions options;
  std::string db = options.db.string();
  std::string web;
  CLI::App app{"fynd-serve: JSON search service and search page over a fynd index"};
  app.set_version_flag("--version", FYND_VERSION);
  app.add_option("--db", db, "index directory, folder of shards or Xapian stub file")->capture_default_str();
  app.add_option("--host", options.host, "address to bind (loopback by default)")->capture_default_str();
  app.add_option("--port", options.port, "port to bind; 0 picks a free one")->capture_default_str()->check(CLI::Range(0, 65535));
  app.add_option("--web", web,
                 "directory of the search page (default: <prefix>/share/fynd/web beside the installed "
                 "binary, else the copy of web/ compiled in)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--cors-origin", options.cors_origins, "origin allowed to call the API from a browser (repeatable)");
  app.add_option("--slow-ms", options.slow_ms, "log requests slower than this (ms; -1 = never)")->capture_default_str();
  app.add_option("--threads", options.threads, "worker threads running the requests (default: one per core)")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  app.add_option("--io-threads", options.io_threads, "event-loop threads handling the connections")
      ->capture_default_str()
      ->check(CLI::Range(1, 2));
  fynd::http::ConnectionLimits& c = options.connections;
  auto positive = CLI::Range(1, 24 * 3600 * 1000);
  app.add_option("--header-timeout-ms", c.header_timeout_ms, "time for a whole request head (then 408, closed)")
      ->capture_default_str()
      ->check(positive);
  app.add_option("--body-timeout-ms", c.body_timeout_ms, "time for a request body after its head (then 408, closed)")
      ->capture_default_str()
      ->check(positive);
  app.add_option("--idle-timeout-ms", c.idle_timeout_ms, "an idle keep-alive connection is closed after this")
      ->capture_default_str()
      ->check(positive);
  app.add_option("--write-timeout-ms", c.write_timeout_ms, "time for each write of an answer to the client")
      ->capture_default_str()
      ->check(positive);
  app.add_option("--max-requests-per-connection", c.max_requests_per_connection,
                 "requests on one keep-alive connection, then it is closed")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_option("--max-header-bytes", c.max_header_bytes, "request line and headers (then 431, or 414 for the line)")
      ->capture_default_str()
      ->check(CLI::Range(1024, 1024 * 1024));
  app.add_option("--max-body-bytes", options.limits.max_body_bytes, "request body (then 413)")
      ->capture_default_str()
      ->check(CLI::Range(1024, 64 * 1024 * 1024));
  app.add_option("--max-connections", c.max_connections,
                 "open connections in all (then 503, closed; lowered to fit the open-files limit)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_option("--max-connections-per-address", c.max_connections_per_address,
                 "open connections from one client address (then 503, closed)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_flag("--quiet", [&](std::int64_t) { options.access_log = false; }, "no access log lines");
  app.footer(kFooter);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : fynd::error_info(fynd::ErrorCode::BadUsage).exit_code;
  }
  options.db = db;
  options.web_dir = web.empty() ? fynd::http::Server::default_web_dir() : std::filesystem::path(web);

  // SIGINT/SIGTERM are handled by a thread that waits for them, so stopping the server
  // happens outside a signal handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  try {
    fynd::Searcher probe(options.db);  // fail fast on a missing index
    std::cerr << "fynd-serve: " << probe.document_count() << " documents in " << options.db.string() << "\n";
    std::cerr << "fynd-serve: page from "
              << (options.web_dir.empty() ? std::string("the copy compiled in") : options.web_dir.string()) << "\n";
    fynd::http::Server server(options);
    int port = server.bind();
    std::cerr << "fynd-serve: listening on http://" << options.host << ":" << port << "/\n";
    std::atomic<bool> listening_done{false};
    std::thread waiter([&] {
      int sig = 0;
      sigwait(&signals, &sig);
      if (listening_done) return;
      std::cerr << "fynd-serve: stopping (signal " << sig << ")\n";
      // A signal that comes before the accept loop runs must not be lost.
      while (!server.is_running() && !listening_done) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      server.stop();
    });
    server.listen();
    // listen() also returns if the server stopped for another reason: wake the waiter.
    listening_done = true;
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    return 0;
  } catch (const fynd::Error& e) {
    std::cerr << "fynd-serve: " << e.what() << "\n";
    return fynd::error_info(e.code()).exit_code;
  } catch (const std::exception& e) {
    std::cerr << "fynd-serve: " << e.what() << "\n";
    return fynd::error_info(fynd::ErrorCode::Internal).exit_code;
  }
}
