// The connection layer of fynd-serve: idle and half-sent connections cost no worker, the
// caps answer 503 with a JSON error, slow heads are cut at the deadline, keep-alive limits.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "serve_fixture.h"
#include "test_support.h"
#include "transport.h"

namespace fynd::test {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

/// A raw client socket from a chosen loopback source address (127.0.0.x).
class RawConnection {
 public:
  RawConnection(int port, const char* source = "127.0.0.1") {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &local.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      close();
      return;
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) close();
  }
  ~RawConnection() { close(); }
  RawConnection(RawConnection&& other) noexcept : fd_(other.fd_), in_(std::move(other.in_)), eof_(other.eof_) {
    other.fd_ = -1;
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool ok() const { return fd_ >= 0; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  /// Waits up to `ms` for bytes or the end; false on timeout. Appends to the input.
  bool wait_readable(int ms) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, ms) <= 0) return false;
    char buf[16384];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      eof_ = true;
    } else {
      in_.append(buf, static_cast<std::size_t>(n));
    }
    return true;
  }
  /// One whole response (head and Content-Length body), or a reply with status 0.
  HttpReply response(int ms = 5000) {
    auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    HttpReply reply;
    for (;;) {
      std::size_t end = in_.find("\r\n\r\n");
      if (end != std::string::npos) {
        parse_head(in_.substr(0, end), reply);
        std::size_t length = std::stoul(reply.header("content-length").empty() ? "0" : reply.header("content-length"));
        if (in_.size() >= end + 4 + length) {
          reply.body = in_.substr(end + 4, length);
          in_.erase(0, end + 4 + length);
          return reply;
        }
      }
      int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
      if (eof_ || left <= 0 || !wait_readable(left)) return HttpReply{};
    }
  }
  /// True once the server has closed the connection (within `ms`).
  bool closed_by_server(int ms) {
    auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    while (!eof_) {
      int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
      if (left <= 0 || !wait_readable(left)) return false;
    }
    return true;
  }

 private:
  static void parse_head(const std::string& head, HttpReply& reply) {
    reply.headers.clear();
    reply.status = head.size() > 12 ? std::atoi(head.substr(9, 3).c_str()) : 0;
    std::size_t pos = head.find("\r\n");
    while (pos != std::string::npos && pos + 2 < head.size()) {
      std::size_t next = head.find("\r\n", pos + 2);
      std::string line = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
      std::size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::size_t v = line.find_first_not_of(' ', colon + 1);
        reply.headers.emplace(name, v == std::string::npos ? "" : line.substr(v));
      }
      pos = next;
    }
  }

  int fd_ = -1;
  std::string in_;
  bool eof_ = false;
};

std::string get(const std::string& target, bool close = false) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
}

