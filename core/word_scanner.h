/** WordScanner: splits text into words with byte offsets and case-folded forms, for matching. */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fynd {

/// One word of a text: letters and digits (hyphens, '+', ':' and punctuation split words).
struct Word {
  std::string folded;       ///< NFKC case-folded ("jönköpings")
  std::size_t begin = 0;    ///< byte offset in the scanned text
  std::size_t end = 0;      ///< one past the last byte
  bool capitalised = false; ///< first letter is upper case
  bool upper = false;       ///< every letter is upper case ("ESF")
};

/// Word splitting for the extractor's gazetteer matching. Unlike the Analyzer it keeps
/// case information and splits at every non-alphanumeric code point, so "ESF-stöd" is
/// the two words "esf" and "stöd".
class WordScanner {
 public:
  static std::vector<Word> scan(std::string_view text);
};

}  // namespace fynd
