/** parse_csv(): a strict RFC 4180 reader for tests of CSV output. */
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fynd::test {

/// Records of fields; quoted fields may hold , " CR LF. Throws std::runtime_error on a
/// quote inside an unquoted field, a bare line break, or a last record without CRLF.
inline std::vector<std::vector<std::string>> parse_csv(std::string_view s) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  std::size_t i = 0;
  bool quoted = false;
  bool at_field_start = true;
  while (i < s.size()) {
    const char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c == '"') {
        quoted = false;
        ++i;
        continue;
      }
      field += c;
      ++i;
      continue;
    }
    if (c == '"' && at_field_start) {
      quoted = true;
      at_field_start = false;
      ++i;
      continue;
    }
    if (c == '"') throw std::runtime_error("quote inside an unquoted field at byte " + std::to_string(i));
    if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      at_field_start = true;
      ++i;
      continue;
    }
    if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      at_field_start = true;
      i += 2;
      continue;
    }
    if (c == '\n' || c == '\r') throw std::runtime_error("bare line break outside quotes at byte " + std::to_string(i));
    field += c;
    at_field_start = false;
    ++i;
  }
  if (quoted) throw std::runtime_error("unterminated quoted field");
  if (!field.empty() || !record.empty()) throw std::runtime_error("last record does not end in CRLF");
  return records;
}

}  // namespace fynd::test
