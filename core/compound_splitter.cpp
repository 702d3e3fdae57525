#include "compound_splitter.h"

#include <limits>
#include <optional>

namespace fynd {
namespace {

/// Byte offsets of the code points of a UTF-8 word, plus its size.
std::vector<std::size_t> boundaries(std::string_view w) {
  std::vector<std::size_t> b;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if ((static_cast<unsigned char>(w[i]) & 0xC0) != 0x80) b.push_back(i);
  }
  b.push_back(w.size());
  return b;
}

/// Only letter words are split (no digits, dots, colons or e-mail addresses).
bool all_letters(std::string_view w) {
  for (char ch : w) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && !(c >= 'a' && c <= 'z')) return false;
  }
  return true;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

struct Choice {
  std::size_t parts = std::numeric_limits<std::size_t>::max();  ///< parts from here to the end
  std::size_t score = 0;   ///< sum of squared part lengths: larger means longer parts
  std::size_t next = 0;    ///< boundary index where the next part starts
  std::string base;        ///< dictionary form of the part starting here
};

}  // namespace

std::string CompoundSplitter::modifier_base(std::string_view part, bool strict) const {
  const std::string p(part);
  if (strict) {
    // A word the dictionary lists whole is split only where the dictionary marks a
    // compound form (arbets|marknad) or a linking -s- shows the seam (marknads|avdelning):
    // före|tagare, kom|munen stay whole.
    if (ends_with(p, "s") && lexicon_.is_entry(p.substr(0, p.size() - 1))) return p.substr(0, p.size() - 1);
    if (!lexicon_.is_compound_form(p)) return {};
  }
  // The order matters: the part as written first, then the linking forms.
  if (lexicon_.is_entry(p)) return p;
  if (ends_with(p, "s")) {
    const std::string stem = p.substr(0, p.size() - 1);
    if (lexicon_.is_entry(stem)) return stem;         // marknads -> marknad
    if (lexicon_.is_entry(stem + "e")) return stem + "e";  // arbets -> arbete
  }
  if (lexicon_.is_compound_form(p)) {
    if (lexicon_.is_entry(p + "e")) return p + "e";  // flick -> flicka is below
    if (lexicon_.is_entry(p + "a")) return p + "a";
    return p;  // a compound-only form the dictionary lists ("arbets"-like)
  }
  if (lexicon_.is_entry(p + "a")) return p + "a";  // skol|gård -> skola
  if (ends_with(p, "e") && lexicon_.is_entry(p.substr(0, p.size() - 1))) return p.substr(0, p.size() - 1);
  if (ends_with(p, "u") || ends_with(p, "o")) {
    const std::string a = p.substr(0, p.size() - 1) + "a";  // gatu|belysning -> gata
    if (lexicon_.is_entry(a)) return a;
  }
  return {};
}

std::vector<CompoundPart> CompoundSplitter::split(std::string_view word) const {
  if (!all_letters(word)) return {};
  const std::vector<std::size_t> b = boundaries(word);
  const std::size_t n = b.size() - 1;  // letters
  if (n < 2 * kMinPartLength) return {};

  std::size_t min_len = kMinPartLength;
  bool strict = false;
  if (lexicon_.known_simple(word)) {
    if (lexicon_.is_name(word)) return {};  // Norrköping is not norr + köping
    min_len = kStrictPartLength;
    strict = true;
  } else if (!lexicon_.known(word)) {
    min_len = kStrictPartLength;
  }
  if (n < 2 * min_len) return {};

  auto piece = [&](std::size_t i, std::size_t j) { return word.substr(b[i], b[j] - b[i]); };
  // best[i]: the best split of the letters from i to the end (a head alone when i > 0).
  std::vector<Choice> best(n + 1);
  for (std::size_t i = n - min_len + 1; i-- > 0;) {
    if (i > 0 && n - i >= min_len && lexicon_.known_simple(piece(i, n))) {
      best[i] = {1, (n - i) * (n - i), n, std::string(piece(i, n))};
    }
    for (std::size_t j = i + min_len; j + min_len <= n; ++j) {
      const Choice& rest = best[j];
      if (rest.parts >= kMaxParts || rest.parts == std::numeric_limits<std::size_t>::max()) continue;
      const std::size_t parts = rest.parts + 1;
      const std::size_t score = rest.score + (j - i) * (j - i);
      Choice& cur = best[i];
      if (parts > cur.parts || (parts == cur.parts && score <= cur.score)) continue;
      std::string base = modifier_base(piece(i, j), strict);
      if (base.empty()) continue;
      cur = {parts, score, j, std::move(base)};
    }
  }
  if (best[0].parts == std::numeric_limits<std::size_t>::max()) return {};
  std::vector<CompoundPart> parts;
  for (std::size_t i = 0; i < n; i = best[i].next) {
    parts.push_back({std::string(piece(i, best[i].next)), best[i].base});
  }
  return parts;
}

}  // namespace fynd
