#include "connection.h"

// GCC 12 reports Asio's scheduler and std::string, inlined here, as "potential null pointer
// dereference"; the paths it follows cannot happen.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <future>

#include "api_error.h"

namespace fynd::http {

namespace asio = boost::asio;

namespace {

/// Output larger than this is handed to the event loop while the response is still being
/// produced (a streamed CSV export), so a worker never holds more than this in memory.
constexpr std::size_t kFlushBytes = 64 * 1024;
/// How long a closing connection reads (and drops) what its client still sends, so that
/// closing with unread bytes does not reset the connection before the answer arrives.
constexpr int kDrainMs = 1000;
constexpr int kDrainWhenStoppingMs = 200;

std::string_view reason(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

/// A complete response carrying the JSON error body, for answers given by the event loop.
std::string error_response(int status, std::string_view code, const std::string& message) {
  std::string body = error_body(code, message).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason(status)) + "\r\n";
  out += "Content-Type: application/json; charset=utf-8\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "X-Content-Type-Options: nosniff\r\n";
  if (status == 503) out += "Retry-After: 1\r\n";
  out += "Connection: close\r\n\r\n";
  return out + body;
}

/// Statuses after which the rest of the client's bytes cannot be trusted to frame a request.
bool closes_after(int status) { return status == 411 || status == 413 || status == 414 || status == 431; }

}  // namespace

/// The request as one buffer and the response collected for the event loop: what the
/// request processor reads from and writes to, on the worker thread.
class WorkerStream final : public httplib::Stream {
 public:
  WorkerStream(std::shared_ptr<Connection> connection, std::string request)
      : connection_(std::move(connection)), request_(std::move(request)) {}

  bool is_readable() const override { return position_ < request_.size(); }
  bool is_writable() const override { return !failed_; }

  ssize_t read(char* ptr, size_t size) override {
    std::size_t n = std::min(size, request_.size() - position_);
    std::copy_n(request_.data() + position_, n, ptr);
    position_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (failed_) return -1;
    if (status_ < 200) note_status(std::string_view(ptr, size));
    output_.append(ptr, size);
    if (output_.size() >= kFlushBytes) flush();
    return failed_ ? -1 : static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = connection_->remote_ip_;
    port = connection_->remote_port_;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = connection_->local_ip_;
    port = connection_->local_port_;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

  std::string take_output() { return std::move(output_); }
  int status() const { return status_; }
  bool failed() const { return failed_; }

 private:
  /// The status of the final (non-1xx) response, from its status line.
  void note_status(std::string_view s) {
    if (s.size() < 12 || s.substr(0, 7) != "HTTP/1.") return;
    int status = 0;
    for (char c : s.substr(9, 3)) status = status * 10 + (c - '0');
    status_ = status;
  }

  /// Hands the output so far to the event loop and waits until it is written.
  void flush() {
    auto bytes = std::make_shared<std::string>(std::move(output_));
    output_.clear();
    auto written = std::make_shared<std::promise<bool>>();
    auto done = written->get_future();
    asio::post(connection_->socket_.get_executor(), [connection = connection_, bytes, written] {
      connection->write(bytes, [written](bool ok) { written->set_value(ok); });
    });
    try {
      if (!done.get()) failed_ = true;
    } catch (const std::future_error&) {  // the event loop was torn down
      failed_ = true;
    }
  }

  std::shared_ptr<Connection> connection_;
  std::string request_;
  std::size_t position_ = 0;
  std::string output_;
  int status_ = 0;
  bool failed_ = false;
};

Connection::Connection(Socket socket, ConnectionHub& hub, std::string address, bool counted)
    : socket_(std::move(socket)), timer_(socket_.get_executor()), hub_(hub), address_(std::move(address)),
      counted_(counted) {
  boost::system::error_code ec;
  auto remote = socket_.remote_endpoint(ec);
  if (!ec) {
    remote_ip_ = remote.address().to_string();
    remote_port_ = remote.port();
  }
  auto local = socket_.local_endpoint(ec);
  if (!ec) {
    local_ip_ = local.address().to_string();
    local_port_ = local.port();
  }
}

Connection::~Connection() {
  if (counted_ && hub_.on_closed) hub_.on_closed(this, address_);
}

void Connection::start() {
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    self->arm_timer(self->hub_.limits.header_timeout_ms);
    self->read_more();
  });
}

void Connection::reject(int status, std::string_view code, const std::string& message) {
  asio::post(socket_.get_executor(), [self = shared_from_this(), status, code, message] {
    self->answer_error(status, code, message);
  });
}

void Connection::shut_down() {
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    switch (self->state_) {
      case State::Idle:
      case State::Head:
      case State::Body:
      case State::Closing:
        self->close();
        break;
      default:
        break;  // the answer is written first, then the connection closes (hub_.stopping)
    }
  });
}

void Connection::read_more() {
  socket_.async_read_some(asio::buffer(buffer_), [self = shared_from_this()](const boost::system::error_code& ec,
                                                                            std::size_t n) { self->on_read(ec, n); });
}

void Connection::on_read(const boost::system::error_code& ec, std::size_t n) {
  if (state_ == State::Closed) return;
  if (ec) {
    close();  // the client went away (or the connection was shut down)
    return;
  }
  input_.append(buffer_.data(), n);
  try_dispatch();
}

