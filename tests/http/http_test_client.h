/** HttpTestClient: a minimal raw-socket HTTP/1.1 client, able to send malformed requests. */
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace fynd::test {

struct HttpReply {
  int status = 0;                              ///< 0 if the connection failed
  std::multimap<std::string, std::string> headers;  ///< names lower-cased
  std::string body;

  std::string header(const std::string& lower_name) const;
  /// The body parsed as JSON (discarded value if it is not JSON).
  nlohmann::json json() const;
};

/// Sends requests to 127.0.0.1:port, one connection each ("Connection: close").
class HttpTestClient {
 public:
  explicit HttpTestClient(int port) : port_(port) {}

  HttpReply get(const std::string& target, const std::map<std::string, std::string>& headers = {}) const;
  HttpReply post(const std::string& target, const std::string& body,
                 const std::string& content_type = "application/json") const;
  HttpReply request(const std::string& method, const std::string& target, const std::string& body = {},
                    const std::map<std::string, std::string>& headers = {}) const;
  /// Sends bytes as they are and parses whatever comes back.
  HttpReply raw(const std::string& bytes) const;

 private:
  int port_;
};

/// Percent-encodes a query-string value (UTF-8 bytes).
std::string url_encode(const std::string& s);

}  // namespace fynd::test
