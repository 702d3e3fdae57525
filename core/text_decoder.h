/** TextDecoder: turns a file's bytes in any common encoding into UTF-8 NFC text. */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fynd {

/// The result of decoding: UTF-8 NFC text, the encoding it was read as, and warnings.
struct DecodedText {
  std::string text;                   ///< UTF-8, NFC, without byte-order mark
  std::string encoding;               ///< "UTF-8", "UTF-16LE", "windows-1252", ...
  std::size_t replaced = 0;           ///< undecodable byte sequences replaced by U+FFFD
  std::vector<std::string> warnings;  ///< e.g. "3 undecodable byte sequences replaced"
};

/// Decodes text files. Valid UTF-8 (with or without BOM) is taken as is; UTF-16 with a
/// BOM is converted; anything else is identified with ICU's charset detector, preferring
/// windows-1252 where ICU says ISO-8859-1 (a superset for printable characters).
/// Undecodable bytes never throw: they become U+FFFD and are counted in a warning.
class TextDecoder {
 public:
  /// Decodes `bytes`; `file` only names the input in messages. Throws InputError
  /// "binary file" when the first KB holds NUL bytes and is not UTF-16.
  DecodedText decode(std::string_view bytes, std::string_view file = {}) const;

  /// True when `bytes` look binary: NUL bytes in the first KB and no UTF-16 pattern.
  static bool looks_binary(std::string_view bytes);

  /// Converts `bytes` from the named ICU charset to UTF-8 (not normalised);
  /// returns the number of replaced sequences in `replaced`.
  static std::string convert(std::string_view bytes, const char* charset, std::size_t& replaced);
};

}  // namespace fynd
