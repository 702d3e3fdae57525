/** The Swedish Analyzer: the one place where text becomes terms, for indexing and querying. */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace fynd {

enum class TokenKind {
  Word,        ///< letters (may contain digits, "FN:s", "karin.froderberg")
  Number,      ///< digits, "2.3", "100"
  Identifier,  ///< numbers joined by '/', e.g. the diarienummer "2019/00503"
  Email,       ///< "karin.froderberg@rjl.se"
};

/// One word of analysed text.
struct Token {
  std::string surface;  ///< NFKC case-folded word: the positional term ("projektet")
  std::string stem;     ///< Swedish Snowball stem of `surface` ("projekt"); empty for stop words
  std::size_t begin = 0;  ///< byte offset of the word in the analysed text
  std::size_t end = 0;    ///< one past its last byte
  Xapian::termpos pos = 0;  ///< 1-based word position (stop words count)
  TokenKind kind = TokenKind::Word;
  bool stop = false;      ///< a stop word: indexed for phrases, never stemmed or searched alone
};

/// Which field a text belongs to when indexed.
enum class Field { Body, Title };

/// The analysis chain, in order (each step depends on the one before):
///  1. NFC normalisation of the whole text, so byte offsets refer to one form;
///  2. ICU word breaking (Swedish locale), keeping only word and number segments;
///  3. joining of segments ICU splits but users treat as one word: "2019/00503",
///     e-mail addresses (a hyphenated "ESF-stöd" stays two words, as Xapian does);
///  4. NFKC case folding of each word (ÖREBRO -> örebro, ligatures -> letters);
///  5. stop-word marking against stopwords/sv.txt (folded, so "Och" is a stop word);
///  6. Snowball Swedish stemming of every non-stop word.
///
/// Thread-safe: all methods are const and per-thread state (stemmer, break iterator)
/// lives in thread-local storage.
class Analyzer {
 public:
  /// The standard Swedish analyzer with the compiled-in stop words.
  Analyzer();
  /// An analyzer with the given stop-word list (one word a line, '#' comments).
  explicit Analyzer(std::string_view stopword_list);

  /// Splits and analyses text into tokens.
  std::vector<Token> tokenize(std::string_view text) const;

  /// Index path: adds the terms of `text` to `doc`, positions continuing from `pos`
  /// (updated). Title words also go under the title prefix and weigh more.
  void index_text(Xapian::Document& doc, std::string_view text, Field field, Xapian::termpos& pos) const;

  /// The terms the index path gives one token (without title-prefixed copies), in a
  /// fixed order: the positional surface term first, then the stem term, if any.
  std::vector<std::string> index_terms(const Token& token) const;

  /// Query path: the terms the query builder searches for one token. Identical to
  /// index_terms(); the query builder decides how to combine them.
  std::vector<std::string> query_terms(const Token& token) const;

  bool is_stop_word(std::string_view folded) const;
  /// Snowball Swedish stem of a folded word.
  std::string stem(std::string_view folded) const;

  /// The longest word indexed, in bytes; longer "words" (hashes, URLs) are skipped.
  static constexpr std::size_t kMaxWordBytes = 64;

 private:
  std::unordered_set<std::string> stopwords_;
};

/// Parses a stop-word list: one word a line, '#' comments, folded.
std::unordered_set<std::string> parse_stopword_list(std::string_view list);

}  // namespace fynd
