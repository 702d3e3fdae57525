// Fuzz target: the HTTP request checks and parameter parser on a raw query string
// ("q=...&funder=...&page=2"): RequestValidator::valid_escapes on the raw text, then the
// strictly percent-decoded parameters through RequestValidator::clean_text and
// RequestParser (search, facet list, integers); a first byte '{' instead makes the input
// a JSON filters object of a POST body (RequestParser::filters).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "api_error.h"
#include "fuzz_support.h"
#include "request_parser.h"
#include "request_validator.h"

namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// application/x-www-form-urlencoded decoding of an already escape-checked string.
std::string decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

void parse_params(const fynd::http::RequestParser& parser, std::string_view raw) {
  if (!fynd::http::RequestValidator::valid_escapes(raw)) return;
  fynd::http::Params params;
  while (!raw.empty()) {
    const auto amp = raw.find('&');
    const std::string_view pair = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view() : raw.substr(amp + 1);
    const auto eq = pair.find('=');
    std::string key = decode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1));
    if (!fynd::http::RequestValidator::clean_text(key) || !fynd::http::RequestValidator::clean_text(value)) return;
    params.emplace(std::move(key), std::move(value));
  }
  try {
    const fynd::SearchRequest request = parser.search(params);
    if (request.limit > parser.limits().max_page_size) fynd::fuzz::fail("page size above the limit");
    if (request.query.size() > parser.limits().max_query_chars * 4) fynd::fuzz::fail("query above the limit");
  } catch (const fynd::http::ParameterError&) {
  }
  try {
    (void)parser.facet_list(params, "facets");
    (void)parser.integer(params, "page", 1, 1000, 1);
    (void)parser.text(params, "text", parser.limits().max_text_chars);
    fynd::http::RequestParser::reject_unknown(params, {"q", "funder", "region", "year", "theme", "page", "size"});
  } catch (const fynd::http::ParameterError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fynd::http::RequestParser parser;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!input.empty() && input[0] == '{') {
    const nlohmann::json body = nlohmann::json::parse(input, nullptr, false);
    if (body.is_discarded()) return 0;
    fynd::SearchRequest request;
    try {
      parser.filters(body, request);
    } catch (const fynd::http::ParameterError&) {
    }
    return 0;
  }
  parse_params(parser, input);
  return 0;
}
