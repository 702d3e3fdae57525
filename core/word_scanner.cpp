#include "word_scanner.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "text.h"

namespace fynd {

namespace {

/// The character classes of the ASCII range, read from ICU once (so they are ICU's:
/// '^' and '`' are diacritics and count as word characters).
struct AsciiClasses {
  bool alnum[128];
  bool alpha[128];
  bool upper[128];
  AsciiClasses() {
    for (UChar32 c = 0; c < 128; ++c) {
      alnum[c] = u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_DIACRITIC);
      alpha[c] = u_isalpha(c);
      upper[c] = u_isupper(c);
    }
  }
};

}  // namespace

std::vector<Word> WordScanner::scan(std::string_view text) {
  static const AsciiClasses ascii;
  std::vector<Word> words;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  std::int32_t start = -1;
  bool first_upper = false;
  bool all_upper = true;
  bool has_letter = false;
  auto flush = [&](std::int32_t end) {
    if (start < 0) return;
    Word w;
    w.begin = static_cast<std::size_t>(start);
    w.end = static_cast<std::size_t>(end);
    w.folded = text::fold_case(text.substr(w.begin, w.end - w.begin));
    w.capitalised = first_upper;
    w.upper = has_letter && all_upper;
    words.push_back(std::move(w));
    start = -1;
  };
  while (i < length) {
    const std::int32_t at = i;
    UChar32 c = 0;
    bool alnum, alpha, upper;
    if (s[i] < 0x80) {
      c = s[i++];
      alnum = ascii.alnum[c];
      alpha = ascii.alpha[c];
      upper = ascii.upper[c];
    } else {
      U8_NEXT(s, i, length, c);
      alnum = c >= 0 && (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_DIACRITIC));
      alpha = alnum && u_isalpha(c);
      upper = alnum && u_isupper(c);
    }
    if (alnum) {
      if (start < 0) {
        start = at;
        first_upper = upper;
        all_upper = true;
        has_letter = false;
      }
      if (alpha) {
        has_letter = true;
        if (!upper) all_upper = false;
      }
    } else {
      flush(at);
    }
  }
  flush(length);
  return words;
}

}  // namespace fynd
