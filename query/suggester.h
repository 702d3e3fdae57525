/** Suggester: as-you-type completions of project titles and indexed words. */
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "searcher.h"

namespace fynd {

enum class SuggestionKind { Title, Word };

std::string_view suggestion_kind_name(SuggestionKind k);

/// One completion of what the user has typed so far.
struct Suggestion {
  std::string text;          ///< the whole completed query text (or the title)
  SuggestionKind kind = SuggestionKind::Word;
  std::string id;            ///< project id, for titles
  std::uint64_t count = 0;   ///< documents containing the word, for words
};

/// Completes the last word of a typed text from the index's terms (Xapian allterms with
/// the word as prefix, most frequent first) and offers titles that start with the typed
/// text or have a word starting with it. Holds a per-revision cache of titles, so use one
/// Suggester per thread, like its Searcher.
class Suggester {
 public:
  /// Titles loaded at most (larger indexes only complete words from the title cache's head).
  static constexpr std::size_t kMaxTitles = 200000;
  /// Terms scanned at most for one prefix.
  static constexpr std::size_t kMaxScannedTerms = 50000;

  explicit Suggester(const Searcher& searcher) : searcher_(searcher) {}

  /// At most `limit` suggestions: titles first (at most half), then words.
  std::vector<Suggestion> suggest(std::string_view typed, std::size_t limit) const;

 private:
  struct Title {
    std::string folded;
    std::string text;
    std::string id;
  };
  void refresh_titles() const;
  std::vector<Suggestion> titles(const std::string& folded, std::size_t limit) const;
  std::vector<Suggestion> words(std::string_view typed, std::size_t limit) const;

  const Searcher& searcher_;
  mutable std::vector<Title> titles_;
  mutable std::string titles_key_;  ///< identifies the database state titles_ came from
};

}  // namespace fynd
