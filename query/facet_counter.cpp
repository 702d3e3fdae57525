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
                           const Xapian::Query& text_query, std::shared_ptr<const FacetColumn> column)
    : db_(db), builder_(builder), request_(request), text_query_(text_query), column_(std::move(column)) {
  for (Facet f : request.facets) {
    if (std::find(facets_.begin(), facets_.end(), f) != facets_.end()) continue;
    facets_.push_back(f);
    if (!column_ && !has_selection(request, f)) {
      shared_[f] = std::make_unique<Xapian::ValueCountMatchSpy>(Schema::facet_slot(f));
    }
  }
  for (Facet f : kAllFacets) any_selection_ = any_selection_ || has_selection(request, f);
}

void FacetCounter::attach(Xapian::Enquire& main_run) {
  attached_ = true;
  if (!column_) {
    for (auto& [facet, spy] : shared_) main_run.add_matchspy(spy.get());
    return;
  }
  // A spy sees shard docids; over several shards result() walks an MSet instead.
  if (any_selection_ || db_.size() != 1 || facets_.empty()) return;
  main_spy_ = std::make_unique<FacetCountSpy>(column_, facets_, std::vector<FacetCountSpy::Selection>{});
  main_run.add_matchspy(main_spy_.get());
}

void FacetCounter::run_pass(const Xapian::Query& query, const std::vector<Xapian::MatchSpy*>& spies) const {
  if (spies.empty()) return;
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  for (Xapian::MatchSpy* spy : spies) enquire.add_matchspy(spy);
  enquire.get_mset(0, 0, db_.get_doccount());
}

std::map<Facet, std::vector<FacetValue>> FacetCounter::result(const MatchSet* matches) {
  return column_ ? column_result(matches) : slot_result();
}

Xapian::Query FacetCounter::relaxed_query() const {
  SearchRequest unfaceted = request_;
  unfaceted.filters.clear();
  return QueryBuilder::apply_filter(text_query_, builder_.filter(unfaceted));
}

std::vector<std::uint8_t> FacetCounter::selection_bitmap(Facet facet) const {
  SearchRequest one;
  one.filters[facet] = request_.filters.at(facet);
  std::vector<std::uint8_t> passes(static_cast<std::size_t>(db_.get_lastdocid()) + 1, 0);
  const std::optional<Xapian::Query> filter = builder_.filter(one);
  if (!filter) return passes;
  // A facet selection is an OR of the facet's boolean terms (QueryBuilder::filter), so
  // the union of their posting lists is exactly what it lets through.
  for (auto t = filter->get_unique_terms_begin(); t != filter->get_unique_terms_end(); ++t) {
    for (auto p = db_.postlist_begin(*t); p != db_.postlist_end(*t); ++p) {
      if (*p < passes.size()) passes[*p] = 1;
    }
  }
  return passes;
}

std::optional<Xapian::Query> FacetCounter::multi_select_query() const {
  if (!column_ || !any_selection_ || facets_.empty()) return std::nullopt;
  return relaxed_query();
}

void FacetCounter::count_matches(const Xapian::Query& query) {
  if (const std::optional<MatchSet> set = MatchSet::evaluate(db_, query, revision_)) {
    set->for_each([&](Xapian::docid did) { main_spy_->add(did); });
  } else if (db_.size() == 1) {
    run_pass(query, {main_spy_.get()});
  } else {
    // A spy sees shard docids: walk an MSet's (combined) docids instead.
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet all = enquire.get_mset(0, db_.get_doccount());
    for (auto it = all.begin(); it != all.end(); ++it) main_spy_->add(*it);
  }
}

std::map<Facet, std::vector<FacetValue>> FacetCounter::column_result(const MatchSet* matches) {
  std::map<Facet, std::vector<FacetValue>> out;
  if (facets_.empty()) return out;
  if (!main_spy_) {
    std::vector<FacetCountSpy::Selection> selections;
    for (Facet f : kAllFacets) {
      if (has_selection(request_, f)) selections.push_back(FacetCountSpy::Selection{f, selection_bitmap(f)});
    }
    std::vector<Facet> selected, unselected;
    for (Facet f : facets_) (has_selection(request_, f) ? selected : unselected).push_back(f);
    if (matches != nullptr && !unselected.empty()) {
      // A facet without a selection counts the search's own matches. (The relaxed walk
      // would count a match that passes a selection only through the query text's field,
      // e.g. region:X with region Y selected, which the search itself does not match.)
      unselected_spy_ = std::make_unique<FacetCountSpy>(column_, unselected, std::vector<FacetCountSpy::Selection>{});
      matches->for_each([&](Xapian::docid did) { unselected_spy_->add(did); });
    }
    if (!unselected_spy_ || !selected.empty()) {
      main_spy_ = std::make_unique<FacetCountSpy>(column_, unselected_spy_ ? selected : facets_, std::move(selections));
      if (multi_select_set_ && any_selection_) {  // built beside the ranking run
        multi_select_set_->for_each([&](Xapian::docid did) { main_spy_->add(did); });
      } else {
        count_matches(any_selection_ ? relaxed_query() : QueryBuilder::apply_filter(text_query_, builder_.filter(request_)));
      }
    }
  }
  for (Facet f : facets_) {
    const bool own = unselected_spy_ && !has_selection(request_, f);
    out[f] = values(f, own ? unselected_spy_->tally(f) : main_spy_->tally(f));
  }
  return out;
}

