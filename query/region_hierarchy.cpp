#include "region_hierarchy.h"

#include <algorithm>
#include <functional>
#include <map>
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

int level_rank(std::string_view level) {
  if (level == "riksområde") return 0;
  if (level == "land") return 1;
  return 2;
}

void sort_siblings(std::vector<RegionNode>& nodes, bool roots) {
  std::sort(nodes.begin(), nodes.end(), [roots](const RegionNode& a, const RegionNode& b) {
    if (roots && level_rank(a.level) != level_rank(b.level)) return level_rank(a.level) < level_rank(b.level);
    if (a.count != b.count) return a.count > b.count;
    return a.value < b.value;
  });
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
    const Place place{std::string(text::trim(cols[1])), cols.size() > 2 ? std::string(text::trim(cols[2])) : "",
                      std::string(text::trim(cols[0]))};
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

namespace fynd {

std::vector<RegionNode> RegionHierarchy::tree(const std::vector<FacetValue>& values) const {
  struct Entry {
    RegionNode node;
    std::string parent_key;  ///< folded parent name, empty at the top
  };
  std::vector<Entry> entries;
  std::map<std::string, std::size_t> by_key;  // folded value -> entry
  // Keyed by the canonical name, so that an alias and its parent's name meet.
  auto key_of = [&](const std::string& value) {
    auto place = find(value);
    return text::fold_case(text::trim(place ? place->name : value));
  };
  auto add = [&](const std::string& value, std::uint64_t count, bool selected) {
    const std::string key = key_of(value);
    if (key.empty() || by_key.count(key) > 0) return;
    Entry e;
    e.node.value = value;
    e.node.count = count;
    e.node.selected = selected;
    if (auto place = find(value)) {
      e.node.level = place->level;
      if (!place->parent.empty()) e.parent_key = key_of(place->parent);
    }
    if (e.parent_key == key) e.parent_key.clear();
    by_key.emplace(key, entries.size());
    entries.push_back(std::move(e));
  };
  for (const FacetValue& v : values) add(v.value, v.count, v.selected);
  // Ancestors the facet did not list (a selected value that matches nothing): count 0.
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string parent = entries[i].parent_key;
    if (parent.empty() || by_key.count(parent) > 0) continue;
    std::string display;
    if (auto place = find(entries[i].node.value)) display = place->parent;
    add(display, 0, false);
  }
  std::map<std::string, std::vector<std::size_t>> children;  // folded parent -> entries
  for (std::size_t i = 0; i < entries.size(); ++i) children[entries[i].parent_key].push_back(i);
  // Build from the top; a value is placed once, so a loop in the data cannot recurse forever.
  std::vector<bool> placed(entries.size(), false);
  std::function<std::vector<RegionNode>(const std::string&, bool)> build = [&](const std::string& parent, bool roots) {
    std::vector<RegionNode> out;
    auto it = children.find(parent);
    if (it == children.end()) return out;
    for (std::size_t i : it->second) {
      if (placed[i]) continue;
      placed[i] = true;
      RegionNode node = entries[i].node;
      node.children = build(key_of(node.value), false);
      out.push_back(std::move(node));
    }
    sort_siblings(out, roots);
    return out;
  };
  return build("", true);
}

void to_json(nlohmann::json& j, const RegionNode& node) {
  j = nlohmann::json{{"value", node.value},
                     {"level", node.level},
                     {"count", node.count},
                     {"selected", node.selected},
                     {"children", node.children}};
}

}  // namespace fynd
