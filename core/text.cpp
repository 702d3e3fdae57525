#include "text.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>
#include <mutex>
#include <vector>

#include "error.h"

namespace fynd::text {
namespace {

const icu::Normalizer2& normalizer(const char* name, UNormalization2Mode mode) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getInstance(nullptr, name, mode, status);
  if (U_FAILURE(status) || n == nullptr) {
    throw Error(ErrorCode::Internal, std::string("ICU normaliser unavailable: ") + name);
  }
  return *n;
}

std::string apply(const icu::Normalizer2& n, std::string_view utf8) {
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = n.normalize(in, status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string result;
  out.toUTF8String(result);
  return result;
}

/// True if `utf8` is well-formed UTF-8 of code points below U+0300 only (ASCII and the
/// lead bytes C2..CB, each with one continuation byte). Every such code point has
/// NFC_Quick_Check=Yes and combining class 0 (the combining marks start at U+0300), so
/// such text is NFC as it stands (tests/core/text_fold_test.cpp checks it against ICU).
bool below_combining_marks(std::string_view utf8) {
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char b = s[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (b < 0xC2 || b >= 0xCC || i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return false;
    i += 2;
  }
  return true;
}

}  // namespace

std::string nfc(std::string_view utf8) {
  // Nearly all project text is Latin-1 letters: no ICU round trip through UTF-16 for it.
  if (below_combining_marks(utf8)) return std::string(utf8);
  return apply(normalizer("nfc", UNORM2_COMPOSE), utf8);
}

namespace {

/// The second byte of a two-byte letter C3 xx that fold_case's Latin-1 path folds on its
/// bytes: U+00C0..U+00FF but ß (folds to "ss"), × and ÷.
bool latin1_letter_byte(unsigned char v) { return v >= 0x80 && v <= 0xBF && v != 0x9F && v != 0x97 && v != 0xB7; }

}  // namespace

std::string fold_case(std::string_view utf8) {
  // Fast path for plain lowercase ASCII, the most common token.
  bool ascii_lower = true;
  for (char c : utf8) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= 'A' && u <= 'Z')) {
      ascii_lower = false;
      break;
    }
  }
  if (ascii_lower) return std::string(utf8);
  // Second fast path, for Swedish words: ASCII and the precomposed letters U+00C0..U+00FF
  // (UTF-8 C3 80..C3 BF) other than ß (folds to "ss"), × and ÷. NFKC_Casefold maps those
  // upper-case letters to their lower-case forms, 0x20 further on, and leaves the rest as
  // they are, so the result is ICU's (tests/core/text_fold_test.cpp checks every such
  // letter and mixed words against ICU).
  std::string out(utf8);
  bool latin1 = true;
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto u = static_cast<unsigned char>(out[i]);
    if (u < 0x80) {
      if (u >= 'A' && u <= 'Z') out[i] = static_cast<char>(u + 0x20);
      continue;
    }
    if (u != 0xC3 || i + 1 >= out.size()) {
      latin1 = false;
      break;
    }
    auto v = static_cast<unsigned char>(out[i + 1]);
    if (!latin1_letter_byte(v)) {
      latin1 = false;
      break;
    }
    if (v <= 0x9E) out[i + 1] = static_cast<char>(v + 0x20);
    ++i;
  }
  if (latin1) return out;
  return apply(normalizer("nfkc_cf", UNORM2_COMPOSE), utf8);
}

bool fold_case_is_local(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto u = static_cast<unsigned char>(utf8[i]);
    if (u < 0x80) continue;
    if (u != 0xC3 || i + 1 >= utf8.size()) return false;
    if (!latin1_letter_byte(static_cast<unsigned char>(utf8[i + 1]))) return false;
    ++i;
  }
  return true;
}

std::string strip_diacritics(std::string_view utf8) {
  bool ascii = true;
  for (char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return std::string(utf8);
  // Decompose, drop combining marks (general category Mn), recompose.
  const icu::Normalizer2& nfd = normalizer("nfc", UNORM2_DECOMPOSE);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString d = nfd.normalize(in, status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
    i += U16_LENGTH(c);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

bool is_valid_utf8(std::string_view bytes) {
  int32_t i = 0;
  const auto len = static_cast<int32_t>(bytes.size());
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  auto is_space_at_front = [&](std::size_t& skip) {
    if (s.empty()) return false;
    unsigned char c = static_cast<unsigned char>(s.front());
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') { skip = 1; return true; }
    if (s.size() >= 2 && c == 0xC2 && static_cast<unsigned char>(s[1]) == 0xA0) { skip = 2; return true; }  // NBSP
    if (s.size() >= 3 && c == 0xE2 && static_cast<unsigned char>(s[1]) == 0x80 &&
        (static_cast<unsigned char>(s[2]) == 0x8B || static_cast<unsigned char>(s[2]) == 0xAF)) { skip = 3; return true; }
    if (s.size() >= 3 && c == 0xEF && static_cast<unsigned char>(s[1]) == 0xBB && static_cast<unsigned char>(s[2]) == 0xBF) { skip = 3; return true; }  // BOM
    return false;
  };
  std::size_t skip = 0;
  while (is_space_at_front(skip)) s.remove_prefix(skip);
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') { s.remove_suffix(1); continue; }
    if (s.size() >= 2 && c == 0xA0 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2) { s.remove_suffix(2); continue; }
    break;
  }
  return s;
}

std::string squash_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : trim(s)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::u32string to_u32(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  std::u32string out;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

std::size_t length(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::vector<std::string> diacritic_respellings(std::string_view word, std::size_t limit) {
  struct Choice {
    std::size_t at;
    std::vector<std::string_view> letters;
  };
  std::vector<Choice> choices;
  std::size_t combinations = 1;
  for (std::size_t i = 0; i < word.size(); ++i) {
    switch (word[i]) {
      case 'a': choices.push_back({i, {"a", "å", "ä"}}); combinations *= 3; break;
      case 'o': choices.push_back({i, {"o", "ö"}}); combinations *= 2; break;
      case 'e': choices.push_back({i, {"e", "é"}}); combinations *= 2; break;
      case 'u': choices.push_back({i, {"u", "ü"}}); combinations *= 2; break;
      default: break;
    }
    if (combinations > limit) return {};
  }
  std::vector<std::string> out;
  out.reserve(combinations - 1);
  for (std::size_t n = 1; n < combinations; ++n) {  // n == 0 is the word as typed
    std::string spelling;
    std::size_t from = 0;
    std::size_t code = n;
    for (const Choice& c : choices) {
      spelling.append(word.substr(from, c.at - from));
      spelling.append(c.letters[code % c.letters.size()]);
      code /= c.letters.size();
      from = c.at + 1;
    }
    spelling.append(word.substr(from));
    out.push_back(std::move(spelling));
  }
  return out;
}

std::string_view prefix_bytes(std::string_view utf8, std::size_t max_bytes) {
  if (utf8.size() <= max_bytes) return utf8;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(utf8[cut]) & 0xC0) == 0x80) --cut;
  return utf8.substr(0, cut);
}

}  // namespace fynd::text
