/** Server: fynd-serve's HTTP front: the Transport's connections, cpp-httplib's request processing, the route table and the Service. */
#pragma once

#include <filesystem>
#include <memory>

#include "server_options.h"

namespace fynd::http {

/// Binds, serves and stops. Every response to a failed request is a JSON error body.
class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the listening socket; with options.port == 0 picks a free port. Returns the port.
  /// Throws fynd::Error (BadUsage) if the address cannot be bound.
  int bind();
  /// Serves until stop() (from any thread). Binds first if bind() was not called.
  void listen();
  /// Stops listening and lets running requests finish; safe to call more than once.
  void stop();
  /// True once listen() accepts connections.
  bool is_running() const;
  int port() const { return port_; }

  /// The installed page beside the binary (`<prefix>/share/fynd/web`), or empty when there
  /// is none: then the copy of web/ compiled into the binary is served.
  static std::filesystem::path default_web_dir();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace fynd::http
