/** Gazetteer: the funders, regions and themes of the data/gazetteers TSV files, loaded once (shared by indexing and by query-side value resolution). */
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer.h"
#include "phrase_index.h"

namespace fynd {

enum class PlaceLevel { Kommun, Lan, Riksomrade, Land, ForeignKommun };

/// One place of regions.tsv.
struct Place {
  std::string name;      ///< canonical display form: "Nässjö", "Jönköpings län"
  PlaceLevel level = PlaceLevel::Kommun;
  int parent = -1;       ///< index of the parent place, -1 at the top
  bool ambiguous = false;  ///< also a common word or name: needs context to fire
  std::vector<std::string> aliases;  ///< other names, as written in regions.tsv
};

/// One funder of funders.tsv.
struct FunderEntry {
  std::string name;
  std::vector<std::string> via;  ///< funders implied by this one
  std::vector<std::string> aliases;  ///< as written in funders.tsv ("=ESF", "socialfond*")
};

/// One theme of themes.tsv with its triggers.
struct ThemeEntry {
  std::string name;
  std::vector<std::string> stems;     ///< Analyzer stems of plain trigger words
  std::vector<std::string> prefixes;  ///< folded "word*" triggers
  std::vector<std::string> suffixes;  ///< folded "*word" triggers
  std::vector<std::string> field_phrases;  ///< folded phrases for structured fields
  std::vector<std::pair<std::string, std::string>> field_values;  ///< key=value
};

std::string_view level_name(PlaceLevel level);

/// Loads and indexes the three gazetteers. Immutable and thread-safe after construction.
class Gazetteer {
 public:
  /// From the compiled-in data files. Throws ConfigError when one is missing or malformed.
  explicit Gazetteer(const Analyzer& analyzer);
  /// From given file contents (tests).
  Gazetteer(const Analyzer& analyzer, std::string_view funders_tsv, std::string_view regions_tsv,
            std::string_view themes_tsv);

  /// The process-wide instance built from the compiled-in files.
  static const Gazetteer& standard();

  const std::vector<Place>& places() const { return places_; }
  const std::vector<FunderEntry>& funders() const { return funders_; }
  const std::vector<ThemeEntry>& themes() const { return themes_; }
  const PhraseIndex& place_index() const { return place_index_; }
  const PhraseIndex& funder_index() const { return funder_index_; }

  /// A place by a structured value at a given level ("Norrbotten" as län ->
  /// "Norrbottens län"; "Småland & Öarna" as riksområde); nullopt if unknown.
  std::optional<int> find_place(std::string_view value, PlaceLevel level) const;
  /// A place by any name or alias, lowest level first.
  std::optional<int> find_place(std::string_view value) const;
  /// A funder by name or alias.
  std::optional<int> find_funder(std::string_view value) const;
  /// The place and all its ancestors, in that order.
  std::vector<int> with_ancestors(int place) const;
  /// Every name and alias word (folded), for the OCR repair lexicon.
  const std::vector<std::string>& name_words() const { return name_words_; }

 private:
  void load_regions(std::string_view tsv);
  void load_funders(std::string_view tsv);
  void load_themes(std::string_view tsv, const Analyzer& analyzer);

  std::vector<Place> places_;
  std::vector<FunderEntry> funders_;
  std::vector<ThemeEntry> themes_;
  PhraseIndex place_index_;
  PhraseIndex funder_index_;
  std::unordered_map<std::string, std::vector<int>> place_keys_;  ///< normalised name -> places
  std::vector<std::string> name_words_;
};

/// Normalises a name for structured lookup: folded words joined by single spaces.
std::string place_key(std::string_view name);

}  // namespace fynd
