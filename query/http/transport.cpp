#include "transport.h"

// GCC 12 reports Asio's scheduler and std::string, inlined here, as "potential null pointer
// dereference"; the paths it follows cannot happen.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "api_error.h"
#include "connection.h"
#include "error.h"
#include "metrics.h"

namespace fynd::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

/// File descriptors kept free for the index, the page's files and the log.
std::size_t reserved_descriptors(std::size_t threads) { return 64 + 8 * threads; }

}  // namespace

struct Transport::Impl {
  Impl(const ServerOptions& options, RequestProcessor processor, Metrics* metrics_sink)
      : worker_threads(std::max<std::size_t>(1, options.threads)),
        io_threads(std::clamp<std::size_t>(options.io_threads, 1, 2)),
        metrics(metrics_sink),
        max_connections(std::max<std::size_t>(1, options.connections.max_connections)) {
    hub.limits = options.connections;
    hub.max_body_bytes = options.limits.max_body_bytes;
    hub.processor = std::move(processor);
    hub.on_closed = [this](const void* connection, const std::string& address) { closed(connection, address); };
  }

  void accept();
  void admit(tcp::socket socket);
  void closed(const void* connection, const std::string& address);
  void shut_down_all();

  ~Impl() { hub.on_closed = nullptr; }  // connections freed with the event loop below count nothing

  // Declared before the event loop: connections still queued in it when it is destroyed
  // refer to the hub.
  ConnectionHub hub;
  std::size_t worker_threads;
  std::size_t io_threads;
  Metrics* metrics;
  std::size_t max_connections;
  std::atomic<bool> running{false};

  std::mutex mutex;  // guards the counts, the registry and the guard, shared with the destructors
  std::map<std::string, std::size_t> per_address;
  std::size_t open = 0;
  std::map<const void*, std::weak_ptr<Connection>> live;

  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard{io.get_executor()};
  tcp::acceptor acceptor{io};
  asio::steady_timer retry{io};
  std::unique_ptr<WorkerPool> workers;
};

void Transport::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](const boost::system::error_code& ec, tcp::socket socket) {
    if (!acceptor.is_open() || hub.stopping) return;
    if (ec) {
      // Out of descriptors (EMFILE) or a connection reset before it was accepted: try
      // again shortly instead of spinning or giving up.
      retry.expires_after(std::chrono::milliseconds(50));
      retry.async_wait([this](const boost::system::error_code& e) {
        if (!e) accept();
      });
      return;
    }
    admit(std::move(socket));
    accept();
  });
}

void Transport::Impl::admit(tcp::socket socket) {
  boost::system::error_code ec;
  auto remote = socket.remote_endpoint(ec);
  if (ec) return;  // already gone
  socket.set_option(tcp::no_delay(true), ec);  // head and body are separate writes
  std::string address = remote.address().to_string();
  enum class Verdict { Admit, OverTotal, OverAddress } verdict = Verdict::Admit;
  {
    std::lock_guard lock(mutex);
    std::size_t& from_address = per_address[address];
    if (open >= max_connections) {
      verdict = Verdict::OverTotal;
    } else if (from_address >= hub.limits.max_connections_per_address) {
      verdict = Verdict::OverAddress;
    } else {
      ++open;
      ++from_address;
    }
    if (from_address == 0) per_address.erase(address);
  }
  if (verdict != Verdict::Admit) {
    if (metrics) metrics->connection_rejected(verdict == Verdict::OverTotal ? "total" : "address");
    auto c = std::make_shared<Connection>(std::move(socket), hub, address, false);
    c->reject(kTooManyConnections.status, kTooManyConnections.code,
              verdict == Verdict::OverTotal
                  ? "the server has " + std::to_string(max_connections) + " open connections; try again shortly"
                  : "too many open connections from " + address + " (at most " +
                        std::to_string(hub.limits.max_connections_per_address) + ")");
    return;
  }
  if (metrics) metrics->connection_opened();
  auto c = std::make_shared<Connection>(std::move(socket), hub, address, true);
  {
    std::lock_guard lock(mutex);
    live[c.get()] = c;
  }
  c->start();
}

void Transport::Impl::closed(const void* connection, const std::string& address) {
  if (metrics) metrics->connection_closed();
  std::lock_guard lock(mutex);
  live.erase(connection);
  --open;
  auto it = per_address.find(address);
  if (it != per_address.end() && --it->second == 0) per_address.erase(it);
  if (open == 0 && hub.stopping) guard.reset();  // nothing left to finish: let run() return
}

void Transport::Impl::shut_down_all() {
  boost::system::error_code ec;
  acceptor.close(ec);
  retry.cancel();
  std::vector<std::shared_ptr<Connection>> connections;
  {
    std::lock_guard lock(mutex);
    for (auto& [key, weak] : live) {
      if (auto c = weak.lock()) connections.push_back(std::move(c));
    }
    if (open == 0) guard.reset();
  }
  for (auto& c : connections) c->shut_down();
}

Transport::Transport(const ServerOptions& options, RequestProcessor processor, Metrics* metrics)
    : impl_(std::make_unique<Impl>(options, std::move(processor), metrics)) {}

Transport::~Transport() {
  stop();
  if (impl_->workers) impl_->workers->shutdown();
}

std::uint64_t Transport::raise_open_files_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? UINT64_MAX : static_cast<std::uint64_t>(limit.rlim_cur);
}

int Transport::bind(const std::string& host, int port) {
  Impl& m = *impl_;
  std::uint64_t files = raise_open_files_limit();
  std::size_t reserved = reserved_descriptors(m.worker_threads);
  std::size_t fit = files > reserved * 2 ? static_cast<std::size_t>(std::min<std::uint64_t>(files - reserved, SIZE_MAX))
                                         : files / 2;
  m.max_connections = std::max<std::size_t>(1, std::min(m.max_connections, fit));
  std::string where = host + ":" + (port == 0 ? std::string("any port") : std::to_string(port));
  boost::system::error_code ec;
  tcp::resolver resolver(m.io);
  auto endpoints = resolver.resolve(host, std::to_string(port), tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) throw Error(ErrorCode::BadUsage, "cannot bind to " + where + " (" + ec.message() + ")");
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  m.acceptor.open(endpoint.protocol(), ec);
  if (!ec) m.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) m.acceptor.bind(endpoint, ec);
  if (!ec) m.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    boost::system::error_code ignored;
    m.acceptor.close(ignored);
    throw Error(ErrorCode::BadUsage, "cannot bind to " + where + " (in use, or not a local address?)");
  }
  return m.acceptor.local_endpoint().port();
}

void Transport::run() {
  Impl& m = *impl_;
  if (m.hub.stopping || !m.acceptor.is_open()) return;
  m.workers = std::make_unique<WorkerPool>(m.worker_threads);
  m.hub.workers = m.workers.get();
  m.accept();
  m.running = true;
  std::vector<std::thread> extra;
  for (std::size_t i = 1; i < m.io_threads; ++i) extra.emplace_back([&m] { m.io.run(); });
  m.io.run();
  for (auto& t : extra) t.join();
  m.running = false;
  m.workers->shutdown();
}

void Transport::stop() {
  Impl& m = *impl_;
  if (m.hub.stopping.exchange(true)) return;
  asio::post(m.io, [&m] { m.shut_down_all(); });
}

bool Transport::is_running() const { return impl_->running; }

std::size_t Transport::max_connections() const { return impl_->max_connections; }

}  // namespace fynd::http
