/** ServerOptions: everything fynd-serve can be told on its command line. */
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "request_parser.h"

namespace fynd::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                        ///< 0 picks a free port (see Server::bind)
  std::filesystem::path db = "fynd-db";
  std::filesystem::path web_dir;          ///< empty: installed or compiled-in page (Server::default_web_dir)
  std::vector<std::string> cors_origins;  ///< origins allowed to call the API from a browser
  int slow_ms = 500;                      ///< requests slower than this are logged as slow
  std::size_t threads = 16;               ///< worker threads, each with its own Searcher
  bool access_log = true;                 ///< one line per request to stderr
  int reopen_check_ms = 1000;             ///< how often a worker looks for a re-indexed db
  Limits limits;
};

}  // namespace fynd::http
