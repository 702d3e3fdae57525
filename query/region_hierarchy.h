/** RegionHierarchy: level and parent of a region name, from the regions gazetteer if compiled in. */
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fynd {

/// Reads data/gazetteers/regions.tsv (name, level, parent, aliases) through core/resources.h.
/// Without the file every lookup is empty. Names and aliases are matched case-folded; a
/// name listed twice (Stockholm: riksområde and kommun) keeps its first row.
class RegionHierarchy {
 public:
  struct Place {
    std::string level;   ///< kommun, län, riksområde, land, utländsk kommun
    std::string parent;  ///< display name one level up, or empty
  };

  /// The process-wide hierarchy, parsed on first use.
  static const RegionHierarchy& shared();
  /// Parses a gazetteer in the regions.tsv format.
  explicit RegionHierarchy(std::string_view tsv);

  std::optional<Place> find(std::string_view name) const;
  bool empty() const { return places_.empty(); }

 private:
  std::unordered_map<std::string, Place> places_;
};

}  // namespace fynd
