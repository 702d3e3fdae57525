/** FacetCountSpy: counts the facet values of matches from a FacetColumn, multi-select included, in one walk. */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "facet_column.h"

namespace fynd {

/// A facet's counts by case-folded value (what its boolean filter term matches).
struct FacetTallyEntry {
  std::string display;  ///< a display form of the value
  Xapian::doccount count = 0;
};
using FacetTally = std::unordered_map<std::string, FacetTallyEntry>;

/// Per match: one array read and one increment per counted facet (no strings, no hashing).
///
/// Multi-select in one walk: run it over the query with the selected facets' filters left
/// out and give it each selected facet's filter as a docid bitmap. A match that passes
/// every selection counts for every facet; one that fails exactly one selection counts
/// only for that facet (its "all filters but my own" count); one that fails two counts
/// nowhere. The counts equal those of one filtered pass per selected facet.
///
/// As a Xapian match spy it sees a shard's own docids, so it serves single databases;
/// over several shards feed add() with the docids of an MSet instead.
class FacetCountSpy : public Xapian::MatchSpy {
 public:
  /// A selected facet and the documents its filter lets through.
  struct Selection {
    Facet facet = Facet::Funder;
    std::vector<std::uint8_t> passes;  ///< by docid: 1 if the document matches the filter
  };

  FacetCountSpy(std::shared_ptr<const FacetColumn> column, const std::vector<Facet>& counted,
                std::vector<Selection> selections);

  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override;
  std::string get_description() const override;

  /// Counts one matching document.
  void add(Xapian::docid did) {
    unsigned fails = 0;
    std::size_t failed = 0;
    for (std::size_t i = 0; i < selections_.size(); ++i) {
      const auto& passes = selections_[i].passes;
      if (did >= passes.size() || passes[did] == 0) {
        if (++fails > 1) return;
        failed = i;
      }
    }
    if (fails == 0) {
      for (Counted& c : counted_) ++c.set_counts[c.column->set_of(did)];
    } else if (const int k = selection_counted_[failed]; k >= 0) {
      Counted& c = counted_[static_cast<std::size_t>(k)];
      ++c.set_counts[c.column->set_of(did)];
    }
  }

  /// The counts of a facet given to the constructor.
  FacetTally tally(Facet facet) const;

 private:
  struct Counted {
    Facet facet;
    const FacetColumn::Column* column;
    std::vector<Xapian::doccount> set_counts;  ///< by value set
  };
  std::shared_ptr<const FacetColumn> owner_;
  std::vector<Counted> counted_;
  std::vector<Selection> selections_;
  std::vector<int> selection_counted_;  ///< selection -> index in counted_, or -1
};

/// The counts of a Xapian::ValueCountMatchSpy over a facet slot (one entry per distinct
/// slot string, counted where the documents are, e.g. on a remote shard), split into
/// values as the column splits them: '\n'-separated, trimmed, case-folded, once per document.
FacetTally tally_slot_counts(const Xapian::ValueCountMatchSpy& spy);

}  // namespace fynd
