#include "text_decoder.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include "error.h"
#include "text.h"

namespace fynd {
namespace {

constexpr std::size_t kSniffBytes = 1024;
/// How much of a file looks_binary and the UTF-8 check sample.
constexpr std::size_t kCensusBytes = 64 * 1024;

/// Which 16-bit byte order the NUL bytes of `head` suggest, if any.
enum class Utf16Guess { None, LittleEndian, BigEndian };

Utf16Guess guess_utf16(std::string_view head) {
  std::size_t even_nul = 0;
  std::size_t odd_nul = 0;
  const std::size_t n = std::min(head.size(), kSniffBytes) & ~std::size_t{1};
  if (n < 4) return Utf16Guess::None;
  for (std::size_t i = 0; i < n; ++i) {
    if (head[i] != '\0') continue;
    if (i % 2 == 0) {
      ++even_nul;
    } else {
      ++odd_nul;
    }
  }
  const std::size_t pairs = n / 2;
  // Mostly-ASCII UTF-16 has a NUL in (nearly) every pair, always on the same side.
  if (odd_nul * 10 >= pairs * 6 && even_nul * 20 <= pairs) return Utf16Guess::LittleEndian;
  if (even_nul * 10 >= pairs * 6 && odd_nul * 20 <= pairs) return Utf16Guess::BigEndian;
  return Utf16Guess::None;
}

/// ICU to-Unicode callback: every undecodable sequence becomes one U+FFFD and is counted.
void count_and_replace(const void* context, UConverterToUnicodeArgs* args, const char* /*units*/,
                       int32_t /*length*/, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
  auto* counter = static_cast<std::size_t*>(const_cast<void*>(context));
  ++*counter;
  static const UChar kReplacement = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

/// Charsets a Swedish document is plausibly written in; ICU's other guesses on short
/// Latin text (IBM420, Shift_JIS, ...) are noise.
bool plausible_charset(std::string_view name) {
  static constexpr std::array<std::string_view, 9> kPlausible = {
      "UTF-8",      "UTF-16LE",   "UTF-16BE",     "UTF-32LE",    "UTF-32BE",
      "ISO-8859-1", "windows-1252", "ISO-8859-2", "windows-1250"};
  return std::find(kPlausible.begin(), kPlausible.end(), name) != kPlausible.end();
}

/// The charset ICU's detector finds most likely among the plausible ones.
std::string detect_charset(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&err));
  if (U_FAILURE(err)) return "windows-1252";
  const auto len = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20));
  ucsdet_setText(det.get(), bytes.data(), len, &err);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &found, &err);
  if (U_FAILURE(err) || matches == nullptr) return "windows-1252";
  for (int32_t i = 0; i < found; ++i) {
    UErrorCode e = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &e);
    if (U_FAILURE(e) || name == nullptr || !plausible_charset(name)) continue;
    std::string chosen(name);
    // windows-1252 agrees with ISO-8859-1 on every printable Latin-1 character and adds
    // the quotes, dashes and euro sign Word documents are full of.
    if (chosen == "ISO-8859-1") chosen = "windows-1252";
    if (chosen == "ISO-8859-2") chosen = "windows-1250";
    return chosen;
  }
  return "windows-1252";
}

/// Byte classes of a sample, for telling text from binary and UTF-8 from legacy charsets.
struct ByteCensus {
  std::size_t total = 0;
  std::size_t nul = 0;
  std::size_t control = 0;        ///< C0 controls other than \t \n \f \r, and DEL; not NUL
  std::size_t high = 0;           ///< bytes >= 0x80
  std::size_t utf8_multibyte = 0; ///< well-formed UTF-8 sequences of 2-4 bytes
  std::size_t utf8_invalid = 0;   ///< ill-formed UTF-8 sequences
};

bool is_dropped_control(unsigned char b) {
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r') || b == 0x7F;
}

