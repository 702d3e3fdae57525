/** RegionHierarchy: level and parent of a region name, from the regions gazetteer if compiled in. */
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search_request.h"

namespace fynd {

/// A region facet value with the values one level down, for a drill-down list.
struct RegionNode {
  std::string value;  ///< display form, as in the region facet
  std::string level;  ///< riksområde, län, kommun, land, utländsk kommun; empty if unknown
  std::uint64_t count = 0;
  bool selected = false;
  std::vector<RegionNode> children;
};

/// Reads data/gazetteers/regions.tsv (name, level, parent, aliases) through core/resources.h.
/// Without the file every lookup is empty. Names and aliases are matched case-folded; a
/// name listed twice (Stockholm: riksområde and kommun) keeps its first row.
class RegionHierarchy {
 public:
  struct Place {
    std::string level;   ///< kommun, län, riksområde, land, utländsk kommun
    std::string parent;  ///< display name one level up, or empty
    std::string name;    ///< the canonical name (the row's first column)
  };

  /// The process-wide hierarchy, parsed on first use.
  static const RegionHierarchy& shared();
  /// Parses a gazetteer in the regions.tsv format.
  explicit RegionHierarchy(std::string_view tsv);

  std::optional<Place> find(std::string_view name) const;
  bool empty() const { return places_.empty(); }

  /// The region facet values as a tree by parent: riksområden (then countries abroad, then
  /// values of unknown level) at the top, län below them, kommuner below those. A parent
  /// missing from `values` is added with count 0. Siblings: most projects first, then name.
  std::vector<RegionNode> tree(const std::vector<FacetValue>& values) const;

 private:
  std::unordered_map<std::string, Place> places_;
};

/// {"value","level","count","selected","children":[...]}
void to_json(nlohmann::json& j, const RegionNode& node);

}  // namespace fynd
