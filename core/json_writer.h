/** JsonWriter: appends compact JSON to one string, escaped as nlohmann::json::dump() does. */
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fynd {

/// Writes JSON straight into a string, without building a tree first. Strings are written
/// as nlohmann::json::dump(-1, ' ', false, error_handler_t::replace) writes them: UTF-8 kept,
/// `"` `\` and control characters escaped, invalid UTF-8 replaced by U+FFFD; numbers too
/// (shortest round-trip doubles, "null" for NaN and infinity). Commas are placed by the
/// writer; the caller opens and closes objects and arrays and gives a key before each member.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// The key of the next object member.
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(bool b);
  void value(int n) { value(static_cast<std::int64_t>(n)); }
  void value(std::int64_t n);
  void value(std::uint64_t n);
  void value(std::uint32_t n) { value(static_cast<std::uint64_t>(n)); }
  void value(double d);
  void null();

  /// An array of strings or numbers.
  template <typename T>
  void array(const std::vector<T>& items) {
    begin_array();
    for (const T& item : items) value(item);
    end_array();
  }

  /// Appends `s` as a JSON string literal, quotes included.
  static void append_string(std::string& out, std::string_view s);

 private:
  void separate();

  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace fynd
