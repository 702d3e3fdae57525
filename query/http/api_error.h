/** ApiError: a request error carrying the HTTP-level code, status and the parameter at fault. */
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "error.h"

namespace fynd::http {

/// A request parameter is missing or invalid; rendered as 400 with `"parameter"` set.
class ParameterError : public QueryError {
 public:
  ParameterError(std::string parameter, const std::string& message)
      : QueryError(parameter + ": " + message), parameter_(std::move(parameter)) {}
  const std::string& parameter() const { return parameter_; }

 private:
  std::string parameter_;
};

/// Errors of the transport itself, which have no library ErrorCode: method not allowed,
/// body, URI or headers too large, a request too slow, too many connections. The code names appear in JSON error bodies.
struct TransportError {
  int status;
  std::string_view code;
};
inline constexpr TransportError kMethodNotAllowed{405, "method_not_allowed"};
inline constexpr TransportError kRequestTimeout{408, "request_timeout"};
inline constexpr TransportError kLengthRequired{411, "length_required"};
inline constexpr TransportError kPayloadTooLarge{413, "payload_too_large"};
inline constexpr TransportError kUriTooLong{414, "uri_too_long"};
inline constexpr TransportError kHeadersTooLarge{431, "headers_too_large"};
inline constexpr TransportError kTooManyConnections{503, "too_many_connections"};

/// The JSON error body {"error":{"code","message","parameter"?}}.
nlohmann::json error_body(std::string_view code, std::string_view message,
                          const std::optional<std::string>& parameter = std::nullopt);

}  // namespace fynd::http
