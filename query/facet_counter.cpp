#include "facet_counter.h"

#include <algorithm>

#include "facet_values.h"
#include "region_hierarchy.h"
#include "schema.h"
#include "text.h"

namespace fynd {
namespace {

// ---- Remote shards (Mode::ServerSide): a minimal version, to be reconciled with the
// FacetCounter rewrite. A stock xapian-tcpsrv cannot run FacetCountSpy, but runs Xapian's
// ValueCountMatchSpy and sends its counts of whole slot strings; they are split into
// their '\n'-separated values here, each value counted once per slot string, by its
// case-folded form (as FacetCountSpy does).
std::unordered_map<std::string, FacetCountSpy::Entry> split_slot_counts(const Xapian::ValueCountMatchSpy& spy) {
  std::unordered_map<std::string, FacetCountSpy::Entry> counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string slot = *it;
    std::vector<std::string> seen;
    for (const std::string& value : decode_facet_values(slot)) {
      const std::string key = text::fold_case(text::trim(value));
      if (key.empty() || std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
      seen.push_back(key);
      FacetCountSpy::Entry& e = counts[key];
      if (e.count == 0) e.display = value;
      e.count += it.get_termfreq();
    }
  }
  return counts;
}
// ---- end of the remote-shard part

}  // namespace

bool FacetCounter::has_selection(const SearchRequest& request, Facet facet) {
  auto it = request.filters.find(facet);
  if (it == request.filters.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [](const std::string& v) { return !text::trim(v).empty(); });
}

FacetCounter::FacetCounter(const Xapian::Database& db, const QueryBuilder& builder, const SearchRequest& request,
                           const Xapian::Query& text_query, Mode mode)
    : db_(db), builder_(builder), request_(request), text_query_(text_query), mode_(mode) {
  for (Facet f : request.facets) {
    if (std::find(facets_.begin(), facets_.end(), f) != facets_.end()) continue;
    facets_.push_back(f);
    if (has_selection(request, f)) continue;
    if (mode_ == Mode::ServerSide) {
      server_shared_[f] = std::make_unique<Xapian::ValueCountMatchSpy>(Schema::facet_slot(f));
    } else {
      shared_[f] = std::make_unique<FacetCountSpy>(Schema::facet_slot(f));
    }
  }
}

void FacetCounter::attach(Xapian::Enquire& main_run) {
  for (auto& [facet, spy] : shared_) main_run.add_matchspy(spy.get());
  for (auto& [facet, spy] : server_shared_) main_run.add_matchspy(spy.get());
  attached_ = true;
}

void FacetCounter::run_pass(const Xapian::Query& query, const std::vector<Xapian::MatchSpy*>& spies) const {
  if (spies.empty()) return;
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  for (Xapian::MatchSpy* spy : spies) enquire.add_matchspy(spy);
  enquire.get_mset(0, 0, db_.get_doccount());
}

std::map<Facet, std::vector<FacetValue>> FacetCounter::result() {
  std::map<Facet, std::vector<FacetValue>> out;
  if (!attached_) {
    std::vector<Xapian::MatchSpy*> spies;
    for (auto& [facet, spy] : shared_) spies.push_back(spy.get());
    for (auto& [facet, spy] : server_shared_) spies.push_back(spy.get());
    run_pass(QueryBuilder::apply_filter(text_query_, builder_.filter(request_)), spies);
    attached_ = true;
  }
  for (Facet f : facets_) {
    if (auto it = shared_.find(f); it != shared_.end()) {
      out[f] = values(f, it->second->counts());
      continue;
    }
    if (auto it = server_shared_.find(f); it != server_shared_.end()) {
      out[f] = values(f, split_slot_counts(*it->second));
      continue;
    }
    const Xapian::Query pass = QueryBuilder::apply_filter(text_query_, builder_.filter(request_, f));
    if (mode_ == Mode::ServerSide) {
      Xapian::ValueCountMatchSpy spy(Schema::facet_slot(f));
      run_pass(pass, {&spy});
      out[f] = values(f, split_slot_counts(spy));
      continue;
    }
    FacetCountSpy spy(Schema::facet_slot(f));
    run_pass(pass, {&spy});
    out[f] = values(f, spy.counts());
  }
  return out;
}

std::vector<FacetValue> FacetCounter::values(Facet facet, const Counts& counts) const {
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
  for (const auto& [key, entry] : counts) {
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
      if (key.empty() || counts.count(key) > 0) continue;
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
