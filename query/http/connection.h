/** Connection: one client socket on the event loop, its deadlines, and its requests handed to workers. */
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http_lib.h"
#include "request_framing.h"
#include "server_options.h"
#include "transport.h"
#include "worker_pool.h"

namespace fynd::http {

/// What every connection of a listener shares.
struct ConnectionHub {
  ConnectionLimits limits;
  std::size_t max_body_bytes = 0;
  RequestProcessor processor;
  WorkerPool* workers = nullptr;
  std::atomic<bool> stopping{false};
  /// Called once from the destructor of a connection that was counted against the caps.
  std::function<void(const void* connection, const std::string& address)> on_closed;
};

/// Reads a request (head under the header deadline, body under the body deadline) on the
/// event loop, runs it on a worker, writes the answer back on the event loop, then waits
/// for the next request (idle timeout) or closes. Only the worker job touches the
/// request processor; a client that sends nothing costs this object, its socket and timer.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Socket = boost::asio::ip::tcp::socket;

  Connection(Socket socket, ConnectionHub& hub, std::string address, bool counted);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Starts reading the first request.
  void start();
  /// Answers `status` with a JSON error body (code, message) and closes, without reading a
  /// request first. For connections over a cap.
  void reject(int status, std::string_view code, const std::string& message);
  /// Closes the connection if it is waiting for its client; one whose request runs on a
  /// worker is closed after its answer is written. Any thread.
  void shut_down();

 private:
  enum class State { Idle, Head, Body, Busy, Writing, Closing, Closed };
  friend class WorkerStream;

  void read_more();
  void on_read(const boost::system::error_code& ec, std::size_t n);
  void try_dispatch();
  void dispatch(std::size_t request_bytes, bool must_close);
  void on_processed(std::string output, bool close);
  /// Writes `bytes`, then calls `done(ok)`; under the write deadline.
  void write(std::shared_ptr<std::string> bytes, std::function<void(bool)> done);
  void answer_error(int status, std::string_view code, const std::string& message);
  void arm_timer(int ms);
  void disarm_timer();
  void on_timeout();
  void close_gracefully();
  void drain();
  void close();

  Socket socket_;
  boost::asio::steady_timer timer_;
  ConnectionHub& hub_;
  std::string address_;
  std::string remote_ip_;
  int remote_port_ = 0;
  std::string local_ip_;
  int local_port_ = 0;
  bool counted_;
  State state_ = State::Idle;
  std::string input_;
  RequestHead head_;
  std::array<char, 16 * 1024> buffer_{};
  std::size_t served_ = 0;
  std::uint64_t timer_generation_ = 0;
};

}  // namespace fynd::http
