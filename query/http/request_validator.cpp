#include "request_validator.h"

#include <cctype>
#include <string>

#include "api_error.h"
#include "text.h"

namespace fynd::http {

bool RequestValidator::valid_escapes(std::string_view raw) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '%') continue;
    if (i + 2 >= raw.size()) return false;
    if (!std::isxdigit(static_cast<unsigned char>(raw[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(raw[i + 2]))) {
      return false;
    }
    i += 2;
  }
  return true;
}

bool RequestValidator::clean_text(std::string_view s) {
  if (!text::is_valid_utf8(s)) return false;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f) return false;
  }
  return true;
}

void RequestValidator::validate(const httplib::Request& req) {
  std::string_view target = req.target;
  std::size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  if (!valid_escapes(raw_path)) throw ParameterError("path", "malformed percent-encoding");
  if (!clean_text(req.path)) throw ParameterError("path", "not valid UTF-8 text");
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    std::size_t start = 0;
    while (start <= query.size()) {
      std::size_t amp = query.find('&', start);
      if (amp == std::string_view::npos) amp = query.size();
      std::string_view pair = query.substr(start, amp - start);
      start = amp + 1;
      if (!valid_escapes(pair)) {
        std::string_view key = pair.substr(0, pair.find('='));
        bool plain_key = valid_escapes(key) && text::is_valid_utf8(key) && !key.empty() && key.size() <= 40;
        throw ParameterError(plain_key ? std::string(key) : "query", "malformed percent-encoding");
      }
    }
  }
  for (const auto& [key, value] : req.params) {
    if (!clean_text(key)) throw ParameterError("query", "a parameter name is not valid UTF-8 text");
    if (!clean_text(value)) throw ParameterError(key, "not valid UTF-8 text");
  }
}

}  // namespace fynd::http
