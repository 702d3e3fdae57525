/** PlaceWords: the words of the gazetteer's place names, searched through the places' region terms. */
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analyzer.h"
#include "gazetteer.h"

namespace fynd {

/// A query word that names a place ("Umeå", "norrland", "goteborg") finds the projects
/// of that place. A project lists its places at every level (a county-wide project its
/// county, region and dozens of municipalities), so their words are not written into each
/// document as text: a document has one region term per place (Schema::kRegion, with the
/// metadata wdf, so it weighs like a word of the metadata), and a query word is searched
/// by the region terms of the places whose name has one of the word's terms. Only the
/// gazetteer's places go this way; the words of a region name that is not one of them
/// are indexed as before (name_terms()).
///
/// Immutable after construction; shared() is thread-safe.
class PlaceWords {
 public:
  /// A term naming more places than this is a word of place names ("län", "kommun"), not
  /// a place: it finds no places.
  static constexpr std::size_t kMaxPlaces = 8;

  PlaceWords(const Gazetteer& gazetteer, const Analyzer& analyzer);

  /// The standard gazetteer's place words for an analyzer's options, built once per
  /// options (Analyzer::fingerprint()).
  static const PlaceWords& shared(const Analyzer& analyzer);

  /// The terms a region name's words are searched by: the stem, folded (Schema::kFolded)
  /// and joined terms of its words (no surface terms, no compound parts), each once.
  static std::vector<std::string> name_terms(std::string_view name, const Analyzer& analyzer);

  /// The names of the places (at most kMaxPlaces) with `term` among their name_terms();
  /// nullptr if none, or if more.
  const std::vector<std::string>* places(const std::string& term) const;

  /// Whether `name` is a place of the gazetteer, as a project's region list spells it.
  bool is_place(const std::string& name) const { return names_.count(name) > 0; }

 private:
  std::unordered_map<std::string, std::vector<std::string>> by_term_;
  std::unordered_set<std::string> names_;
};

}  // namespace fynd
