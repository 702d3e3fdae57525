#include "request_framing.h"

#include <cctype>
#include <charconv>

namespace fynd::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool valid_request_line(std::string_view line) {
  std::size_t sp1 = line.find(' ');
  if (sp1 == 0 || sp1 == std::string_view::npos) return false;
  std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 == sp1 + 1) return false;
  std::string_view version = line.substr(sp2 + 1);
  return version.size() == 8 && version.substr(0, 5) == "HTTP/";
}

bool contains_token(std::string_view value, std::string_view token) {
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    if (iequals(trim(value.substr(start, comma - start)), token)) return true;
    start = comma + 1;
  }
  return false;
}

}  // namespace

bool has_request_line(std::string_view buffer) { return buffer.find("\r\n") != std::string_view::npos; }

std::optional<RequestHead> find_request_head(std::string_view buffer) {
  std::size_t start = 0;
  while (buffer.substr(start, 2) == "\r\n") start += 2;
  std::size_t end = buffer.find("\r\n\r\n", start);
  if (end == std::string_view::npos) return std::nullopt;
  RequestHead head;
  head.bytes = end + 4;
  std::string_view lines = buffer.substr(start, end + 2 - start);
  std::size_t eol = lines.find("\r\n");
  head.valid_request_line = valid_request_line(lines.substr(0, eol));
  for (std::size_t pos = eol + 2; pos < lines.size();) {
    std::size_t next = lines.find("\r\n", pos);
    std::string_view line = lines.substr(pos, next - pos);
    pos = next + 2;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "Content-Length") && !head.content_length) {
      std::size_t n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec == std::errc() && p == value.data() + value.size() && !value.empty()) head.content_length = n;
    } else if (iequals(name, "Transfer-Encoding") && contains_token(value, "chunked")) {
      head.chunked = true;
    }
  }
  return head;
}

std::optional<std::size_t> chunked_body_length(std::string_view body) {
  std::size_t pos = 0;
  for (;;) {
    std::size_t eol = body.find("\r\n", pos);
    if (eol == std::string_view::npos) return std::nullopt;
    std::string_view size_text = body.substr(pos, eol - pos);
    size_text = trim(size_text.substr(0, size_text.find(';')));
    std::size_t size = 0;
    auto [p, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
    if (ec != std::errc() || p != size_text.data() + size_text.size() || size_text.empty()) return eol + 2;
    pos = eol + 2;
    if (size == 0) {
      // Trailer lines, then the blank line.
      for (;;) {
        std::size_t line_end = body.find("\r\n", pos);
        if (line_end == std::string_view::npos) return std::nullopt;
        bool blank = line_end == pos;
        pos = line_end + 2;
        if (blank) return pos;
      }
    }
    if (size > body.size() || body.size() - pos < size + 2) return std::nullopt;
    pos += size + 2;
  }
}

}  // namespace fynd::http
