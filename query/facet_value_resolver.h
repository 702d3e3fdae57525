/** FacetValueResolver: maps the facet values people type (ESF, Värmland, jonkoping, IKT) onto the canonical values of the index. */
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "search_request.h"

namespace fynd {

/// What one typed filter value selects.
struct FacetResolution {
  std::vector<std::string> values;       ///< canonical display values, OR-ed; empty: nothing matches
  std::vector<std::string> suggestions;  ///< nearest known values, when `values` is empty
};

/// Resolves funder, region and theme filter values; year values pass through unchanged.
///
/// A typed value is compared case- and diacritic-insensitively (words folded, punctuation
/// dropped: "jonkoping" = "Jönköping", "västra götaland" = "Västra Götaland"). A value that
/// is itself a value — one the index holds, or a gazetteer's canonical name — means that
/// value alone (so a facet value selects itself: "Jönköping" is the kommun). Any other
/// value is read through
///
///  - funders: funders.tsv names and aliases (`ESF`, `ERUF`, `ERDF`), their prefix aliases
///    (`socialfond*` takes "Socialfonden", `regionalfond*` "Regionalfonden"), genitives;
///  - regions: regions.tsv aliases (`Värmland` = Värmlands län), genitives, "<name> län"
///    and "<name>s län", and "<name> kommun" ("Jönköpings" = the kommun Jönköping and
///    Jönköpings län);
///  - themes: theme names, data/gazetteers/theme_aliases.tsv (`IKT`, `SMF`, `FoU`,
///    `Digitalisering`), and themes.tsv "field values" phrases found in the value (the
///    ERDF tematiskt mål texts), as the indexer reads a structured field;
///
/// Failing all of that, the variants of the value's synonyms.tsv group are tried
/// ("informations- och kommunikationsteknologi" -> IKT). A value with several readings
/// selects all of them, OR-ed (see docs/query.md). A value that matches nothing selects
/// nothing and comes with the nearest known values (edit distance on folded forms).
class FacetValueResolver {
 public:
  static constexpr std::size_t kMaxSuggestions = 3;

  /// `db` (optional) adds the values present in the index and their display forms.
  explicit FacetValueResolver(const Xapian::Database* db = nullptr);

  FacetResolution resolve(Facet facet, std::string_view value) const;
  /// resolve() without the suggestions: what the value selects.
  std::vector<std::string> select(Facet facet, std::string_view value) const;

  /// Replaces the funder, region and theme values of request.filters by what they select
  /// (canonical, no duplicates). A value that matches nothing stays as typed, so that it
  /// still selects nothing; it is returned with its suggestions.
  std::vector<FilterSuggestion> resolve_filters(SearchRequest& request) const;

  /// The comparison form: folded words without diacritics, joined by single spaces.
  static std::string folded_key(std::string_view value);

 private:
  /// folded key -> the index's values of a facet (as stored in terms: case-folded).
  const std::map<std::string, std::vector<std::string>>& index_values(Facet facet) const;
  /// The display form of a value the index holds (from a document's value slot).
  std::string display_form(Facet facet, const std::string& folded_value) const;
  /// Readings of one value without the synonyms fallback.
  std::vector<std::string> readings(Facet facet, const std::string& key) const;
  std::vector<std::string> suggestions(Facet facet, const std::string& key) const;

  using ValueMap = std::map<std::string, std::vector<std::string>>;

  const Xapian::Database* db_;
  /// Read from the index once per database revision and facet, shared by every resolver
  /// of the process (per resolver for several shards or an in-memory database).
  mutable std::map<Facet, std::shared_ptr<const ValueMap>> index_values_;
};

}  // namespace fynd
