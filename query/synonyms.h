/** Synonyms: names and acronyms that mean the same (data/gazetteers/synonyms.tsv), expanded at query time. */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer.h"

namespace fynd {

/// Groups of equivalent names: ESF = Socialfonden = "Europeiska socialfonden".
///
/// A query word or phrase that is one of a group's variants also searches the others, at
/// kWeight: single words by their analysed terms (every inflection), several words as a
/// phrase. Words are compared by stem, so "Socialfondens" is "Socialfonden".
class Synonyms {
 public:
  /// Weight factor of a synonym's terms relative to the words typed.
  static constexpr double kWeight = 0.9;

  /// Parses a synonyms.tsv text: one group a line, tab-separated variants, '#' comments.
  explicit Synonyms(std::string_view tsv);

  /// The compiled-in data/gazetteers/synonyms.tsv (empty if absent).
  static const Synonyms& shared();

  /// The other variants of the group `words` belong to, as one OR query; nullopt if none.
  std::optional<Xapian::Query> expand(const Analyzer& analyzer, const std::vector<Token>& words) const;

  /// The other variants of `words`, as written in the file (for tests and display).
  std::vector<std::string> alternatives(const Analyzer& analyzer, const std::vector<Token>& words) const;

  /// The query text with each multi-word variant typed outside quotes and fields put in
  /// quotes ("europeiska socialfonden" -> "\"europeiska socialfonden\""), so the parser
  /// searches it as a phrase and expands it. `nfc` must be NFC text.
  std::string quote_phrases(const Analyzer& analyzer, std::string_view nfc) const;

  std::size_t group_count() const { return groups_.size(); }

 private:
  /// The group and variant `words` equal, if any.
  std::optional<std::pair<std::size_t, std::size_t>> find(const Analyzer& analyzer, const std::vector<Token>& words) const;
  static bool same_words(const std::vector<Token>& a, const std::vector<Token>& b);
  /// Every group's variants as `analyzer` tokenizes them, per group and variant; built once
  /// per kind of analyzer (Analyzer::fingerprint()), not per query word.
  using Tokenized = std::vector<std::vector<std::vector<Token>>>;
  const Tokenized& tokenized(const Analyzer& analyzer) const;

  std::vector<std::vector<std::string>> groups_;  ///< variants as written
  struct Cache {
    std::mutex mutex;
    std::map<std::uint64_t, std::unique_ptr<const Tokenized>> by_analyzer;
  };
  std::unique_ptr<Cache> cache_ = std::make_unique<Cache>();
};

}  // namespace fynd
