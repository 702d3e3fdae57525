#include "ocr_repair.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "swedish_lexicon.h"
#include "text.h"

namespace fynd {

namespace {

/// The code points of a UTF-8 word, each as its UTF-8 string.
std::vector<std::string> chars_of(std::string_view w) {
  std::vector<std::string> out;
  const auto* s = reinterpret_cast<const std::uint8_t*>(w.data());
  const auto n = static_cast<std::int32_t>(w.size());
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    out.emplace_back(w.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at)));
  }
  return out;
}

/// What an OCR'd character may stand for, most likely first. Empty: the character is sure.
std::vector<std::string> alternatives(const std::string& c, bool word_start, bool all_upper) {
  if (c == "é") return {"ö", "å", "ä"};
  if (c == "&") return {"å", "ä", "ö"};
  if (c == "@") return {"å", "ä"};
  if (c == "d") return {"ö", "å", "ä"};
  if (c == "a") return {"ä", "å"};
  if (c == "o") return {"ö"};
  // A capital inside a lowercase word is an OCR'd small letter: "VAxjé" -> "Växjö".
  if (c == "A") return word_start || all_upper ? std::vector<std::string>{"Ä", "Å"} : std::vector<std::string>{"ä", "å"};
  if (c == "O") return word_start || all_upper ? std::vector<std::string>{"Ö"} : std::vector<std::string>{"ö"};
  if (c == "6") return {"ö"};
  if (c == "|") return {"l"};
  if (c == "1" && word_start) return {"l"};
  if (c == "I" && word_start) return {"l"};
  return {};
}

/// Frequent words that win a tie between equally likely repairs ("ér": "är", not "år";
/// "frén": "från", not "frön"). Lowercase.
bool frequent(const std::string& folded) {
  static const std::unordered_set<std::string> words = {
      "är", "på", "för", "från", "när", "också", "så", "då", "även", "över", "både", "få", "gå", "här",
      "där", "läs", "länge", "lära", "många", "mål", "må", "hålla", "göra", "gör", "bör", "ökat"};
  return words.count(folded) > 0;
}

bool is_ocr_sign(const std::string& c) { return c == "é" || c == "&" || c == "@" || c == "|"; }

/// Word characters of OCR text: letters, digits and the signs OCR puts for å/ä/ö.
bool word_char(UChar32 c) { return u_isalnum(c) || c == '&' || c == '@' || c == '|'; }

}  // namespace

bool OcrDamage::damaged() const {
  // A clean Swedish page has a few unknown names; OCR damage shows as many suspect words.
  return words >= 20 && suspect >= 5 && suspect * 25 >= words;
}

OcrRepair::OcrRepair(std::vector<std::string> extra_words) : OcrRepair(SwedishLexicon::shared(), std::move(extra_words)) {}

OcrRepair::OcrRepair(const SwedishLexicon& lexicon, std::vector<std::string> extra_words)
    : lexicon_(lexicon), extra_(extra_words.begin(), extra_words.end()) {}

bool OcrRepair::known(std::string_view word) const {
  const std::string folded = text::fold_case(word);
  return extra_.count(folded) > 0 || lexicon_.known(folded);
}