void Connection::try_dispatch() {
  const ConnectionLimits& limits = hub_.limits;
  if (state_ == State::Idle && !input_.empty()) {
    state_ = State::Head;
    // The first request's deadline runs from the accept (start()), later ones' from their
    // first byte.
    if (served_ > 0) arm_timer(limits.header_timeout_ms);
  }
  if (state_ == State::Head) {
    auto head = find_request_head(input_);
    if (!head) {
      if (input_.size() <= limits.max_header_bytes) return read_more();
      if (!has_request_line(input_)) return answer_error(kUriTooLong.status, kUriTooLong.code, "request line too long");
      return answer_error(kHeadersTooLarge.status, kHeadersTooLarge.code, "request headers too large");
    }
    if (head->bytes > limits.max_header_bytes) {
      return answer_error(kHeadersTooLarge.status, kHeadersTooLarge.code, "request headers too large");
    }
    head_ = *head;
    bool has_body = head_.chunked || head_.content_length.value_or(0) > 0;
    if (!has_body) return dispatch(head_.bytes, !head_.valid_request_line);
    state_ = State::Body;
    arm_timer(limits.body_timeout_ms);
  }
  if (state_ == State::Body) {
    std::string_view body = std::string_view(input_).substr(head_.bytes);
    if (head_.chunked) {
      if (auto length = chunked_body_length(body)) return dispatch(head_.bytes + *length, false);
      // Too long: the processor reads what came and answers 413.
      if (body.size() > hub_.max_body_bytes + limits.max_header_bytes) return dispatch(input_.size(), true);
      return read_more();
    }
    std::size_t length = *head_.content_length;
    if (length > hub_.max_body_bytes) return dispatch(head_.bytes, true);  // 413 without reading it
    if (body.size() >= length) return dispatch(head_.bytes + length, false);
    return read_more();
  }
  if (state_ == State::Idle) read_more();
}

void Connection::dispatch(std::size_t request_bytes, bool must_close) {
  disarm_timer();
  state_ = State::Busy;
  std::string request = input_.substr(0, request_bytes);
  input_.erase(0, request_bytes);
  ++served_;
  bool last = must_close || served_ >= hub_.limits.max_requests_per_connection || hub_.stopping;
  hub_.workers->post([self = shared_from_this(), request = std::move(request), last]() mutable {
    WorkerStream stream(self, std::move(request));
    bool client_closes = false;
    bool ok = false;
    try {
      ok = self->hub_.processor(stream, last, client_closes);
    } catch (...) {
      ok = false;
    }
    bool close = !ok || last || client_closes || stream.failed() || closes_after(stream.status());
    asio::post(self->socket_.get_executor(), [self, output = stream.take_output(), close]() mutable {
      self->on_processed(std::move(output), close);
    });
  });
}

void Connection::on_processed(std::string output, bool close) {
  if (state_ == State::Closed) return;
  state_ = State::Writing;
  write(std::make_shared<std::string>(std::move(output)), [this, self = shared_from_this(), close](bool ok) {
    if (state_ == State::Closed) return;
    if (!ok) return this->close();
    if (close || hub_.stopping) return close_gracefully();
    state_ = State::Idle;
    arm_timer(hub_.limits.idle_timeout_ms);
    try_dispatch();  // a pipelined request may be waiting in input_
  });
}

void Connection::write(std::shared_ptr<std::string> bytes, std::function<void(bool)> done) {
  if (state_ == State::Closed) return done(false);
  arm_timer(hub_.limits.write_timeout_ms);
  asio::async_write(socket_, asio::buffer(*bytes),
                    [self = shared_from_this(), bytes, done = std::move(done)](const boost::system::error_code& ec,
                                                                               std::size_t) {
                      self->disarm_timer();
                      done(!ec);
                    });
}

void Connection::answer_error(int status, std::string_view code, const std::string& message) {
  if (state_ == State::Closed) return;
  state_ = State::Writing;
  write(std::make_shared<std::string>(error_response(status, code, message)), [this, self = shared_from_this()](bool ok) {
    if (ok) {
      close_gracefully();
    } else {
      close();
    }
  });
}

void Connection::arm_timer(int ms) {
  std::uint64_t generation = ++timer_generation_;
  timer_.expires_after(std::chrono::milliseconds(ms));
  timer_.async_wait([self = shared_from_this(), generation](const boost::system::error_code& ec) {
    if (ec || generation != self->timer_generation_) return;
    self->on_timeout();
  });
}

void Connection::disarm_timer() {
  ++timer_generation_;
  timer_.cancel();
}

void Connection::on_timeout() {
  switch (state_) {
    case State::Head:
    case State::Body:
      answer_error(kRequestTimeout.status, kRequestTimeout.code,
                   state_ == State::Head ? "the request head did not arrive in time" : "the request body did not arrive in time");
      break;
    case State::Busy:  // a streamed answer's write did not finish: the worker sees the failure
    case State::Idle:
    case State::Writing:
    case State::Closing:
      close();
      break;
    case State::Closed:
      break;
  }
}

void Connection::close_gracefully() {
  state_ = State::Closing;
  boost::system::error_code ec;
  socket_.shutdown(Socket::shutdown_send, ec);
  if (ec) return close();
  arm_timer(hub_.stopping ? kDrainWhenStoppingMs : kDrainMs);
  drain();
}

void Connection::drain() {
  socket_.async_read_some(asio::buffer(buffer_), [self = shared_from_this()](const boost::system::error_code& ec,
                                                                            std::size_t) {
    if (self->state_ != State::Closing) return;
    if (ec) return self->close();
    self->drain();
  });
}

void Connection::close() {
  if (state_ == State::Closed) return;
  state_ = State::Closed;
  disarm_timer();
  boost::system::error_code ec;
  socket_.shutdown(Socket::shutdown_both, ec);
  socket_.close(ec);
}

}  // namespace fynd::http
