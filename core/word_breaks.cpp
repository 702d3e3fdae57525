#include "word_breaks.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>

#include "error.h"

namespace fynd {
namespace {

icu::BreakIterator& word_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale("sv", "SE"), status));
    if (U_FAILURE(status) || !b) throw Error(ErrorCode::Internal, "ICU word break iterator unavailable");
    return b;
  }();
  return *it;
}

/// Word_Break classes of the code points up to U+00FF: UAX #29 as ICU has it, where ':'
/// is MidLetter in the Swedish and Finnish rules ("EU:s" is one word) and '@' is a letter
/// ("info@region.se" is one word).
enum class Wb : std::uint8_t {
  Other,
  Letter,    // ALetter, '@'
  Digit,     // Numeric
  MidLetter, // ':' U+00B7
  MidBoth,   // '.' '\'' (MidNumLet, Single_Quote)
  MidNum,    // ',' ';'
  Unhandled, // '_' (ExtendNumLet), U+00AD (Format): left to ICU
};

constexpr Wb wb_class(unsigned c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') return Wb::Letter;
  if (c >= '0' && c <= '9') return Wb::Digit;
  switch (c) {
    case ':': case 0xB7: return Wb::MidLetter;
    case '.': case '\'': return Wb::MidBoth;
    case ',': case ';': return Wb::MidNum;
    case '_': case 0xAD: return Wb::Unhandled;
    case 0xAA: case 0xB5: case 0xBA: return Wb::Letter;
    default: break;
  }
  if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) return Wb::Letter;
  return Wb::Other;
}

struct ClassTable {
  Wb cls[256];
  constexpr ClassTable() : cls() {
    for (unsigned c = 0; c < 256; ++c) cls[c] = wb_class(c);
  }
};
constexpr ClassTable kClasses;

bool word_class(Wb c) { return c == Wb::Letter || c == Wb::Digit; }

}  // namespace

std::vector<TextSpan> WordBreaks::icu(std::string_view text) {
  std::vector<TextSpan> out;
  const icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // UTF-16 offsets back to UTF-8 byte offsets.
  std::vector<std::size_t> byte_at(static_cast<std::size_t>(u.length()) + 1, text.size());
  {
    std::size_t b = 0;
    for (int32_t i = 0; i < u.length();) {
      const UChar32 c = u.char32At(i);
      const int32_t n16 = U16_LENGTH(c);
      byte_at[static_cast<std::size_t>(i)] = b;
      if (n16 == 2) byte_at[static_cast<std::size_t>(i) + 1] = b;
      b += static_cast<std::size_t>(U8_LENGTH(c));
      i += n16;
    }
    byte_at[static_cast<std::size_t>(u.length())] = b;
  }
  icu::BreakIterator& bi = word_breaker();
  bi.setText(u);
  out.reserve(text.size() / 6 + 1);
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    if (bi.getRuleStatus() == UBRK_WORD_NONE) {
      if (end - start == 1) {
        const UChar c = u.charAt(start);
        if (c == u'/' || c == u'@' || c == u'-') out.push_back({byte_at[static_cast<std::size_t>(start)], byte_at[static_cast<std::size_t>(end)]});
      }
      continue;
    }
    out.push_back({byte_at[static_cast<std::size_t>(start)], byte_at[static_cast<std::size_t>(end)]});
  }
  return out;
}

bool WordBreaks::latin1(std::string_view text, std::vector<TextSpan>& out) {
  out.clear();
  // The classes of the code points and where each begins; the text is read once.
  struct Cp {
    std::uint32_t begin;
    Wb cls;
  };
  thread_local std::vector<Cp> cps;
  cps.clear();
  if (text.size() >= UINT32_MAX) return false;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char b = s[i];
    unsigned c;
    std::size_t len;
    if (b < 0x80) {
      c = b;
      len = 1;
    } else if ((b == 0xC2 || b == 0xC3) && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      c = ((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
      len = 2;
    } else {
      return false;  // beyond U+00FF, or not UTF-8
    }
    const Wb cls = kClasses.cls[c];
    if (cls == Wb::Unhandled) return false;
    cps.push_back({static_cast<std::uint32_t>(i), cls});
    i += len;
  }
  const std::size_t count = cps.size();
  auto begin_of = [&](std::size_t k) -> std::size_t { return k < count ? cps[k].begin : n; };
  auto cls_at = [&](std::size_t k) { return k < count ? cps[k].cls : Wb::Other; };
  out.reserve(n / 6 + 1);
  for (std::size_t k = 0; k < count;) {
    const Wb cls = cps[k].cls;
    if (!word_class(cls)) {
      const unsigned char c = s[cps[k].begin];
      if (c == '/' || c == '@' || c == '-') out.push_back({cps[k].begin, cps[k].begin + 1u});
      ++k;
      continue;
    }
    std::size_t j = k + 1;
    while (j < count) {
      const Wb here = cps[j].cls;
      if (word_class(here)) {
        ++j;
        continue;
      }
      // A middle character joins what is on both sides: letters (WB6, WB7) or digits
      // (WB11, WB12).
      const Wb before = cps[j - 1].cls;
      const Wb after = cls_at(j + 1);
      const bool letters = before == Wb::Letter && after == Wb::Letter && (here == Wb::MidLetter || here == Wb::MidBoth);
      const bool digits = before == Wb::Digit && after == Wb::Digit && (here == Wb::MidNum || here == Wb::MidBoth);
      if (!letters && !digits) break;
      j += 2;
    }
    out.push_back({cps[k].begin, begin_of(j)});
    k = j;
  }
  return true;
}

}  // namespace fynd
