/** SpellingCorrector: "Menade du: …" corrections of query words from the indexed vocabulary. */
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

#include "analyzer.h"

namespace fynd {

/// Corrects misspelt query words to words of the index.
///
/// A word is corrected only when none of its terms is indexed. Candidates are the index's
/// words (unprefixed terms) within a Swedish-aware edit distance of kMaxDistance:
/// insertions, deletions, substitutions and swaps of neighbours cost 1, but confusing
/// a/å/ä, o/ö, e/é, u/ü costs kDiacriticCost and doubling or undoubling a letter
/// (bredbandsutbygnad) kDoublingCost. The nearest candidate wins; ties go to the word in
/// more documents.
class SpellingCorrector {
 public:
  static constexpr double kMaxDistance = 2.0;
  static constexpr double kDiacriticCost = 0.3;
  static constexpr double kDoublingCost = 0.5;
  /// Words shorter than this (letters) are never corrected.
  static constexpr std::size_t kMinLength = 4;
  /// A search with fewer hits than this is retried with the corrected query.
  static constexpr Xapian::doccount kFewHits = 3;

  SpellingCorrector(const Xapian::Database& db, const Analyzer& analyzer) : db_(db), analyzer_(analyzer) {}

  /// The best index word for a folded word, or nullopt if it is indexed or nothing is close.
  std::optional<std::string> correct_word(std::string_view folded) const;

  /// The query text with every misspelt word replaced (operators, fields, quoted
  /// phrases' structure and wildcards kept); nullopt if nothing changed.
  std::optional<std::string> correct_query(std::string_view query) const;

  /// The weighted edit distance between two words (code points), or a value above
  /// `limit` once it is certain to exceed it.
  static double distance(std::u32string_view a, std::u32string_view b, double limit = kMaxDistance);

 private:
  bool indexed(const Token& token) const;

  const Xapian::Database& db_;
  const Analyzer& analyzer_;
};

}  // namespace fynd