ByteCensus census(std::string_view bytes) {
  ByteCensus c;
  c.total = bytes.size();
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto len = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < len) {
    const uint8_t b = s[i];
    if (b < 0x80) {
      if (b == 0) {
        ++c.nul;
      } else if (is_dropped_control(b)) {
        ++c.control;
      }
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 cp;
    U8_NEXT(s, i, len, cp);
    c.high += static_cast<std::size_t>(i - start);
    if (cp < 0) {
      ++c.utf8_invalid;
    } else {
      ++c.utf8_multibyte;
    }
  }
  return c;
}

/// UTF-8 with at most a few damaged sequences: at least four well-formed multi-byte
/// sequences for each ill-formed one. Text in a single-byte charset almost never holds a
/// well-formed UTF-8 sequence (it would need e.g. "Ã" followed by a C1 punctuation mark).
bool plausibly_utf8(const ByteCensus& c) {
  return c.utf8_invalid == 0 || (c.utf8_multibyte > 0 && c.utf8_invalid * 4 <= c.utf8_multibyte);
}

/// Signatures of common binary formats that can start with printable bytes.
bool has_binary_magic(std::string_view head) {
  static constexpr std::array<std::string_view, 9> kMagic = {
      "\x89PNG",        "GIF87a", "GIF89a", "\xFF\xD8\xFF", "PK\x03\x04",
      "\x7F" "ELF",     "\x1F\x8B", "BZh",   "\xD0\xCF\x11\xE0"};
  return std::any_of(kMagic.begin(), kMagic.end(), [&](std::string_view m) { return head.substr(0, m.size()) == m; });
}

/// Removes NUL and other control bytes (keeping tab, newline, form feed and carriage
/// return) from UTF-8 or single-byte text; returns how many were removed. Control bytes
/// never occur inside a multi-byte UTF-8 sequence, so this is safe on UTF-8.
std::size_t drop_control_bytes(std::string& s) {
  const auto before = s.size();
  s.erase(std::remove_if(s.begin(), s.end(), [](char ch) { return is_dropped_control(static_cast<unsigned char>(ch)); }),
          s.end());
  return before - s.size();
}

}  // namespace

std::string TextDecoder::convert(std::string_view bytes, const char* charset, std::size_t& replaced) {
  replaced = 0;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset, &err));
  if (U_FAILURE(err)) throw InputError(std::string("unknown character set ") + charset);
  ucnv_setToUCallBack(conv.get(), count_and_replace, &replaced, nullptr, nullptr, &err);
  if (U_FAILURE(err)) throw InputError(std::string("cannot convert from ") + charset);

  std::u16string out;
  out.resize(bytes.size() * 2 + 16);
  UChar* target = reinterpret_cast<UChar*>(out.data());
  const char* source = bytes.data();
  const char* const source_end = bytes.data() + bytes.size();
  for (;;) {
    UChar* const target_end = reinterpret_cast<UChar*>(out.data()) + out.size();
    err = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, target_end, &source, source_end, nullptr, true, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR) break;
    const std::ptrdiff_t used = target - reinterpret_cast<UChar*>(out.data());
    out.resize(out.size() * 2);
    target = reinterpret_cast<UChar*>(out.data()) + used;
  }
  if (U_FAILURE(err)) throw InputError(std::string("cannot convert from ") + charset + ": " + u_errorName(err));
  out.resize(static_cast<std::size_t>(target - reinterpret_cast<UChar*>(out.data())));

  icu::UnicodeString ustr(reinterpret_cast<const UChar*>(out.data()), static_cast<int32_t>(out.size()));
  std::string utf8;
  ustr.toUTF8String(utf8);
  return utf8;
}

namespace {

/// looks_binary() on a census of the first kCensusBytes of `bytes` already taken.
bool binary_by_census(std::string_view bytes, const ByteCensus& c) {
  const std::string_view head = bytes.substr(0, kSniffBytes);
  if (has_binary_magic(head)) return true;
  if (head.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(head[0]);
    const auto b1 = static_cast<unsigned char>(head[1]);
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) return false;
  }
  if (guess_utf16(head) != Utf16Guess::None) return false;
  // Judge the bytes that are not NUL: a run of NULs inside a text file (a damaged copy, a
  // padded export) does not make it binary, but control bytes or mostly high bytes that
  // are not UTF-8 among the rest do (random bytes are ~12 % controls, ~50 % high).
  const std::size_t rest = c.total - c.nul;
  if (rest == 0) return c.nul > 0;
  if (c.control * 20 > rest) return true;
  return !plausibly_utf8(c) && c.high * 10 > rest * 3;
}

}  // namespace

