/** Test helper: a stock xapian-tcpsrv serving one shard on a free loopback port, stopped by PID. */
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace fynd::test {

/// The xapian-tcpsrv found at configure time, or "" (tests that need it skip).
std::string tcpsrv_program();

/// Starts `xapian-tcpsrv --interface 127.0.0.1 --port P DB` in its own process group on a
/// free port and waits until it accepts connections. The destructor (and stop()) kill the
/// group by its PID, so its per-connection children go too; the server also dies with the
/// test process (PR_SET_PDEATHSIG) if the test crashes.
class TcpServer {
 public:
  /// Throws std::runtime_error if the server does not come up.
  explicit TcpServer(const std::filesystem::path& db);
  ~TcpServer();
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  unsigned port() const { return port_; }
  pid_t pid() const { return pid_; }
  /// "127.0.0.1:PORT"
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  void stop();

 private:
  pid_t pid_ = -1;
  unsigned port_ = 0;
};

/// A loopback port nothing listens on (bound and released).
unsigned free_port();

}  // namespace fynd::test
