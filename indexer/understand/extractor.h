/** Extractor: a project's funders, regions, years, themes, budget and people from its text. */
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer.h"
#include "gazetteer.h"
#include "project.h"
#include "provenance.h"
#include "word_cache.h"
#include "word_scanner.h"

namespace fynd {

/// A clause that names a project's partners, and the words it was found in.
struct PartnerClause {
  std::string clause;  ///< "Socialförvaltningen och Arbetsmarknadsavdelningen"
  std::string match;   ///< "samverkansprojekt mellan Socialförvaltningen och …"
  bool operator==(const PartnerClause&) const = default;
};

/// The partner clauses of one sentence (no '.' or '\n' in it), in order: the rest of the
/// sentence after "samverkan mellan/med", "samarbete mellan/med", "tillsammans med",
/// "som drivs av", "samverkansaktörer … är", "samverkanspartner… är" (the leftmost, in
/// any ASCII case), then what comes before each "ingår också".
std::vector<PartnerClause> partner_clauses(std::string_view sentence);

/// Fills a Project's metadata from its title, text and structured fields, driven by the
/// gazetteers. Every value found is recorded as Evidence. Values the reader already set
/// (raw region names, funder names) are normalised to the gazetteer's canonical forms.
/// Thread-safe: const after construction.
class Extractor {
 public:
  Extractor(const Gazetteer& gazetteer, const Analyzer& analyzer);

  /// Extracts everything from `p.title`, `p.text` and `p.fields`. The record's own values
  /// (those a reader set, and `p.fields`) win: free-text values for a field the record
  /// fills are kept only as evidence (used = false), see provenance.h.
  void extract(Project& p) const;

  /// Adds what a project inherits from its page (`page` already extracted): the page's
  /// funders always; its regions when the project names no Swedish kommun of its own;
  /// its period when the project has none.
  void inherit(Project& p, const Project& page) const;

  // The steps of extract(), public for tests.
  void extract_regions(Project& p, std::string_view text) const;
  void extract_funders(Project& p, std::string_view text) const;
  void extract_years(Project& p, std::string_view text) const;
  /// Themes of `p.title` (one trigger suffices) and of `text` (the body; see kThemeDistinctWords).
  void extract_themes(Project& p, std::string_view text) const;
  void extract_money(Project& p, std::string_view text) const;
  void extract_people(Project& p, std::string_view text) const;
  void normalise_fields(Project& p) const;
  /// Themes a funder's programme stands for ("funder=delmos" in themes.tsv: segregation).
  void themes_from_funders(Project& p) const;

  /// A theme is assigned from free text when a trigger word is in the title (and the theme
  /// has a second hit anywhere), or when the body has at least kThemeDistinctWords distinct
  /// trigger words (by stem) and at least kThemeThreshold hits (more in long texts: one per
  /// 250 words), or kThemeRepeatedHits hits of any words (twice the long-text count).
  /// Structured fields and funders map before that.
  static constexpr int kThemeThreshold = 2;
  static constexpr int kThemeDistinctWords = 3;
  static constexpr int kThemeRepeatedHits = 5;

 private:
  // The same steps on the words of `text` (WordScanner::scan), scanned once for all three.
  void extract_regions(Project& p, std::string_view text, const std::vector<Word>& words) const;
  void extract_funders(Project& p, std::string_view text, const std::vector<Word>& words) const;
  void extract_themes(Project& p, std::span<const Word> title_words, std::span<const Word> body) const;

  /// `squashed`: the evidence is text::squash_space()d already.
  void add_place(Project& p, int place, const std::string& evidence, bool squashed = false) const;
  /// Which free-text regions refine the record regions `p` holds (see RegionRefines).
  RegionRefines region_refinement(const Project& p) const;
  void add_funder(Project& p, int funder, const std::string& evidence) const;

  /// A folded word's stem and the themes (indices into Gazetteer::themes()) it triggers.
  struct WordThemes {
    std::string stem;
    std::vector<std::size_t> themes;
  };
  /// The themes of `folded`: valid until the next call on this thread.
  const WordThemes& word_themes(const std::string& folded) const;

  const Gazetteer& gazetteer_;
  const Analyzer& analyzer_;
  /// word_themes() per word: the stem and the trigger scan are done once per distinct word
  /// (shared by the threads), and each thread keeps what it looked up (no lock, no copy).
  mutable WordCache<WordThemes> theme_hits_;
  std::uint64_t id_;  ///< tells this extractor's per-thread memo from another's
};

/// Parses a Swedish amount: "11 444 103" -> 11444103, "12,8 miljoner kronor" -> 12800000.
/// Returns -1 when `number` is not a number.
long long parse_amount(std::string_view number, std::string_view unit);

}  // namespace fynd
