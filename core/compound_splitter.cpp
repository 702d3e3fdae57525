#include "compound_splitter.h"

#include <algorithm>
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
  std::size_t parts = std::numeric_limits<std::size_t>::max();  ///< parts up to here
  std::size_t score = 0;   ///< sum of squared part lengths: larger means longer parts
  std::size_t next = 0;    ///< boundary index where the previous part starts
  std::string base;        ///< dictionary form of the part ending here
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
  if (auto hit = cache_.get(word)) return *hit;
  std::vector<CompoundPart> parts = compute_split(word);
  cache_.put(word, parts);
  return parts;
}

std::vector<CompoundPart> CompoundSplitter::split_loose(std::string_view word) const { return compute_split(word, true); }

std::vector<CompoundPart> CompoundSplitter::split_fully(std::string_view word) const {
  std::vector<CompoundPart> out;
  const std::vector<CompoundPart> parts = split(word);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const CompoundPart& p = parts[i];
    const bool head = i + 1 == parts.size();
    std::vector<CompoundPart> sub = split_fully(head ? p.text : p.base);
    if (sub.size() < 2) {
      out.push_back(p);
      continue;
    }
    if (!head) {
      // The last word of a modifier keeps the modifier's linking letters as written.
      CompoundPart& last = sub.back();
      last.base = last.text;
      if (p.text.size() > p.base.size() && p.text.compare(0, p.base.size(), p.base) == 0) {
        last.text += p.text.substr(p.base.size());
      } else if (p.text != p.base) {
        out.push_back(p);  // an irregular linking form (gatu-): keep the part whole
        continue;
      }
    }
    out.insert(out.end(), sub.begin(), sub.end());
  }
  return out;
}

std::vector<CompoundPart> CompoundSplitter::compute_split(std::string_view word, bool loose) const {
  if (!all_letters(word)) return {};
  const std::vector<std::size_t> b = boundaries(word);
  const std::size_t n = b.size() - 1;  // letters
  if (n < 2 * kMinPartLength) return {};

  std::size_t min_len = kMinPartLength;
  bool strict = false;
  if (lexicon_.known_simple(word)) {
    if (lexicon_.is_name(word)) return {};  // Norrköping is not norr + köping
  }
  if (!loose && lexicon_.known_simple(word)) {
    min_len = kStrictPartLength;
    strict = true;
  }
  if (n < 2 * min_len) return {};

  auto piece = [&](std::size_t i, std::size_t j) { return word.substr(b[i], b[j] - b[i]); };
  // fwd[j]: the best run of modifiers covering the first j letters. Filled left to
  // right from the positions already reached, so the (costlier) head lookups below
  // happen only where the modifiers end.
  std::vector<Choice> fwd(1, Choice{0, 0, 0, {}});
  fwd.resize(n + 1);
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  for (std::size_t i = 0; i + 2 * min_len <= n; ++i) {
    if (fwd[i].parts == kNone || fwd[i].parts + 1 >= kMaxParts) continue;
    for (std::size_t j = i + min_len; j + min_len <= n; ++j) {
      const std::size_t parts = fwd[i].parts + 1;
      const std::size_t score = fwd[i].score + (j - i) * (j - i);
      Choice& cur = fwd[j];
      if (parts > cur.parts || (parts == cur.parts && score <= cur.score)) continue;
      std::string base = modifier_base(piece(i, j), strict);
      if (base.empty()) continue;
      cur.parts = parts;
      cur.score = score;
      cur.next = i;
      cur.base = std::move(base);
    }
  }
  std::size_t best_end = kNone;
  std::size_t best_parts = kNone;
  std::size_t best_score = 0;
  for (std::size_t j = min_len; j + min_len <= n; ++j) {
    if (fwd[j].parts == kNone) continue;
    const std::size_t parts = fwd[j].parts + 1;
    const std::size_t score = fwd[j].score + (n - j) * (n - j);
    if (parts > best_parts || (parts == best_parts && score <= best_score)) continue;
    // The head: an inflected form of a word the dictionary lets end compounds (flag Y),
    // so inflection endings and names are not heads (teknik|erna, krymp|ande).
    if (!lexicon_.can_end_compound(piece(j, n))) continue;
    best_end = j;
    best_parts = parts;
    best_score = score;
  }
  if (best_end == kNone) return {};
  std::vector<CompoundPart> parts;
  parts.push_back({std::string(piece(best_end, n)), std::string(piece(best_end, n))});
  for (std::size_t j = best_end; j > 0; j = fwd[j].next) {
    parts.push_back({std::string(piece(fwd[j].next, j)), fwd[j].base});
  }
  std::reverse(parts.begin(), parts.end());
  return parts;
}

}  // namespace fynd
