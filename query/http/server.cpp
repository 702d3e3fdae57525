#include "server.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <mutex>

#include <sys/socket.h>
#include <unistd.h>

#include "api_error.h"
#include "error.h"
#include "exchange.h"
#include "request_validator.h"
#include "route_table.h"
#include "service.h"
#include "static_files.h"
#include "transport.h"

namespace fynd::http {
namespace {

/// What the logger needs to know about the request the current worker thread handles.
struct RequestContext {
  std::chrono::steady_clock::time_point start;
  std::string route = "-";
  bool active = false;
};
thread_local RequestContext tls_request;

/// The raw target with anything unprintable replaced, for log lines.
std::string printable(std::string_view s, std::size_t max = 300) {
  std::string out;
  for (char c : s.substr(0, max)) {
    auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u >= 0x7f || c == '"') ? '?' : c;
  }
  if (s.size() > max) out += "...";
  return out;
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string join(const std::vector<std::string_view>& items, std::string_view sep) {
  std::string out;
  for (auto item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

/// cpp-httplib's request processing (parsing, routing to the handlers, writing the answer,
/// HEAD, chunked content providers) over any Stream; its own sockets and threads are unused.
class RequestEngine : public httplib::Server {
 public:
  // cpp-httplib stops a chunked content provider when its listening socket is invalid
  // ("shutting down"); it never listens here, so a descriptor of our own stands in for it.
  RequestEngine() : placeholder_(::socket(AF_INET, SOCK_STREAM, 0)) { svr_sock_ = placeholder_; }
  ~RequestEngine() override {
    svr_sock_ = INVALID_SOCKET;
    if (placeholder_ >= 0) ::close(placeholder_);
  }
  RequestEngine(const RequestEngine&) = delete;
  RequestEngine& operator=(const RequestEngine&) = delete;

  bool process(httplib::Stream& stream, bool close_connection, bool& connection_closed) {
    return process_request(stream, close_connection, connection_closed, [](httplib::Request&) {});
  }
  /// What the Keep-Alive header of each answer announces.
  void announce_keep_alive(int idle_timeout_ms, std::size_t max_requests) {
    keep_alive_timeout_sec_ = std::max(1, idle_timeout_ms / 1000);
    keep_alive_max_count_ = max_requests;
  }

 private:
  int placeholder_;
};

}  // namespace

struct Server::Impl {
  explicit Impl(ServerOptions options)
      : service(std::move(options)),
        transport(
            service.options,
            [this](httplib::Stream& stream, bool close_connection, bool& connection_closed) {
              return http.process(stream, close_connection, connection_closed);
            },
            &service.metrics) {
    if (service.options.web_dir.empty()) service.options.web_dir = default_web_dir();
  }

  void configure();
  void dispatch(const httplib::Request& req, httplib::Response& res);
  void handle(const httplib::Request& req, httplib::Response& res);
  void on_error(const httplib::Request& req, httplib::Response& res);
  void on_logged(const httplib::Request& req, const httplib::Response& res);
  void apply_cors(const httplib::Request& req, httplib::Response& res) const;

  Service service;
  RequestEngine http;
  std::mutex log_mutex;
  bool bound = false;
  Transport transport;  // last: stopped and joined before the rest goes
};

void Server::Impl::configure() {
  const ServerOptions& o = service.options;
  // Connections, deadlines and threads are the Transport's; cpp-httplib only processes
  // each request once its bytes have arrived.
  http.set_payload_max_length(o.limits.max_body_bytes);
  http.announce_keep_alive(o.connections.idle_timeout_ms, o.connections.max_requests_per_connection);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
  httplib::Server::Handler all = [this](const httplib::Request& req, httplib::Response& res) { dispatch(req, res); };
  http.Get(".*", all);
  http.Post(".*", all);
  http.Put(".*", all);
  http.Patch(".*", all);
  http.Delete(".*", all);
  http.Options(".*", all);
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    tls_request.start = std::chrono::steady_clock::now();
    tls_request.route = "-";
    tls_request.active = true;
    // Runs before the body is read: without a length cpp-httplib would wait for the
    // client to close (the read timeout) before answering.
    bool body_method = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
    if (body_method && !req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
      apply_cors(req, res);
      write_error(res, kLengthRequired.status, kLengthRequired.code, "a request body needs a Content-Length",
                  std::string("body"));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  httplib::Server::HandlerWithResponse on_err = [this](const httplib::Request& req, httplib::Response& res) {
    on_error(req, res);
    return httplib::Server::HandlerResponse::Handled;
  };
  http.set_error_handler(on_err);
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    // dispatch() catches everything; this is the last line of defence.
    write_error(res, 500, error_info(ErrorCode::Internal).name, "internal error");
  });
  http.set_logger([this](const httplib::Request& req, const httplib::Response& res) { on_logged(req, res); });
}

void Server::Impl::apply_cors(const httplib::Request& req, httplib::Response& res) const {
  std::string origin = req.get_header_value("Origin");
  if (origin.empty()) return;
  const auto& allowed = service.options.cors_origins;
  if (std::find(allowed.begin(), allowed.end(), origin) == allowed.end()) return;
  res.set_header("Access-Control-Allow-Origin", origin);
  res.set_header("Vary", "Origin");
}

void Server::Impl::handle(const httplib::Request& req, httplib::Response& res) {
  RequestValidator::validate(req);
  RouteMatch m = match_route(req.method, req.path);
  if (m.allowed.empty()) {
    tls_request.route = "unmatched";
    throw NotFoundError("no such route: " + printable(req.path, 100));
  }
  if (req.method == "OPTIONS") {
    tls_request.route = "preflight";
    m.allowed.push_back("OPTIONS");
    res.status = 204;
    res.set_header("Allow", join(m.allowed, ", "));
    res.set_header("Access-Control-Allow-Methods", join(m.allowed, ", "));
    res.set_header("Access-Control-Allow-Headers", "Content-Type");
    res.set_header("Access-Control-Max-Age", "600");
    return;
  }
  if (!m.route) {
    tls_request.route = "unmatched";
    res.set_header("Allow", join(m.allowed, ", "));
    write_error(res, kMethodNotAllowed.status, kMethodNotAllowed.code,
                req.method + " is not allowed here; use " + join(m.allowed, " or "));
    return;
  }
  tls_request.route = m.route->pattern;
  Exchange ex{req, res, service, std::move(m.path)};
  // Re-indexed under our feet (a reader can only read the last two revisions): retry on
  // the newest one. A writer committing batch after batch can overtake one retry, so allow
  // a few before the error goes out as a 500.
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    try {
      m.route->handler(ex);
      return;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kAttempts) throw;
      service.pool.searcher().reopen();
      res = httplib::Response();
      apply_cors(req, res);
    }
  }
}

