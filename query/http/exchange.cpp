#include "exchange.h"

#include "api_error.h"

namespace fynd::http {

nlohmann::json error_body(std::string_view code, std::string_view message,
                          const std::optional<std::string>& parameter) {
  nlohmann::json error{{"code", code}, {"message", message}};
  if (parameter) error["parameter"] = *parameter;
  return nlohmann::json{{"error", error}};
}

void Exchange::json(int status, const nlohmann::json& body) const {
  response.status = status;
  response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       "application/json; charset=utf-8");
}

void Exchange::json_text(int status, std::string body) const {
  response.status = status;
  response.body = std::move(body);
  response.headers.erase("Content-Type");
  response.set_header("Content-Type", "application/json; charset=utf-8");
}

void write_error(httplib::Response& res, int status, std::string_view code, std::string_view message,
                 const std::optional<std::string>& parameter) {
  res.status = status;
  res.set_content(error_body(code, message, parameter).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

}  // namespace fynd::http
