#include "spelling.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "schema.h"
#include "text.h"

namespace fynd {
namespace {

/// The letter without its diacritic, for the letters Swedish users confuse.
char32_t base_letter(char32_t c) {
  switch (c) {
    case U'å': case U'ä': case U'à': case U'á': case U'â': return U'a';
    case U'ö': case U'ø': case U'ó': case U'ò': case U'ô': return U'o';
    case U'é': case U'è': case U'ê': case U'ë': return U'e';
    case U'ü': case U'ú': case U'ù': return U'u';
    default: return c;
  }
}

double substitution_cost(char32_t a, char32_t b) {
  if (a == b) return 0;
  if (base_letter(a) == base_letter(b)) return SpellingCorrector::kDiacriticCost;
  return 1;
}

/// A term of the index's own words: lowercase letters (no prefix, digits or punctuation).
bool is_word_term(std::string_view term) {
  if (term.empty()) return false;
  const auto first = static_cast<unsigned char>(term.front());
  if (first >= 'A' && first <= 'Z') return false;  // a prefixed term
  for (char ch : term) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && !(c >= 'a' && c <= 'z')) return false;
  }
  return true;
}

bool is_operator(std::string_view typed) {
  for (std::string_view op : {"AND", "OR", "NOT", "OCH", "ELLER", "INTE"}) {
    if (typed == op) return true;
  }
  return false;
}

}  // namespace

double SpellingCorrector::distance(std::u32string_view a, std::u32string_view b, double limit) {
  const std::size_t n = a.size(), m = b.size();
  const std::size_t diff = n > m ? n - m : m - n;
  if (static_cast<double>(diff) * kDoublingCost > limit) return limit + 1;
  // d[i][j]: cost of turning a[0,i) into b[0,j). Rows are kept whole (words are short).
  std::vector<std::vector<double>> d(n + 1, std::vector<double>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<double>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<double>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    double row_min = limit + 1;
    for (std::size_t j = 1; j <= m; ++j) {
      // Dropping a doubled letter (utbyggnad -> utbygnad) or doubling one is cheap.
      const double del = (i >= 2 && a[i - 1] == a[i - 2]) ? kDoublingCost : 1;
      const double ins = (j >= 2 && b[j - 1] == b[j - 2]) ? kDoublingCost : 1;
      double best = std::min({d[i - 1][j] + del, d[i][j - 1] + ins, d[i - 1][j - 1] + substitution_cost(a[i - 1], b[j - 1])});
      if (i >= 2 && j >= 2 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) best = std::min(best, d[i - 2][j - 2] + 1);
      d[i][j] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > limit) return limit + 1;
  }
  return d[n][m];
}

bool SpellingCorrector::indexed(const Token& token) const {
  for (const WeightedTerm& t : analyzer_.weighted_query_terms(token)) {
    if (db_.get_termfreq(t.term) > 0) return true;
  }
  return false;
}

std::optional<std::string> SpellingCorrector::correct_word(std::string_view folded) const {
  const std::u32string word = text::to_u32(folded);
  if (word.size() < kMinLength) return std::nullopt;
  if (db_.get_termfreq(std::string(folded)) > 0) return std::nullopt;
  std::optional<std::string> best;
  double best_distance = kMaxDistance + 1e-9;
  Xapian::doccount best_freq = 0;
  for (auto it = db_.allterms_begin(); it != db_.allterms_end(); ++it) {
    const std::string term = *it;
    if (!is_word_term(term)) {
      // Skip the whole block of prefixed terms (all start with a capital) at once.
      const auto first = static_cast<unsigned char>(term.empty() ? 0 : term.front());
      if (first >= 'A' && first <= 'Z') it.skip_to(std::string(1, static_cast<char>('Z' + 1)));
      if (it == db_.allterms_end()) break;
      continue;
    }
    const std::u32string candidate = text::to_u32(term);
    const std::size_t diff = candidate.size() > word.size() ? candidate.size() - word.size() : word.size() - candidate.size();
    if (static_cast<double>(diff) * kDoublingCost > best_distance) continue;
    const double d = distance(word, candidate, best_distance);
    const Xapian::doccount freq = it.get_termfreq();
    if (d < best_distance - 1e-9 || (std::abs(d - best_distance) < 1e-9 && freq > best_freq)) {
      best = term;
      best_distance = d;
      best_freq = freq;
    }
  }
  return best;
}

std::optional<std::string> SpellingCorrector::correct_query(std::string_view query) const {
  const std::string nfc = text::nfc(query);
  std::string out;
  std::size_t copied = 0;
  bool changed = false;
  for (const Token& t : analyzer_.tokenize(nfc)) {
    if (t.kind != TokenKind::Word || t.stop || t.surface.find(':') != std::string::npos) continue;
    const std::string_view typed = std::string_view(nfc).substr(t.begin, t.end - t.begin);
    if (is_operator(typed)) continue;
    if (t.end < nfc.size() && (nfc[t.end] == '*' || nfc[t.end] == ':')) continue;  // wildcard, field name
    if (t.begin > 0 && nfc[t.begin - 1] == ':') continue;                          // field value
    if (indexed(t)) continue;
    const auto fix = correct_word(t.surface);
    if (!fix) continue;
    out.append(nfc, copied, t.begin - copied);
    out += *fix;
    copied = t.end;
    changed = true;
  }
  if (!changed) return std::nullopt;
  out.append(nfc, copied, std::string::npos);
  return out;
}

}  // namespace fynd