void Server::Impl::dispatch(const httplib::Request& req, httplib::Response& res) {
  apply_cors(req, res);
  auto fail = [&](ErrorCode code, const std::string& message) {
    const ErrorInfo& info = error_info(code);
    write_error(res, info.http_status, info.name, message);
  };
  try {
    handle(req, res);
  } catch (const ParameterError& e) {
    const ErrorInfo& info = error_info(e.code());
    write_error(res, info.http_status, info.name, e.what(), e.parameter());
  } catch (const Error& e) {
    fail(e.code(), e.what());
  } catch (const Xapian::DatabaseOpeningError& e) {
    fail(ErrorCode::IndexUnavailable, "the index cannot be opened: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    std::lock_guard lock(log_mutex);
    std::cerr << utc_now() << " error " << printable(req.target) << ": " << e.get_description() << "\n";
    fail(ErrorCode::Internal, "internal error");
  } catch (const std::exception& e) {
    std::lock_guard lock(log_mutex);
    std::cerr << utc_now() << " error " << printable(req.target) << ": " << e.what() << "\n";
    fail(ErrorCode::Internal, "internal error");
  } catch (...) {
    fail(ErrorCode::Internal, "internal error");
  }
}

void Server::Impl::on_error(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return;  // already a JSON error from dispatch()
  apply_cors(req, res);
  const std::string& m = req.method;
  if (res.status == 400 && (m == "TRACE" || m == "CONNECT" || m == "PRI")) res.status = kMethodNotAllowed.status;
  switch (res.status) {
    case 404:
      write_error(res, 404, error_info(ErrorCode::NotFound).name, "not found");
      break;
    case 405:
      res.set_header("Allow", "GET, POST, OPTIONS");
      write_error(res, 405, kMethodNotAllowed.code, m + " is not allowed");
      break;
    case 413:
      write_error(res, 413, kPayloadTooLarge.code,
                  "request body larger than " + std::to_string(service.options.limits.max_body_bytes) + " bytes",
                  std::string("body"));
      break;
    case 414:
      write_error(res, 414, kUriTooLong.code, "request target too long");
      break;
    case 431:
      write_error(res, 431, kHeadersTooLarge.code, "request headers too large");
      break;
    default:
      if (res.status >= 500) {
        write_error(res, res.status, error_info(ErrorCode::Internal).name, "internal error");
      } else {
        write_error(res, res.status, error_info(ErrorCode::BadQuery).name, "malformed HTTP request");
      }
  }
}

void Server::Impl::on_logged(const httplib::Request& req, const httplib::Response& res) {
  double seconds = 0;
  if (tls_request.active) {
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - tls_request.start).count();
  }
  std::string route = tls_request.active ? tls_request.route : "-";
  tls_request.active = false;
  service.metrics.record(route, res.status, seconds);
  const ServerOptions& o = service.options;
  bool slow = o.slow_ms >= 0 && seconds * 1000 >= o.slow_ms;
  if (!o.access_log && !slow) return;
  std::lock_guard lock(log_mutex);
  if (o.access_log) {
    std::cerr << utc_now() << " " << req.remote_addr << " \"" << printable(req.method, 10) << " "
              << printable(req.target) << "\" " << res.status << " " << res.body.size() << " "
              << static_cast<long long>(seconds * 1e6) / 1000.0 << "ms\n";
  }
  if (slow) {
    std::cerr << utc_now() << " slow " << static_cast<long long>(seconds * 1e3) << "ms " << printable(req.method, 10)
              << " " << printable(req.target, 2000) << "\n";
  }
}

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) { impl_->configure(); }

Server::~Server() { stop(); }

std::filesystem::path Server::default_web_dir() { return StaticFiles::installed_dir(); }

int Server::bind() {
  const ServerOptions& o = impl_->service.options;
  if (impl_->bound) return port_;
  port_ = impl_->transport.bind(o.host, o.port);
  impl_->bound = true;
  return port_;
}

void Server::listen() {
  bind();
  impl_->transport.run();
}

void Server::stop() {
  if (impl_) impl_->transport.stop();
}

bool Server::is_running() const { return impl_->transport.is_running(); }

}  // namespace fynd::http
