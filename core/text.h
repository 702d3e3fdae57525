/** Small UTF-8 text helpers built on ICU: normalisation, case folding, validation. */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fynd::text {

/// NFC-normalise UTF-8 text. Invalid sequences become U+FFFD.
std::string nfc(std::string_view utf8);
/// NFKC + full case folding (ICU's nfkc_cf): the form terms are made of.
/// "ÖREBRO" -> "örebro"; "ﬁ" ligatures from PDF text -> "fi"; NFD input == NFC input.
std::string fold_case(std::string_view utf8);
/// True when fold_case() folds `utf8` byte by byte (ASCII, and the letters U+00C0..U+00FF
/// of its Latin-1 fast path): then fold_case() of a part of it cut at an ASCII byte is
/// that part of fold_case() of the whole, at the same offsets.
bool fold_case_is_local(std::string_view utf8);
/// Removes diacritics (å->a, ä->a, ö->o, é->e, ü->u) after fold_case.
std::string strip_diacritics(std::string_view utf8);
/// Every spelling of `word` (folded, typed without diacritics) with å or ä for an a, ö for
/// an o, é for an e, ü for a u, but the word itself; none if there would be more than
/// `limit`. "vaxjo" -> "våxjo", "växjo", ..., "växjö", ...
std::vector<std::string> diacritic_respellings(std::string_view word, std::size_t limit);
/// True if `bytes` is well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);
/// Trims ASCII and Unicode white space at both ends.
std::string_view trim(std::string_view s);
/// Collapses runs of white space to one space and trims.
std::string squash_space(std::string_view s);
/// The code points of UTF-8 text (invalid sequences become U+FFFD), for per-letter work
/// such as edit distances and affix conditions.
std::u32string to_u32(std::string_view utf8);
/// Number of code points.
std::size_t length(std::string_view utf8);
/// At most the first `max_bytes` of UTF-8 text, never cutting a character in two.
std::string_view prefix_bytes(std::string_view utf8, std::size_t max_bytes);

}  // namespace fynd::text
