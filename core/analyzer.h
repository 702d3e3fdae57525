/** The Swedish Analyzer: the one place where text becomes terms, for indexing and querying. */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
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
  std::string folded;     ///< stem of the base form without diacritics ("vaxjo"), if it had any
  std::vector<std::string> parts;  ///< stems of a compound's parts and sub-compounds, if split
  /// On the last word of a hyphenated word ("e-hälsa", "ESF-stöd"): its closed form
  /// ("ehälsa", "esfstöd"), whose stem is indexed too so that both spellings meet.
  std::string joined;
};

/// How a word form found in the index relates to a word of a query (form_relation()).
enum class FormRelation {
  None,
  Inflection,  ///< the same lemma: "kommunala" for "kommunalt", "partnerskapet" for "partnerskap"
  Modifier,    ///< a compound whose first part is the word: "energisystem" for "energi"
};

/// A query term with a weight factor relative to the word's own terms (1.0).
struct WeightedTerm {
  std::string term;
  double weight = 1.0;
};

/// Which of the Swedish extensions of the analysis chain are on. All on by default;
/// turning them off gives plain Snowball analysis (for benchmarks and comparisons).
/// An index must be queried with the options it was built with.
struct AnalyzerOptions {
  bool lemmas = true;     ///< stem the Hunspell lemma: projektet -> projekt, insatsen -> insats
  bool compounds = true;  ///< split compounds and index their parts under Schema::kPart
  bool folding = true;    ///< a word typed without diacritics also finds the words with them

  /// All on, unless the environment variable FYND_ANALYSIS is "plain" (all off).
  static AnalyzerOptions from_environment();
};

/// Which field a text belongs to when indexed.
/// Metadata is the project's funders, themes, regions and owner written out as words, so
/// a query word that names them ("segregation", "Delmos") finds the project even when
/// its own text does not repeat them; it weighs between body and title.
enum class Field { Body, Title, Metadata };

/// The analysis chain, in order (each step depends on the one before):
///  1. NFC normalisation of the whole text, so byte offsets refer to one form;
///  2. word breaking as ICU's Swedish word break iterator does it (WordBreaks: on the
///     bytes for Latin-1 text, by ICU otherwise), keeping only word and number segments;
///  3. joining of segments ICU splits but users treat as one word: "2019/00503",
///     e-mail addresses (a hyphenated "ESF-stöd" stays two words, as Xapian does);
///  4. NFKC case folding of each word (ÖREBRO -> örebro, ligatures -> letters);
///  5. stop-word marking against stopwords/sv.txt (folded, so "Och" is a stop word);
///  6. lemmatisation with the Hunspell sv_SE lexicon (SwedishLexicon): the stem of a word
///     is the Snowball stem of its dictionary base form, so definite and irregular forms
///     meet (projektet, projekten -> projekt; ansökningar -> ansökan); a compound's base
///     form is its modifiers plus the base form of its head;
///  7. Snowball Swedish stemming of that base form (of the word itself if unknown);
///  8. compound splitting (CompoundSplitter, needs 6): the stems of the parts and of the
///     shorter compounds inside a word ("arbetsmarknad", "marknad", "avdelning");
///  9. diacritic folding of the stem (needs 7): "växjö" -> "vaxjo".
/// Steps 6-9 are cached per word, so each distinct word is analysed once.
///
/// Thread-safe: all methods are const and per-thread state (stemmer, break iterator,
/// index_text()'s terms of each word) lives in thread-local storage.
class Analyzer {
 public:
  /// The standard Swedish analyzer with the compiled-in stop words and options from
  /// the environment. Throws fynd::Error if the Hunspell sv_SE dictionary is missing.
  Analyzer();
  explicit Analyzer(const AnalyzerOptions& options);
  /// An analyzer with the given stop-word list (one word a line, '#' comments).
  explicit Analyzer(std::string_view stopword_list, const AnalyzerOptions& options = AnalyzerOptions::from_environment());
  ~Analyzer();
  Analyzer(const Analyzer&);
  Analyzer& operator=(const Analyzer&);

  /// Splits and analyses text into tokens.
  std::vector<Token> tokenize(std::string_view text) const;

  /// Steps 1-5 only: the tokens of tokenize() (same words, offsets, kinds, stop marks and
  /// joined forms) without steps 6-9, so `stem`, `folded` and `parts` of words are empty
  /// (numbers, identifiers and e-mail addresses get their stem). For callers that need the
  /// analysis of a few of the words only (snippets): analyse() completes one token.
  std::vector<Token> segment(std::string_view text) const;
  /// Fills in steps 6-9 of a token from segment(): afterwards it equals tokenize()'s.
  void analyse(Token& token) const;

  /// Index path: adds the terms of `text` to `doc`, positions continuing from `pos`
  /// (updated). Title words also go under the title prefix and weigh more.
  void index_text(Xapian::Document& doc, std::string_view text, Field field, Xapian::termpos& pos) const;

