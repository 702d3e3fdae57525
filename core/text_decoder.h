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
  std::size_t dropped = 0;            ///< NUL and other control characters removed
  std::vector<std::string> warnings;  ///< e.g. "3 undecodable byte sequences replaced"
};

/// Decodes text files. Valid UTF-8 (with or without BOM) is taken as is, and so is UTF-8
/// with a few damaged sequences (they become U+FFFD); UTF-16 with a BOM, or recognisable
/// by its NUL pattern, is converted; only text that is not plausibly UTF-8 is identified
/// with ICU's charset detector, preferring windows-1252 where ICU says ISO-8859-1 (a
/// superset for printable characters). NUL and other control characters (all but tab,
/// newline, form feed, carriage return) are dropped. Undecodable bytes never throw: they
/// become U+FFFD; replacements and drops are counted in warnings.
class TextDecoder {
 public:
  /// Decodes `bytes`; `file` only names the input in messages. Throws InputError
  /// "binary file" when looks_binary() says so.
  DecodedText decode(std::string_view bytes, std::string_view file = {}) const;

  /// True when `bytes` look binary: a known binary signature (PNG, JPEG, GIF, ZIP, ELF,
  /// gzip, bzip2, OLE), or, apart from NUL bytes and unless they are UTF-16, more than 5 %
  /// control bytes, or more than 30 % high bytes that are not UTF-8 (first 64 KB); a file
  /// of NULs only is binary too.
  static bool looks_binary(std::string_view bytes);

  /// Converts `bytes` from the named ICU charset to UTF-8 (not normalised);
  /// returns the number of replaced sequences in `replaced`.
  static std::string convert(std::string_view bytes, const char* charset, std::size_t& replaced);
};

}  // namespace fynd
