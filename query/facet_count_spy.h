/** FacetCountSpy: a Xapian match spy counting every value of a multi-valued facet slot. */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "word_cache.h"

namespace fynd {

/// Xapian's ValueCountMatchSpy counts a slot's whole content as one value; a fynd facet
/// slot holds several display values ('\n'-separated, core/facet_values.h). This spy
/// counts each value once per document, grouped by its case-folded form, which is exactly
/// what the facet's boolean filter term matches.
///
/// Many documents share the same slot content (one funder, the same years, a region with
/// all its levels), so a match only counts its slot string (one hash probe, no decoding);
/// the distinct slot strings are split and folded once, when counts() is first asked for.
class FacetCountSpy : public Xapian::MatchSpy {
 public:
  struct Entry {
    std::string display;  ///< the first display form seen
    Xapian::doccount count = 0;
  };

  explicit FacetCountSpy(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override;
  std::string get_description() const override;

  /// Counts by case-folded value.
  const std::unordered_map<std::string, Entry>& counts() const;
  /// Matching documents the spy saw.
  Xapian::doccount documents_seen() const { return seen_; }

 private:
  /// Splits the slot strings counted since the last call into counts_.
  void split_pending() const;

  Xapian::valueno slot_;
  Xapian::doccount seen_ = 0;
  /// Distinct non-empty slot strings -> index into slots_.
  std::unordered_map<std::string, std::size_t, WordHash, std::equal_to<>> slot_index_;
  /// Distinct slot strings in the order first seen, with their document counts; the
  /// order keeps "the first display form seen" the same as counting document by document.
  struct Slot {
    std::string_view content;  ///< the key in slot_index_ (map nodes do not move)
    Xapian::doccount count = 0;
    Xapian::doccount split = 0;  ///< the part of count already added to counts_
  };
  mutable std::vector<Slot> slots_;
  mutable std::unordered_map<std::string, Entry> counts_;
  mutable bool dirty_ = false;
};

}  // namespace fynd
