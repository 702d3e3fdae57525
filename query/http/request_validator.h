/** RequestValidator: checks a request's raw target and decoded text before routing. */
#pragma once

#include <string_view>

#include "http_lib.h"

namespace fynd::http {

/// cpp-httplib 0.11 decodes percent-escapes leniently: "%zz" and a lone "%" stay as they
/// are, "%u00e9" is decoded as a Unicode escape, and "%C0%AF" becomes bytes that are not
/// UTF-8. fynd is strict instead: every '%' must start a "%XX" escape, and the decoded
/// path, parameter names and values must be valid UTF-8 without control characters.
class RequestValidator {
 public:
  /// Throws ParameterError naming the parameter ("path" for the path) on a bad request.
  static void validate(const httplib::Request& req);
  /// True if every '%' in `raw` is followed by two hex digits.
  static bool valid_escapes(std::string_view raw);
  /// True if `s` is valid UTF-8 without C0 controls other than tab and newlines, or DEL.
  static bool clean_text(std::string_view s);
};

}  // namespace fynd::http