/// One server over the suite's index, with its own connection limits.
class RunningServer {
 public:
  explicit RunningServer(const std::filesystem::path& db, http::ConnectionLimits limits, std::size_t threads = 2) {
    http::ServerOptions options;
    options.port = 0;
    options.db = db;
    options.threads = threads;
    options.access_log = false;
    options.slow_ms = -1;
    options.connections = limits;
    server_ = std::make_unique<http::Server>(options);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->listen(); });
    for (int i = 0; i < 200 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~RunningServer() {
    server_->stop();
    thread_.join();
  }
  int port() const { return port_; }
  /// The value of a metric line ("name{labels} value") of /metrics, asked from `source`.
  double metric(const std::string& name, const char* source = "127.0.0.9") const {
    RawConnection c(port_, source);
    c.send(get("/metrics", true));
    HttpReply r = c.response();
    std::size_t at = r.body.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stod(r.body.substr(at + name.size() + 2));
  }
  /// Waits until /metrics counts `n` open connections besides its own.
  bool wait_open(double n, int ms = 5000) const {
    auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    while (Clock::now() < deadline) {
      if (metric("fynd_http_connections_open") >= n + 1) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

 private:
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

class TransportTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    db_ = std::filesystem::path(::testing::TempDir()) / ("fynd-transport-" + std::to_string(::getpid())) / "db";
    std::filesystem::remove_all(db_.parent_path());
    std::filesystem::create_directories(db_.parent_path());
    add_projects(db_, fixture_projects());  // four projects: cheap, and enough to search
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    std::filesystem::remove_all(db_.parent_path(), ec);
  }

 protected:
  static std::filesystem::path db_;
};

std::filesystem::path TransportTest::db_;

TEST_F(TransportTest, ThousandHalfSentConnectionsDoNotDelayASearch) {
  constexpr std::size_t kIdle = 1000;
  if (http::Transport::raise_open_files_limit() < 2 * kIdle + 200) {
    GTEST_SKIP() << "the open-files limit is below " << 2 * kIdle + 200 << "; cannot hold " << kIdle << " connections";
  }
  http::ConnectionLimits limits;
  limits.max_connections_per_address = 2 * kIdle;
  limits.header_timeout_ms = 60000;
  RunningServer server(db_, limits, 2);
  std::vector<RawConnection> idle;
  idle.reserve(kIdle);
  for (std::size_t i = 0; i < kIdle; ++i) {
    idle.emplace_back(server.port());
    ASSERT_TRUE(idle.back().ok()) << "connection " << i;
    ASSERT_TRUE(idle.back().send("GET /api/search?q=x HTTP/1.1\r\nHost: a"));
  }
  ASSERT_TRUE(server.wait_open(kIdle)) << "the server did not accept all " << kIdle << " connections";

  auto start = Clock::now();
  RawConnection fresh(server.port());
  ASSERT_TRUE(fresh.send(get("/api/search?q=bredband", true)));
  HttpReply r = fresh.response();
  double took = seconds_since(start);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_GT(r.json().value("total", 0), 0) << r.body;
  EXPECT_LT(took, 1.0) << "a search behind " << kIdle << " half-sent connections took " << took << " s";

  // The half-sent requests are still waiting, not answered or dropped.
  EXPECT_FALSE(idle.front().wait_readable(0));
  EXPECT_TRUE(idle.front().send("\r\n\r\n"));
  EXPECT_EQ(idle.front().response().status, 200);
}

TEST_F(TransportTest, PerAddressCapAnswers503AndFreesUp) {
  http::ConnectionLimits limits;
  limits.max_connections_per_address = 4;
  RunningServer server(db_, limits);
  std::vector<RawConnection> held;
  for (int i = 0; i < 4; ++i) {
    held.emplace_back(server.port());
    ASSERT_TRUE(held.back().send("GET /health HTTP/1.1\r\nHost: a"));
  }
  ASSERT_TRUE(server.wait_open(4));

  RawConnection fifth(server.port());
  ASSERT_TRUE(fifth.ok());
  fifth.send(get("/health"));
  HttpReply r = fifth.response();
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "too_many_connections") << r.body;
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("127.0.0.1"), std::string::npos) << r.body;
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_TRUE(fifth.closed_by_server(3000));

  // Another address is not affected.
  RawConnection other(server.port(), "127.0.0.2");
  other.send(get("/health", true));
  EXPECT_EQ(other.response().status, 200);
  EXPECT_EQ(server.metric("fynd_http_connections_rejected_total{cap=\"address\"}"), 1);

  // Once one of the four closes, the address may connect again.
  held.front().close();
  for (int i = 0; i < 100 && server.metric("fynd_http_connections_open") > 4; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  RawConnection again(server.port());
  again.send(get("/health", true));
  EXPECT_EQ(again.response().status, 200);
}

TEST_F(TransportTest, TotalCapAnswers503) {
  http::ConnectionLimits limits;
  limits.max_connections = 3;
  RunningServer server(db_, limits);
  std::vector<RawConnection> held;
  for (const char* source : {"127.0.0.3", "127.0.0.4", "127.0.0.5"}) {
    held.emplace_back(server.port(), source);
    ASSERT_TRUE(held.back().send("GET /health HTTP/1.1\r\n"));
  }
  // The three are accepted in the background: ask until the cap is in force.
  HttpReply r;
  for (int attempt = 0; attempt < 100 && r.status != 503; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    RawConnection over(server.port(), "127.0.0.6");
    over.send(get("/health", true));
    r = over.response();
  }
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "too_many_connections") << r.body;
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("3 open connections"), std::string::npos) << r.body;
  // The held ones still wait for the rest of their heads.
  EXPECT_TRUE(held[0].send("\r\n"));
  EXPECT_EQ(held[0].response().status, 200);
}

