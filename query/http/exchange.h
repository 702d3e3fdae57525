/** Exchange: one request, its response and the route's path parameters, as handlers see them. */
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "http_lib.h"
#include "request_parser.h"
#include "service.h"

namespace fynd::http {

struct Exchange {
  const httplib::Request& request;
  httplib::Response& response;
  Service& service;
  std::map<std::string, std::string> path;  ///< {name} segments of the route pattern

  /// The decoded query-string parameters.
  const Params& params() const { return request.params; }
  /// Writes a JSON body with a status.
  void json(int status, const nlohmann::json& body) const;
  /// Writes a body that is already JSON text with a status.
  void json_text(int status, std::string body) const;
};

/// Writes the error body {"error":{"code","message","parameter"?}} with a status.
void write_error(httplib::Response& res, int status, std::string_view code, std::string_view message,
                 const std::optional<std::string>& parameter = std::nullopt);

}  // namespace fynd::http
