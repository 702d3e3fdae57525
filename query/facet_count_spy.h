/** FacetCountSpy: a Xapian match spy counting every value of a multi-valued facet slot. */
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace fynd {

/// Xapian's ValueCountMatchSpy counts a slot's whole content as one value; a fynd facet
/// slot holds several display values ('\n'-separated, core/facet_values.h). This spy
/// decodes the slot and counts each value once per document, grouped by its case-folded
/// form, which is exactly what the facet's boolean filter term matches.
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
  const std::unordered_map<std::string, Entry>& counts() const { return counts_; }
  /// Matching documents the spy saw.
  Xapian::doccount documents_seen() const { return seen_; }

 private:
  const std::string& folded(const std::string& display);

  Xapian::valueno slot_;
  Xapian::doccount seen_ = 0;
  std::unordered_map<std::string, Entry> counts_;
  std::unordered_map<std::string, std::string> fold_cache_;
};

}  // namespace fynd