bool TextDecoder::looks_binary(std::string_view bytes) {
  return binary_by_census(bytes, census(bytes.substr(0, kCensusBytes)));
}

DecodedText TextDecoder::decode(std::string_view bytes, std::string_view file) const {
  DecodedText out;
  const std::string name = file.empty() ? std::string("input") : std::string(file);
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };

  std::string cleaned;       // the bytes without NUL/control bytes, when there were any
  std::size_t dropped = 0;   // NUL and control characters removed
  if (bytes.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
    bytes.remove_prefix(3);
    out.encoding = "UTF-8";
  } else if (bytes.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) {
    out.encoding = "UTF-16LE";
    bytes.remove_prefix(2);
  } else if (bytes.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) {
    out.encoding = "UTF-16BE";
    bytes.remove_prefix(2);
  } else if (const Utf16Guess g = bytes.substr(0, kSniffBytes).find('\0') != std::string_view::npos
                                      ? guess_utf16(bytes)
                                      : Utf16Guess::None;
             g != Utf16Guess::None) {
    out.encoding = g == Utf16Guess::LittleEndian ? "UTF-16LE" : "UTF-16BE";
  }
  // Single-byte and UTF-8 text: one census of the bytes (of the first kCensusBytes too,
  // for the binary check, when that is all there is: a line of a JSON Lines file).
  std::optional<ByteCensus> whole;
  if (out.encoding.empty()) {
    const ByteCensus head = census(bytes.substr(0, kCensusBytes));
    if (binary_by_census(bytes, head)) throw InputError(name + ": binary file");
    if (bytes.size() <= kCensusBytes) whole = head;
  }
  if (!whole && (out.encoding.empty() || out.encoding == "UTF-8")) whole = census(bytes);

  bool valid_utf8 = false;  // known from the census: no ill-formed sequence
  if (whole) {
    // Control bytes are the same byte in every such charset, so they go before the
    // charset is judged (a NUL run would confuse the detector).
    const ByteCensus& c = *whole;
    valid_utf8 = c.utf8_invalid == 0;  // dropping ASCII control bytes keeps it so
    if (c.nul + c.control > 0) {
      cleaned.assign(bytes);
      dropped = drop_control_bytes(cleaned);
      bytes = cleaned;
    }
    // Mostly-valid UTF-8 stays UTF-8, its damaged sequences replaced; only text that is
    // not plausibly UTF-8 goes to the charset detector.
    if (out.encoding.empty()) out.encoding = plausibly_utf8(c) ? "UTF-8" : detect_charset(bytes);
  }

  std::string utf8;
  if (out.encoding == "UTF-8" && (valid_utf8 || (!whole && text::is_valid_utf8(bytes)))) {
    utf8.assign(bytes);
  } else {
    utf8 = convert(bytes, out.encoding.c_str(), out.replaced);
  }
  if (out.encoding.rfind("UTF-16", 0) == 0) dropped += drop_control_bytes(utf8);
  // A byte-order mark behind dropped NULs or controls, or a doubled one, is no text either.
  std::size_t marks = 0;
  while (utf8.compare(marks, 3, "\xEF\xBB\xBF") == 0) marks += 3;
  utf8.erase(0, marks);
  out.text = text::nfc(utf8);
  out.dropped = dropped;
  if (out.replaced > 0) {
    out.warnings.push_back(name + ": " + std::to_string(out.replaced) + " undecodable byte sequence" +
                           (out.replaced == 1 ? "" : "s") + " replaced with U+FFFD (read as " +
                           out.encoding + ")");
  }
  if (dropped > 0) {
    out.warnings.push_back(name + ": " + std::to_string(dropped) + " NUL or control character" +
                           (dropped == 1 ? "" : "s") + " dropped");
  }
  return out;
}

}  // namespace fynd
