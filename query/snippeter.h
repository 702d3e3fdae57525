/** Snippeter: the best short passage of a project's text around the query's matches, marked up. */
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer.h"
#include "query_builder.h"
#include "word_cache.h"

namespace fynd {

/// The words one thread's snippets have analysed (stem, folded stem, compound parts), kept
/// from one search to the next, with what they were for the last search: most words of
/// the texts shown recur from search to search, so a word is analysed once, and a search
/// looks each of its words up once. At most kMaxWords are held; then it starts over. Not
/// to be shared between threads (a Searcher holds one).
class SnippetWordMemo {
 public:
  static constexpr std::size_t kMaxWords = std::size_t{1} << 15;
  std::size_t size() const { return words_.size(); }

 private:
  friend class Snippeter;
  struct Entry {
    std::string stem;
    std::string folded;
    std::vector<std::string> parts;
    std::uint64_t search = 0;  ///< the search `matched` and `id` are for
    bool matched = false;
    std::size_t id = 0;
  };
  WordMap<Entry> words_;
  std::uint64_t searches_ = 0;
};

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

  /// `memo`: a thread's SnippetWordMemo to reuse analysed words from (null: none).
  Snippeter(const Analyzer& analyzer, const ParsedQuery& query, SnippetWordMemo* memo = nullptr);

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
  Word word(const Token& token) const;
  bool matches(const std::string& surface, const std::string& stem, const std::string& folded,
               const std::vector<std::string>& parts) const;
  std::size_t word_id(const std::string& surface, const std::string& stem) const;

  const Analyzer& analyzer_;
  const ParsedQuery& query_;
  SnippetWordMemo* memo_ = nullptr;
  std::uint64_t search_ = 0;  ///< this Snippeter's number in memo_
  mutable WordMap<Word> words_;
  mutable std::unordered_map<std::string, std::size_t> word_ids_;  ///< stem (or surface) -> Word::id
  mutable std::string key_;  ///< matches()'s buffer for prefixed terms
};

/// Escapes &, <, >, " and ' for HTML.
std::string html_escape(std::string_view s);

}  // namespace fynd
