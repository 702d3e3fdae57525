#include "region_hierarchy.h"

#include <vector>

#include "resources.h"
#include "text.h"

namespace fynd {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

}  // namespace

const RegionHierarchy& RegionHierarchy::shared() {
  static const RegionHierarchy hierarchy(resources::find("data/gazetteers/regions.tsv").value_or(""));
  return hierarchy;
}

RegionHierarchy::RegionHierarchy(std::string_view tsv) {
  bool header_seen = false;
  for (std::string_view line : split(tsv, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const auto cols = split(line, '\t');
    if (cols.size() < 2) continue;
    if (!header_seen && cols[0] == "name") {
      header_seen = true;
      continue;
    }
    const Place place{std::string(text::trim(cols[1])), cols.size() > 2 ? std::string(text::trim(cols[2])) : ""};
    places_.emplace(text::fold_case(text::trim(cols[0])), place);
    if (cols.size() > 3) {
      for (std::string_view alias : split(cols[3], '|')) {
        if (!text::trim(alias).empty()) places_.emplace(text::fold_case(text::trim(alias)), place);
      }
    }
  }
}

std::optional<RegionHierarchy::Place> RegionHierarchy::find(std::string_view name) const {
  auto it = places_.find(text::fold_case(text::trim(name)));
  if (it == places_.end()) return std::nullopt;
  return it->second;
}

}  // namespace fynd
