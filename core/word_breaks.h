/** WordBreaks: the word segments of a text, as ICU's Swedish word break iterator finds them. */
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace fynd {

/// A segment of a text by byte offsets.
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Word segmentation (UAX #29 with ICU's Swedish tailoring) for the Analyzer: the word
/// segments of a text and its single '/', '@' and '-' characters (which join words into
/// identifiers, e-mail addresses and hyphenated words), in order.
///
/// Most project text is ASCII and Latin-1 letters. For such text the rules that apply
/// (letters, '@' and digits together; '.', ':', '\'' and '·' between letters; '.', ',', ';'
/// and '\'' between digits) are applied directly to the UTF-8 bytes: the same segments
/// as ICU's iterator, without converting the text to UTF-16 and back. Anything else goes
/// to ICU.
class WordBreaks {
 public:
  /// The segments of valid NFC UTF-8 `text`, by ICU's word break iterator.
  static std::vector<TextSpan> icu(std::string_view text);

  /// The segments of `text` if it is valid UTF-8 of code points up to U+00FF other than
  /// U+00AD (soft hyphen) and '_' (the characters whose rules are not applied here), and
  /// true; otherwise false, with `out` left empty. Such text is NFC.
  static bool latin1(std::string_view text, std::vector<TextSpan>& out);
};

}  // namespace fynd