std::string OcrRepair::repair_word(std::string_view word) const {
  const std::vector<std::string> chars = chars_of(word);
  std::size_t letters = 0;
  for (const std::string& c : chars) letters += c.size() > 1 || std::isalpha(static_cast<unsigned char>(c[0]));
  if (letters < 2 && chars.size() < 2) return std::string(word);
  // Only words with letters; a bare number is not OCR damage.
  if (letters == 0) return std::string(word);
  if (known(word)) return std::string(word);
  // Lone '&' between words is "and", not a letter.
  std::vector<std::size_t> where;
  std::vector<std::vector<std::string>> alts;
  std::size_t lower_letters = 0;
  for (const std::string& c : chars) lower_letters += c.size() == 1 && std::islower(static_cast<unsigned char>(c[0]));
  for (std::size_t i = 0; i < chars.size(); ++i) {
    std::vector<std::string> a = alternatives(chars[i], i == 0, lower_letters == 0);
    if (!a.empty()) {
      where.push_back(i);
      alts.push_back(std::move(a));
    }
  }
  if (where.empty() || where.size() > 12) return std::string(word);
  // Short words without an OCR sign are often foreign ("to", "on"): only d -> å/ä/ö
  // ("pd" -> "på") is tried on them.
  bool sign = false;
  for (const std::string& c : chars) sign = sign || is_ocr_sign(c) || std::isdigit(static_cast<unsigned char>(c[0]));
  if (!sign && letters <= 3) {
    for (std::size_t j = 0; j < where.size(); ++j) {
      if (chars[where[j]] != "d") alts[j].clear();
    }
    for (std::size_t j = where.size(); j-- > 0;) {
      if (alts[j].empty()) {
        alts.erase(alts.begin() + static_cast<std::ptrdiff_t>(j));
        where.erase(where.begin() + static_cast<std::ptrdiff_t>(j));
      }
    }
    if (where.empty()) return std::string(word);
  }
  // Candidates by number of substitutions, fewest first; within a count, likelier first.
  std::vector<std::string> compound;
  std::size_t tried = 0;
  for (std::size_t changes = 1; changes <= where.size() && changes <= 4; ++changes) {
    // Enumerate all assignments with exactly `changes` substitutions.
    std::vector<std::string> found_simple;
    std::vector<std::string> found_compound;
    std::vector<std::size_t> idx(where.size(), 0);  // 0 = keep, k = alts[j][k - 1]
    while (true) {
      std::size_t count = 0;
      for (std::size_t k : idx) count += k > 0;
      if (count == changes) {
        if (++tried > kMaxCandidates) break;
        std::vector<std::string> cand = chars;
        for (std::size_t j = 0; j < where.size(); ++j) {
          if (idx[j] > 0) cand[where[j]] = alts[j][idx[j] - 1];
        }
        std::string w;
        for (const std::string& c : cand) w += c;
        const std::string folded = text::fold_case(w);
        if (extra_.count(folded) > 0 || lexicon_.known_simple(folded)) {
          found_simple.push_back(w);
        } else if (lexicon_.known(folded)) {
          found_compound.push_back(w);
        }
      }
      // next assignment (odometer)
      std::size_t j = 0;
      while (j < idx.size()) {
        if (++idx[j] <= alts[j].size()) break;
        idx[j] = 0;
        ++j;
      }
      if (j == idx.size()) break;
    }
    for (const std::string& w : found_simple) {
      if (frequent(text::fold_case(w))) return w;
    }
    if (!found_simple.empty()) return found_simple.front();
    if (!found_compound.empty() && compound.empty()) compound = found_compound;
    if (tried > kMaxCandidates) break;
  }
  if (!compound.empty()) return compound.front();
  return std::string(word);
}

OcrDamage OcrRepair::assess(std::string_view text) const {
  OcrDamage d;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < n) {
    std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !word_char(c)) continue;
    std::int32_t end = i;
    while (end < n) {
      std::int32_t next = end;
      U8_NEXT(s, next, n, c);
      if (c < 0 || !word_char(c)) break;
      end = next;
    }
    i = end;
    const std::string_view w = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
    const std::vector<std::string> chars = chars_of(w);
    std::size_t letters = 0;
    bool sign = false;
    for (std::size_t k = 0; k < chars.size(); ++k) {
      const bool letter = chars[k].size() > 1 || std::isalpha(static_cast<unsigned char>(chars[k][0]));
      letters += letter;
      sign = sign || is_ocr_sign(chars[k]) ||
             (k > 0 && std::isdigit(static_cast<unsigned char>(chars[k][0])) && letters > 0);
    }
    if (letters < 2) continue;
    ++d.words;
    if (!known(w)) {
      ++d.unknown;
      if (sign) ++d.suspect;
    }
  }
  return d;
}

std::string OcrRepair::repair(std::string_view text) const {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !word_char(c)) {
      out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
      continue;
    }
    std::int32_t end = i;
    while (end < n) {
      std::int32_t next = end;
      U8_NEXT(s, next, n, c);
      if (c < 0 || !word_char(c)) break;
      end = next;
    }
    i = end;
    const std::string_view w = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
    if (w == "&") {
      out.append(w);
      continue;
    }
    out += repair_word(w);
  }
  return out;
}

}  // namespace fynd
