#include "facet_count_spy.h"

#include <algorithm>
#include <vector>

#include "facet_values.h"
#include "text.h"

namespace fynd {

const std::string& FacetCountSpy::folded(const std::string& display) {
  auto it = fold_cache_.find(display);
  if (it == fold_cache_.end()) it = fold_cache_.emplace(display, text::fold_case(text::trim(display))).first;
  return it->second;
}

void FacetCountSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  ++seen_;
  const std::string slot = doc.get_value(slot_);
  if (slot.empty()) return;
  std::vector<const std::string*> this_doc;  // folded keys already counted for this document
  for (const std::string& value : decode_facet_values(slot)) {
    const std::string& key = folded(value);
    if (key.empty()) continue;
    if (std::find_if(this_doc.begin(), this_doc.end(), [&](const std::string* k) { return *k == key; }) !=
        this_doc.end()) {
      continue;
    }
    this_doc.push_back(&key);
    Entry& e = counts_[key];
    if (e.count == 0) e.display = value;
    ++e.count;
  }
}

Xapian::MatchSpy* FacetCountSpy::clone() const { return new FacetCountSpy(slot_); }

std::string FacetCountSpy::name() const { return "fynd::FacetCountSpy"; }

std::string FacetCountSpy::get_description() const {
  return "FacetCountSpy(slot " + std::to_string(slot_) + ", " + std::to_string(counts_.size()) + " values)";
}

}  // namespace fynd
