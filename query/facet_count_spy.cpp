#include "facet_count_spy.h"

#include <algorithm>
#include <string_view>

#include "text.h"

namespace fynd {

FacetCountSpy::FacetCountSpy(std::shared_ptr<const FacetColumn> column, const std::vector<Facet>& counted,
                             std::vector<Selection> selections)
    : owner_(std::move(column)), selections_(std::move(selections)) {
  for (Facet f : counted) {
    const FacetColumn::Column& col = owner_->column(f);
    counted_.push_back(Counted{f, &col, std::vector<Xapian::doccount>(col.set_count(), 0)});
  }
  for (const Selection& s : selections_) {
    int k = -1;
    for (std::size_t i = 0; i < counted_.size(); ++i) {
      if (counted_[i].facet == s.facet) k = static_cast<int>(i);
    }
    selection_counted_.push_back(k);
  }
}

void FacetCountSpy::operator()(const Xapian::Document& doc, double /*weight*/) { add(doc.get_docid()); }

Xapian::MatchSpy* FacetCountSpy::clone() const {
  std::vector<Facet> counted;
  for (const Counted& c : counted_) counted.push_back(c.facet);
  return new FacetCountSpy(owner_, counted, selections_);
}

std::string FacetCountSpy::name() const { return "fynd::FacetCountSpy"; }

std::string FacetCountSpy::get_description() const {
  return "FacetCountSpy(" + std::to_string(counted_.size()) + " facets, " + std::to_string(selections_.size()) +
         " selections)";
}

FacetTally FacetCountSpy::tally(Facet facet) const {
  FacetTally out;
  for (const Counted& c : counted_) {
    if (c.facet != facet) continue;
    const FacetColumn::Column& col = *c.column;
    std::vector<Xapian::doccount> value_counts(col.keys.size(), 0);
    for (std::size_t set = 1; set < c.set_counts.size(); ++set) {
      const Xapian::doccount n = c.set_counts[set];
      if (n == 0) continue;
      for (std::uint32_t i = col.set_start[set]; i < col.set_start[set + 1]; ++i) value_counts[col.set_values[i]] += n;
    }
    for (std::size_t id = 0; id < value_counts.size(); ++id) {
      if (value_counts[id] > 0) out.emplace(col.keys[id], FacetTallyEntry{col.displays[id], value_counts[id]});
    }
  }
  return out;
}

FacetTally tally_slot_counts(const Xapian::ValueCountMatchSpy& spy) {
  FacetTally out;
  // Display value -> folded key: the same value recurs in many slot strings (a län in
  // every kommun's slot) and folding non-ASCII text goes through ICU.
  std::unordered_map<std::string_view, std::string> folded;
  std::vector<std::string> slot_strings;  // keeps the views of `folded` alive
  std::vector<const std::string*> this_slot;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    slot_strings.push_back(*it);
  }
  std::size_t index = 0;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it, ++index) {
    const std::string_view content = slot_strings[index];
    const Xapian::doccount add = it.get_termfreq();
    this_slot.clear();
    std::size_t start = 0;
    while (start < content.size()) {
      std::size_t nl = content.find('\n', start);
      if (nl == std::string_view::npos) nl = content.size();
      const std::string_view value = content.substr(start, nl - start);
      start = nl + 1;
      if (value.empty()) continue;
      auto f = folded.find(value);
      if (f == folded.end()) f = folded.emplace(value, text::fold_case(text::trim(value))).first;
      const std::string& key = f->second;
      if (key.empty() ||
          std::any_of(this_slot.begin(), this_slot.end(), [&](const std::string* k) { return *k == key; })) {
        continue;
      }
      FacetTallyEntry& e = out[key];
      if (e.count == 0) e.display = std::string(value);
      e.count += add;
      this_slot.push_back(&key);
    }
  }
  return out;
}

}  // namespace fynd
