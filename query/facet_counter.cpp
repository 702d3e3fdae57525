#include "facet_counter.h"

#include <algorithm>

#include "region_hierarchy.h"
#include "schema.h"
#include "text.h"

namespace fynd {

bool FacetCounter::has_selection(const SearchRequest& request, Facet facet) {
  auto it = request.filters.find(facet);
  if (it == request.filters.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [](const std::string& v) { return !text::trim(v).empty(); });
}

FacetCounter::FacetCounter(const Xapian::Database& db, const QueryBuilder& builder, const SearchRequest& request,
                           const Xapian::Query& text_query)
    : db_(db), builder_(builder), request_(request), text_query_(text_query) {
  for (Facet f : request.facets) {
    if (std::find(facets_.begin(), facets_.end(), f) != facets_.end()) continue;
    facets_.push_back(f);
    if (!has_selection(request, f)) shared_[f] = std::make_unique<FacetCountSpy>(Schema::facet_slot(f));
  }
}

void FacetCounter::attach(Xapian::Enquire& main_run) {
  for (auto& [facet, spy] : shared_) main_run.add_matchspy(spy.get());
  attached_ = true;
}

void FacetCounter::run_pass(const Xapian::Query& query, const std::vector<FacetCountSpy*>& spies) const {
  if (spies.empty()) return;
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  for (FacetCountSpy* spy : spies) enquire.add_matchspy(spy);
  enquire.get_mset(0, 0, db_.get_doccount());
}

std::map<Facet, std::vector<FacetValue>> FacetCounter::result() {
  std::map<Facet, std::vector<FacetValue>> out;
  if (!attached_) {
    std::vector<FacetCountSpy*> spies;
    for (auto& [facet, spy] : shared_) spies.push_back(spy.get());
    run_pass(QueryBuilder::apply_filter(text_query_, builder_.filter(request_)), spies);
    attached_ = true;
  }
  for (Facet f : facets_) {
    auto it = shared_.find(f);
    if (it != shared_.end()) {
      out[f] = values(f, *it->second);
      continue;
    }
    FacetCountSpy spy(Schema::facet_slot(f));
    run_pass(QueryBuilder::apply_filter(text_query_, builder_.filter(request_, f)), {&spy});
    out[f] = values(f, spy);
  }
  return out;
}

std::vector<FacetValue> FacetCounter::values(Facet facet, const FacetCountSpy& spy) const {
  std::vector<FacetValue> all;
  std::vector<std::string> selected_keys;
  if (auto sel = request_.filters.find(facet); sel != request_.filters.end()) {
    for (const std::string& v : sel->second) {
      if (!text::trim(v).empty()) selected_keys.push_back(text::fold_case(text::trim(v)));
    }
  }
  auto is_selected = [&](const std::string& key) {
    return std::find(selected_keys.begin(), selected_keys.end(), key) != selected_keys.end();
  };
  for (const auto& [key, entry] : spy.counts()) {
    FacetValue v;
    v.value = entry.display;
    v.count = entry.count;
    v.selected = is_selected(key);
    all.push_back(std::move(v));
  }
  // Selected values that match nothing still appear, so a user can unselect them.
  if (auto sel = request_.filters.find(facet); sel != request_.filters.end()) {
    for (const std::string& v : sel->second) {
      const std::string key = text::fold_case(text::trim(v));
      if (key.empty() || spy.counts().count(key) > 0) continue;
      if (std::any_of(all.begin(), all.end(), [&](const FacetValue& fv) { return text::fold_case(fv.value) == key; })) continue;
      all.push_back(FacetValue{std::string(text::trim(v)), 0, true, "", ""});
    }
  }
  if (facet == Facet::Region) {
    const RegionHierarchy& regions = RegionHierarchy::shared();
    for (FacetValue& v : all) {
      if (auto place = regions.find(v.value)) {
        v.level = place->level;
        v.parent = place->parent;
      }
    }
  }
  std::sort(all.begin(), all.end(), [](const FacetValue& a, const FacetValue& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.value < b.value;
  });
  // Keep the most frequent values and every selected one.
  std::vector<FacetValue> kept;
  for (FacetValue& v : all) {
    if (kept.size() < request_.max_facet_values || v.selected) kept.push_back(std::move(v));
  }
  if (facet == Facet::Year) {
    std::sort(kept.begin(), kept.end(), [](const FacetValue& a, const FacetValue& b) {
      if (a.value.size() != b.value.size()) return a.value.size() < b.value.size();
      return a.value < b.value;
    });
  }
  return kept;
}

}  // namespace fynd
