/** Snippeter: the best short passage of a project's text around the query's matches, marked up. */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer.h"
#include "query_builder.h"
#include "word_cache.h"

namespace fynd {

/// Finds the densest cluster of matched words with the same Analyzer the index used, so a
/// word counts as matched when its exact form or its Swedish stem is among the query's
/// terms ("kommuner" is marked for the query "kommunen"). Output is HTML-escaped text
/// with matched words wrapped in <mark>…</mark>; "…" marks a cut at either end.
///
/// Whether a word matches depends only on its folded form, so the answer is remembered
/// per word for the Snippeter's lifetime (the hits of one search share it), and a text is
/// only split into words (Analyzer::segment()); a word is analysed (lemma, stem, parts)
/// the first time it is seen. A Snippeter is therefore not to be shared between threads.
class Snippeter {
 public:
  static constexpr std::size_t kDefaultChars = 200;
  /// The most text (bytes) one snippet analyses; longer texts are searched for the query's
  /// words as plain bytes and analysed around the first one found.
  static constexpr std::size_t kMaxAnalyzedBytes = 32 * 1024;

  Snippeter(const Analyzer& analyzer, const ParsedQuery& query);

  /// The best passage of about `max_chars` characters, or the text's start when nothing
  /// matches. At most kMaxAnalyzedBytes of `text` are analysed, however long it is.
  std::string snippet(std::string_view text, std::size_t max_chars = kDefaultChars) const;
  /// True if the token matches one of the query's words.
  bool matches(const Token& token) const;

 private:
  static constexpr std::size_t kMaxNeedles = 16;
  /// The best passage of all of `text`; `cut_before`/`cut_after` add "…" where `text` is
  /// itself cut from a longer one; `found` (if given) tells whether any word matched.
  std::string passage(std::string_view text, std::size_t max_chars, bool cut_before, bool cut_after,
                      bool* found) const;
  /// Byte strings that mark where a query word may be: surface forms, stems, compound
  /// parts and wildcard prefixes, lower-case and capitalised.
  std::vector<std::string> needles() const;
  /// What one word form contributes to a passage.
  struct Word {
    bool matched = false;
    std::size_t id = 0;  ///< the same for the forms of one word (its stem), if matched
  };
  /// matches() of a token from Analyzer::segment(), remembered by its surface form.
  const Word& word(const Token& token) const;

  const Analyzer& analyzer_;
  const ParsedQuery& query_;
  mutable std::unordered_map<std::string, Word, WordHash, std::equal_to<>> words_;
  mutable std::unordered_map<std::string, std::size_t> word_ids_;  ///< stem (or surface) -> Word::id
  mutable std::string key_;  ///< matches()'s buffer for prefixed terms
};

/// Escapes &, <, >, " and ' for HTML.
std::string html_escape(std::string_view s);

}  // namespace fynd
