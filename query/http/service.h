/** Service: the state the request handlers share (searchers, parser, metrics, options). */
#pragma once

#include "metrics.h"
#include "request_parser.h"
#include "searcher_pool.h"
#include "server_options.h"

namespace fynd::http {

struct Service {
  explicit Service(ServerOptions opts)
      : options(std::move(opts)),
        pool(options.db, std::chrono::milliseconds(options.reopen_check_ms)),
        parser(options.limits) {}

  ServerOptions options;
  SearcherPool pool;
  RequestParser parser;
  Metrics metrics;
};

}  // namespace fynd::http
