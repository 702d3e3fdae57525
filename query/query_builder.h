/** QueryBuilder: turns fynd's query syntax and a SearchRequest's filters into Xapian queries. */
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer.h"
#include "facet_value_resolver.h"
#include "search_request.h"
#include "word_forms.h"

namespace fynd {

/// The text part of a request, parsed: the Xapian query plus what a snippet should mark.
struct ParsedQuery {
  Xapian::Query query;        ///< MatchAll when the query text is blank
  bool blank = true;          ///< the query text had nothing to search for (browse mode)
  bool implicit_or = false;   ///< long query: words were OR-ed (ranked) rather than AND-ed
  std::set<std::string> highlight_terms;     ///< surface words and Z-stems of positive words
  std::vector<std::string> highlight_prefixes;  ///< folded prefixes of `word*` wildcards
  /// Canonical values the text's funder:/region:/theme: fields select (not under NOT).
  std::map<Facet, std::vector<std::string>> field_selections;
  /// Field values that matched no known value, with the nearest known ones.
  std::vector<FilterSuggestion> filter_suggestions;
};

/// Parses the query syntax (documented in docs/query.md and `fynd-query --help`):
///
///  - words: each word matches its Swedish stem (`Z` term) or, weighted a bit higher,
///    its exact form; a word the Analyzer splits into several tokens ("ESF-stöd") is a phrase;
///  - "quoted phrases" (positional, stop words kept inside); with an index, also the
///    inflections and compounds of their words that the index holds, below the exact phrase;
///  - a hyphenated word ("e-hälsa") also as its closed form ("ehälsa"), and a closed word
///    with a letter prefix as the hyphenated phrase; a rare compound also as its parts near
///    each other (rare_compound_parts());
///  - AND, OR, NOT (also OCH, ELLER, INTE in capitals), `+word` (required), `-word` (excluded),
///    parentheses;
///  - `word*` trailing wildcard, on exact forms and on stems;
///  - fields: `title:` (title words), `funder:`, `region:`, `year:`, `theme:` (boolean facet
///    filters, value a word or a "quoted value"), `year:2018..2021` (any year in range);
///    funder, region and theme values go through FacetValueResolver (`funder:ESF`).
///
/// Implicit operator: words written side by side are AND-ed while the query has at most
/// kMaxAndWords content (non-stop) words; a longer text (a pasted description) is OR-ed so
/// that the closest projects rank first. `+word`, field filters and an explicit AND stay
/// required in both modes. Stop words alone are dropped unless the query has nothing else.
///
/// Malformed input (unbalanced quote or parenthesis, dangling operator, unknown field, bad
/// year range) throws QueryError with a one-line message.
class QueryBuilder {
 public:
  /// Content words up to which side-by-side words are AND-ed.
  static constexpr std::size_t kMaxAndWords = 6;
  /// Weight factor of a word's exact form relative to its stem.
  static constexpr double kExactBoost = 1.5;
  /// Most frequent expansions of one wildcard.
  static constexpr Xapian::termcount kWildcardLimit = 200;
  /// Phrase words also match their inflections and the compounds they begin that the
  /// index holds (indexed_forms()): at most this many forms a word, the most frequent,
  /// found among the first kFormScan index terms sharing the word's stem as a prefix.
  static constexpr std::size_t kMaxForms = WordForms::kMaxForms;
  static constexpr std::size_t kFormScan = WordForms::kFormScan;
  /// Weight factors of a phrase matched through inflections ("kommunala partnerskapet"
  /// for "kommunalt partnerskap") and through compounds ("hållbara energisystem" for
  /// "hållbar energi"), in texts without the exact phrase (which weighs kExactBoost).
  static constexpr double kPhraseInflectionWeight = 0.5;
  static constexpr double kPhraseCompoundWeight = 0.25;
  /// A compound query word in fewer documents than this also searches its parts near each
  /// other (rare_compound_parts()), within kPartsWindow words, at kPartsWeight.
  static constexpr Xapian::doccount kRareCompoundDocs = WordForms::kRareCompoundDocs;
  static constexpr Xapian::termcount kPartsWindow = 6;
  static constexpr double kPartsWeight = 0.4;

  /// `db` (optional) lets year ranges without an upper or lower bound use the years
  /// present in the index.
  explicit QueryBuilder(const Analyzer& analyzer, const Xapian::Database* db = nullptr);

  /// The text query alone.
  ParsedQuery parse(std::string_view query_text) const;

  /// The filters of a request (facets, year and budget ranges, kind), AND-ed; nullopt when
  /// the request has none. Facet values are resolved (FacetValueResolver::select): `ESF`
  /// filters as "Europeiska socialfonden". `except` leaves one facet's selection out
  /// (multi-select counts).
  std::optional<Xapian::Query> filter(const SearchRequest& request, std::optional<Facet> except = std::nullopt) const;

  /// parse(request.query) filtered by filter(request).
  Xapian::Query build(const SearchRequest& request) const;

  /// Applies an optional filter to a query.
  static Xapian::Query apply_filter(const Xapian::Query& query, const std::optional<Xapian::Query>& filter);

  /// The terms of one typed word, as parse() searches it; empty for punctuation. `ranked`
  /// (a long OR-ed query) leaves out the exact form: the stem and expansions only, all of
  /// them matching. Otherwise the expansions WordForms::expansions() says may not add
  /// matches only weigh the word's matches (OP_AND_MAYBE), or, with `weigh_only`, are
  /// appended there for the caller to weigh a larger query with.
  Xapian::Query word_query(const Token& token, bool ranked = false, std::vector<Xapian::Query>* weigh_only = nullptr) const;

  /// The resolver of funder, region and theme values (with the index's values when `db` was given).
  const FacetValueResolver& resolver() const { return resolver_; }
  /// The positional terms (surface forms) the index holds for one word, `prefix` + form:
  /// the word itself first, then its inflections, then (with `modifiers`) compounds that
  /// begin with it; at most kMaxForms, the most frequent. Just the word without an index.
  std::vector<std::string> indexed_forms(const Token& token, std::string_view prefix, bool modifiers) const;

  /// The parts of a compound query word, as tokens, when the word is in fewer than
  /// kRareCompoundDocs documents of the index (solenergi -> sol, energi); empty otherwise,
  /// and always without an index.
  std::vector<Token> rare_compound_parts(const Token& token) const;

 private:
  const Analyzer& analyzer_;
  const Xapian::Database* db_;
  FacetValueResolver resolver_;
};

/// Checks a request's query syntax and ranges without opening an index; throws QueryError.
void validate_request(const SearchRequest& request, const Analyzer& analyzer);

}  // namespace fynd