TEST_F(TransportTest, SlowlorisIsCutAtTheHeaderDeadline) {
  http::ConnectionLimits limits;
  limits.header_timeout_ms = 1500;
  RunningServer server(db_, limits);
  RawConnection slow(server.port());
  const std::string request = get("/health");
  auto start = Clock::now();
  std::size_t sent = 0;
  bool answered = false;
  while (sent < request.size() && seconds_since(start) < 10) {
    if (!slow.send(request.substr(sent, 1))) break;  // one byte a second
    ++sent;
    if (slow.wait_readable(1000)) {
      answered = true;
      break;
    }
  }
  double took = seconds_since(start);
  ASSERT_TRUE(answered) << "no answer after " << sent << " bytes";
  HttpReply r = slow.response();
  EXPECT_EQ(r.status, 408) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "request_timeout") << r.body;
  EXPECT_LT(sent, request.size());
  EXPECT_GE(took, 1.4);
  EXPECT_LT(took, 3.5);
  EXPECT_TRUE(slow.closed_by_server(3000));

  // A client that sends its whole head at once is not affected.
  RawConnection quick(server.port());
  quick.send(request);
  EXPECT_EQ(quick.response().status, 200);
}

TEST_F(TransportTest, SlowBodyIsCutAtTheBodyDeadline) {
  http::ConnectionLimits limits;
  limits.body_timeout_ms = 800;
  RunningServer server(db_, limits);
  RawConnection c(server.port());
  auto start = Clock::now();
  ASSERT_TRUE(c.send("POST /api/similar HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                     "Content-Length: 40\r\n\r\n{\"text\":"));
  HttpReply r = c.response(5000);
  double took = seconds_since(start);
  EXPECT_EQ(r.status, 408) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "request_timeout") << r.body;
  EXPECT_GE(took, 0.7);
  EXPECT_LT(took, 3.0);

  // The same body sent in two parts within the deadline is answered.
  RawConnection ok(server.port());
  const std::string body = R"({"text":"bredband till byar på landsbygden"})";
  ASSERT_TRUE(ok.send("POST /api/similar HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10)));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(ok.send(body.substr(10)));
  HttpReply answer = ok.response();
  EXPECT_EQ(answer.status, 200) << answer.body;
}

TEST_F(TransportTest, KeepAliveConnectionEndsAfterMaxRequests) {
  http::ConnectionLimits limits;
  limits.max_requests_per_connection = 3;
  RunningServer server(db_, limits);
  RawConnection c(server.port());
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(c.send(get("/health"))) << "request " << i;
    HttpReply r = c.response();
    ASSERT_EQ(r.status, 200) << "request " << i;
    if (i < 3) {
      EXPECT_NE(r.header("connection"), "close") << "request " << i;
      EXPECT_NE(r.header("keep-alive").find("max=3"), std::string::npos) << r.header("keep-alive");
    } else {
      EXPECT_EQ(r.header("connection"), "close");
    }
  }
  EXPECT_TRUE(c.closed_by_server(3000));
}

TEST_F(TransportTest, IdleKeepAliveConnectionIsClosed) {
  http::ConnectionLimits limits;
  limits.idle_timeout_ms = 600;
  RunningServer server(db_, limits);
  RawConnection c(server.port());
  ASSERT_TRUE(c.send(get("/health")));
  ASSERT_EQ(c.response().status, 200);
  auto start = Clock::now();
  EXPECT_TRUE(c.closed_by_server(5000));
  double took = seconds_since(start);
  EXPECT_GE(took, 0.5);
  EXPECT_LT(took, 3.0);
}

TEST_F(TransportTest, PipelinedRequestsAreAnsweredInOrder) {
  RunningServer server(db_, {});
  RawConnection c(server.port());
  ASSERT_TRUE(c.send(get("/api/projects/nope") + get("/health") + get("/api/nothing", true)));
  EXPECT_EQ(c.response().status, 404);
  EXPECT_EQ(c.response().status, 200);
  HttpReply last = c.response();
  EXPECT_EQ(last.status, 404);
  EXPECT_EQ(last.json()["error"]["code"], "not_found");
  EXPECT_TRUE(c.closed_by_server(3000));
}

TEST_F(TransportTest, HeadTooLargeIs431) {
  http::ConnectionLimits limits;
  limits.max_header_bytes = 4096;
  RunningServer server(db_, limits);
  RawConnection c(server.port());
  c.send("GET /health HTTP/1.1\r\nHost: a\r\nX-Filler: " + std::string(8000, 'a') + "\r\n\r\n");
  HttpReply r = c.response();
  EXPECT_EQ(r.status, 431) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "headers_too_large") << r.body;
}

}  // namespace
}  // namespace fynd::test
