#include "facet_count_spy.h"

#include <algorithm>
#include <vector>

#include "text.h"

namespace fynd {

void FacetCountSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  ++seen_;
  const std::string slot = doc.get_value(slot_);
  if (slot.empty()) return;
  auto it = slot_index_.find(std::string_view(slot));
  if (it == slot_index_.end()) {
    it = slot_index_.emplace(slot, slots_.size()).first;
    slots_.push_back(Slot{it->first, 0, 0});
  }
  ++slots_[it->second].count;
  dirty_ = true;
}

void FacetCountSpy::split_pending() const {
  // Display value -> folded key: the same value recurs in many slot strings (a län in
  // every kommun's slot) and folding non-ASCII text goes through ICU.
  std::unordered_map<std::string_view, std::string> folded;
  std::vector<const std::string*> this_slot;  // folded keys already counted for this slot string
  for (Slot& s : slots_) {
    if (s.count == s.split) continue;
    const Xapian::doccount add = s.count - s.split;
    s.split = s.count;
    this_slot.clear();
    std::size_t start = 0;
    while (start < s.content.size()) {
      std::size_t nl = s.content.find('\n', start);
      if (nl == std::string_view::npos) nl = s.content.size();
      const std::string_view value = s.content.substr(start, nl - start);
      start = nl + 1;
      if (value.empty()) continue;
      auto f = folded.find(value);
      if (f == folded.end()) f = folded.emplace(value, text::fold_case(text::trim(value))).first;
      const std::string& key = f->second;
      if (key.empty() || std::any_of(this_slot.begin(), this_slot.end(), [&](const std::string* k) { return *k == key; })) {
        continue;
      }
      Entry& e = counts_[key];
      if (e.count == 0) e.display = std::string(value);
      e.count += add;
      this_slot.push_back(&key);
    }
  }
  dirty_ = false;
}

const std::unordered_map<std::string, FacetCountSpy::Entry>& FacetCountSpy::counts() const {
  if (dirty_) split_pending();
  return counts_;
}

Xapian::MatchSpy* FacetCountSpy::clone() const { return new FacetCountSpy(slot_); }

std::string FacetCountSpy::name() const { return "fynd::FacetCountSpy"; }

std::string FacetCountSpy::get_description() const {
  return "FacetCountSpy(slot " + std::to_string(slot_) + ", " + std::to_string(counts().size()) + " values)";
}

}  // namespace fynd