std::map<Facet, std::vector<FacetValue>> FacetCounter::slot_result() {
  std::map<Facet, std::vector<FacetValue>> out;
  if (!attached_) {
    std::vector<Xapian::MatchSpy*> spies;
    for (auto& [facet, spy] : shared_) spies.push_back(spy.get());
    run_pass(QueryBuilder::apply_filter(text_query_, builder_.filter(request_)), spies);
    attached_ = true;
  }
  for (Facet f : facets_) {
    auto it = shared_.find(f);
    if (it != shared_.end()) {
      out[f] = values(f, tally_slot_counts(*it->second));
      continue;
    }
    Xapian::ValueCountMatchSpy spy(Schema::facet_slot(f));
    run_pass(QueryBuilder::apply_filter(text_query_, builder_.filter(request_, f)), {&spy});
    out[f] = values(f, tally_slot_counts(spy));
  }
  return out;
}

std::vector<FacetValue> FacetCounter::values(Facet facet, const FacetTally& counts) const {
  std::vector<std::string> selected_keys;
  if (auto sel = request_.filters.find(facet); sel != request_.filters.end()) {
    for (const std::string& v : sel->second) {
      if (!text::trim(v).empty()) selected_keys.push_back(text::fold_case(text::trim(v)));
    }
  }
  auto is_selected = [&](const std::string& key) {
    return std::find(selected_keys.begin(), selected_keys.end(), key) != selected_keys.end();
  };
  // Ranked by reference first; only the values kept are copied out (a facet such as region
  // has hundreds of values, of which max_facet_values are shown).
  struct Candidate {
    const std::string* value;
    std::uint64_t count;
    bool selected;
  };
  std::vector<Candidate> all;
  all.reserve(counts.size());
  for (const auto& [key, entry] : counts) all.push_back(Candidate{&entry.display, entry.count, is_selected(key)});
  // Selected values that match nothing still appear, so a user can unselect them.
  std::vector<std::string> unmatched;
  if (auto sel = request_.filters.find(facet); sel != request_.filters.end()) {
    unmatched.reserve(sel->second.size());  // `all` points into it: no reallocation
    for (const std::string& v : sel->second) {
      const std::string key = text::fold_case(text::trim(v));
      if (key.empty() || counts.count(key) > 0) continue;
      if (std::any_of(all.begin(), all.end(), [&](const Candidate& c) { return text::fold_case(*c.value) == key; })) continue;
      unmatched.emplace_back(text::trim(v));
      all.push_back(Candidate{&unmatched.back(), 0, true});
    }
  }
  const auto before = [](const Candidate& a, const Candidate& b) {
    if (a.count != b.count) return a.count > b.count;
    return *a.value < *b.value;
  };
  // Keep the most frequent values and every selected one, most frequent first.
  const std::size_t top = std::min(all.size(), request_.max_facet_values);
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(top), all.end(), before);
  const auto rest = std::partition(all.begin() + static_cast<std::ptrdiff_t>(top), all.end(),
                                   [](const Candidate& c) { return c.selected; });
  std::sort(all.begin() + static_cast<std::ptrdiff_t>(top), rest, before);
  std::vector<FacetValue> kept;
  kept.reserve(static_cast<std::size_t>(rest - all.begin()));
  for (auto it = all.begin(); it != rest; ++it) kept.push_back(FacetValue{*it->value, it->count, it->selected, "", ""});
  if (facet == Facet::Region) {
    const RegionHierarchy& regions = RegionHierarchy::shared();
    for (FacetValue& v : kept) {
      if (auto place = regions.find(v.value)) {
        v.level = place->level;
        v.parent = place->parent;
      }
    }
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
