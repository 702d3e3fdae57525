#include "word_scanner.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "text.h"

namespace fynd {

std::vector<Word> WordScanner::scan(std::string_view text) {
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
    U8_NEXT(s, i, length, c);
    const bool alnum = c >= 0 && (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_DIACRITIC));
    if (alnum) {
      if (start < 0) {
        start = at;
        first_upper = u_isupper(c) != 0;
        all_upper = true;
        has_letter = false;
      }
      if (u_isalpha(c)) {
        has_letter = true;
        if (!u_isupper(c)) all_upper = false;
      }
    } else {
      flush(at);
    }
  }
  flush(length);
  return words;
}

}  // namespace fynd
