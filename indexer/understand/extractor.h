/** Extractor: a project's funders, regions, years, themes, budget and people from its text. */
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer.h"
#include "gazetteer.h"
#include "project.h"
#include "word_cache.h"

namespace fynd {

/// Fills a Project's metadata from its title, text and structured fields, driven by the
/// gazetteers. Every value found is recorded as Evidence. Values the reader already set
/// (raw region names, funder names) are normalised to the gazetteer's canonical forms.
/// Thread-safe: const after construction.
class Extractor {
 public:
  Extractor(const Gazetteer& gazetteer, const Analyzer& analyzer);

  /// Extracts everything from `p.title`, `p.text` and `p.fields`.
  void extract(Project& p) const;

  /// Adds what a project inherits from its page (`page` already extracted): the page's
  /// funders always; its regions when the project names no Swedish kommun of its own;
  /// its period when the project has none.
  void inherit(Project& p, const Project& page) const;

  // The steps of extract(), public for tests.
  void extract_regions(Project& p, std::string_view text) const;
  void extract_funders(Project& p, std::string_view text) const;
  void extract_years(Project& p, std::string_view text) const;
  void extract_themes(Project& p, std::string_view text) const;
  void extract_money(Project& p, std::string_view text) const;
  void extract_people(Project& p, std::string_view text) const;
  void normalise_fields(Project& p) const;

  /// Minimum trigger hits for a theme in free text.
  static constexpr int kThemeThreshold = 2;

 private:
  void add_place(Project& p, int place, const std::string& evidence) const;
  void add_funder(Project& p, int funder, const std::string& evidence) const;

  /// The themes (indices into Gazetteer::themes()) whose triggers a folded word hits.
  std::vector<std::size_t> theme_hits(const std::string& folded) const;

  const Gazetteer& gazetteer_;
  const Analyzer& analyzer_;
  /// theme_hits() per word: the stem and the trigger scan are done once per distinct word.
  mutable WordCache<std::vector<std::size_t>> theme_hits_;
};

/// Parses a Swedish amount: "11 444 103" -> 11444103, "12,8 miljoner kronor" -> 12800000.
/// Returns -1 when `number` is not a number.
long long parse_amount(std::string_view number, std::string_view unit);

}  // namespace fynd