  /// The terms the index path gives one token (without title-prefixed copies), in a
  /// fixed order: the positional surface term first, then the stem term, if any.
  std::vector<std::string> index_terms(const Token& token) const;

  /// Query path: the terms the query builder searches for one token. Identical to
  /// index_terms(); the query builder decides how to combine them.
  std::vector<std::string> query_terms(const Token& token) const;

  /// Index path: the terms indexed for a token besides index_terms(), without positions:
  /// its compound parts (Schema::kPart) and the stem of the closed form of a hyphenated
  /// word (Token::joined): "e-hälsa" is indexed with the stem term of "ehälsa", so a
  /// query for either spelling finds it. (The folded stem, Token::folded, is not indexed:
  /// a word typed without diacritics finds the stems that have them through the index's
  /// term list, see WordForms.)
  std::vector<std::string> expansion_terms(const Token& token) const;

  /// Query path with expansions: query_terms() at weight 1, then
  ///  - the part term of its stem (kPartWeight): "marknad" finds "arbetsmarknadsavdelningen";
  ///  - for a compound, the stem and part terms of its parts (kQueryPartWeight):
  ///    "stålindustrins" finds "stål- och metallindustrin";
  ///  - for a word typed without diacritics, the folded term (Schema::kFolded + stem: not
  ///    an index term, but a request that WordForms answers with the index's stems that
  ///    spell it with diacritics) and the stems of its diacritic_variants()
  ///    (kFoldedWeight): "vaxjo" finds "växjö", "halsan" "hälsa";
  ///    a word typed with å/ä/ö gets none, so "här" does not find "har";
  ///  - for a word whose only diacritics are foreign (é, ü), the folded stem too: "idé"
  ///    finds "ide".
  std::vector<WeightedTerm> weighted_query_terms(const Token& token) const;

  /// How the folded word `form` (an index term) relates to `word`: an inflection of the
  /// same lemma, a compound whose first part (modifier) is the word, or neither.
  /// Compounds whose head is the word ("solenergi" for "energi") are None.
  FormRelation form_relation(const Token& word, std::string_view form) const;

  /// The parts of a compound as dictionary words, top-level split only ("besöksnärings|
  /// företag" -> besöksnäring, företag), split loosely (CompoundSplitter::split_loose):
  /// "solenergi" -> sol, energi; empty for a word that is not a compound.
  std::vector<std::string> compound_parts(std::string_view folded) const;

  /// A word written closed that Swedes also write with a hyphen after a first letter
  /// ("ehälsa", "etjänster" for e-hälsa, e-tjänster): the letter and the rest, when the
  /// word is unknown to the lexicon and the rest is a known word of at least
  /// kClosedRestLength letters; empty otherwise.
  std::vector<std::string> letter_prefix_parts(std::string_view folded) const;
  static constexpr std::size_t kClosedRestLength = 4;

  /// The lexicon words a word typed without diacritics may stand for: "halsan" ->
  /// "hälsan"; empty for a word with too many a/o/e/u to try them all.
  std::vector<std::string> diacritic_variants(std::string_view word) const;
  static constexpr std::size_t kMaxDiacriticVariants = 2048;

  /// Weight factors of expansion terms relative to the word's own terms.
  static constexpr double kPartWeight = 0.5;
  static constexpr double kQueryPartWeight = 0.3;
  static constexpr double kFoldedWeight = 0.7;

  bool is_stop_word(std::string_view folded) const;
  /// The Swedish stem of a folded word: Snowball of its lexicon base form (step 6-7).
  std::string stem(std::string_view folded) const;
  /// The lexicon base form of a folded word (step 6); the word itself if unknown.
  std::string lemma(std::string_view folded) const;

  const AnalyzerOptions& options() const { return options_; }
  /// Equal for analyzers that split and analyse every text alike (same stop words and
  /// options): a key for query-side caches of analysed text.
  std::uint64_t fingerprint() const { return fingerprint_; }

  /// The longest word indexed, in bytes; longer "words" (hashes, URLs) are skipped.
  static constexpr std::size_t kMaxWordBytes = 64;

 private:
  struct WordInfo;
  struct Lexical;
  /// Steps 6-9 for one word, cached.
  WordInfo word_info(std::string_view folded) const;
  /// tokenize() (`analysed`) or segment().
  std::vector<Token> split(std::string_view text, bool analysed) const;

  std::unordered_set<std::string> stopwords_;
  AnalyzerOptions options_;
  std::uint64_t fingerprint_ = 0;
  std::shared_ptr<Lexical> lexical_;  ///< lexicon, splitter and caches; shared by copies
};

/// Parses a stop-word list: one word a line, '#' comments, folded.
std::unordered_set<std::string> parse_stopword_list(std::string_view list);

}  // namespace fynd
