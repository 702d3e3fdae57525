#include "analytics.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "error.h"
#include "facet_values.h"
#include "query_builder.h"
#include "schema.h"
#include "text.h"

namespace fynd {
namespace {

bool year_less(const std::string& a, const std::string& b) {
  if (a.empty() != b.empty()) return b.empty();  // "no value" last
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

/// Collects, per group of facet values, the count and the budgets of matching documents.
class StatsSpy : public Xapian::MatchSpy {
 public:
  struct Group {
    std::uint64_t count = 0;
    std::vector<std::int64_t> budgets;  ///< whole budgets of the group's projects
    std::int64_t share = 0;             ///< the group's share of them (see BudgetBy)
  };

  StatsSpy(std::vector<Facet> by, BudgetBy budget_by) : by_(std::move(by)), budget_by_(budget_by) {}

  void operator()(const Xapian::Document& doc, double /*weight*/) override {
    ++total_;
    std::optional<std::int64_t> budget;
    const std::string b = doc.get_value(Schema::kSlotBudget);
    if (!b.empty()) {
      budget = static_cast<std::int64_t>(std::llround(Xapian::sortable_unserialise(b)));
      budget_sum_ += *budget;
      budgets_.push_back(*budget);
    }
    std::vector<std::vector<std::string>> keys;
    std::vector<std::vector<std::string>> budget_keys;  // the groups the budget goes to
    for (Facet f : by_) {
      std::vector<std::string> values = decode_facet_values(doc.get_value(Schema::facet_slot(f)));
      std::sort(values.begin(), values.end(), [f](const std::string& a, const std::string& c) {
        return f == Facet::Year ? year_less(a, c) : a < c;
      });
      values.erase(std::unique(values.begin(), values.end()), values.end());
      if (values.empty()) values.emplace_back();
      budget_keys.push_back(f == Facet::Year && budget_by_ == BudgetBy::Start ? std::vector<std::string>{values.front()}
                                                                                : values);
      keys.push_back(std::move(values));
    }
    for (const auto& key : combinations(keys)) {
      Group& g = groups_[key];
      ++g.count;
      if (budget) g.budgets.push_back(*budget);
    }
    if (!budget) return;
    // Regions are not divided: a project's regions are nested (kommun, län, riksområde), so
    // each region it lies in gets its whole share; the budget is divided over the other
    // facets' values only.
    std::vector<std::string> regions;
    const auto region_pos = static_cast<std::size_t>(std::find(by_.begin(), by_.end(), Facet::Region) - by_.begin());
    if (region_pos < by_.size()) {
      regions = std::move(budget_keys[region_pos]);
      budget_keys[region_pos] = {std::string()};
    }
    // Whole kronor: the first (budget mod n) groups get one krona more, so the shares add
    // up to the budget exactly.
    auto targets = combinations(budget_keys);
    const auto n = static_cast<std::int64_t>(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const std::int64_t share = *budget / n + (static_cast<std::int64_t>(i) < *budget % n ? 1 : 0);
      if (regions.empty()) {
        groups_[targets[i]].share += share;
        continue;
      }
      for (const std::string& region : regions) {
        targets[i][region_pos] = region;
        groups_[targets[i]].share += share;
      }
    }
  }
  Xapian::MatchSpy* clone() const override { return new StatsSpy(by_, budget_by_); }
  std::string name() const override { return "fynd::StatsSpy"; }

  const std::map<std::vector<std::string>, Group>& groups() const { return groups_; }
  std::uint64_t total() const { return total_; }
  std::int64_t budget_sum() const { return budget_sum_; }
  const std::vector<std::int64_t>& budgets() const { return budgets_; }

 private:
  /// Every combination of one value per facet.
  static std::vector<std::vector<std::string>> combinations(const std::vector<std::vector<std::string>>& keys) {
    std::vector<std::vector<std::string>> out{{}};
    for (const auto& values : keys) {
      std::vector<std::vector<std::string>> next;
      for (const auto& prefix : out) {
        for (const std::string& v : values) {
          next.push_back(prefix);
          next.back().push_back(v);
        }
      }
      out = std::move(next);
    }
    return out;
  }

  std::vector<Facet> by_;
  BudgetBy budget_by_;
  std::map<std::vector<std::string>, Group> groups_;
  std::uint64_t total_ = 0;
  std::int64_t budget_sum_ = 0;
  std::vector<std::int64_t> budgets_;
};

/// Accepts plain surface words: no prefix, not a stop word, not a number, 3+ letters.
class WordDecider : public Xapian::ExpandDecider {
 public:
  explicit WordDecider(const Analyzer& analyzer) : analyzer_(analyzer) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < 3) return false;
    const unsigned char c = static_cast<unsigned char>(term[0]);
    if (c >= 'A' && c <= 'Z') return false;  // a prefixed term (Z, S, X..., Q)
    if (std::all_of(term.begin(), term.end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == '.' || ch == ','; })) {
      return false;
    }
    if (term.find('@') != std::string::npos || term.find('/') != std::string::npos) return false;
    return !analyzer_.is_stop_word(term);
  }

 private:
  const Analyzer& analyzer_;
};

double median(std::vector<std::int64_t> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  if (n % 2 == 1) return static_cast<double>(v[n / 2]);
  return (static_cast<double>(v[n / 2 - 1]) + static_cast<double>(v[n / 2])) / 2.0;
}

}  // namespace

std::string_view facet_label_sv(Facet f) {
  switch (f) {
    case Facet::Funder: return "finansiär";
    case Facet::Region: return "region";
    case Facet::Year: return "år";
    case Facet::Theme: return "tema";
  }
  return "";
}

std::vector<Facet> parse_facet_list(std::string_view list) {
  std::vector<Facet> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    const std::string_view name = text::trim(list.substr(start, comma - start));
    if (!name.empty()) {
      auto f = Schema::facet_from_name(name);
      if (!f) throw QueryError("unknown facet '" + std::string(name) + "' (known: funder, region, year, theme)");
      if (std::find(out.begin(), out.end(), *f) == out.end()) out.push_back(*f);
    }
    start = comma + 1;
  }
  return out;
}

std::string_view budget_by_name(BudgetBy b) { return b == BudgetBy::Start ? "start" : "spread"; }

BudgetBy budget_by_from_name(std::string_view name) {
  if (name == "spread") return BudgetBy::Spread;
  if (name == "start") return BudgetBy::Start;
  throw QueryError("budget_by: expected spread or start, got '" + std::string(name) + "'");
}

std::string budget_label_sv(const StatsResult& r) {
  const bool by_year = std::find(r.by.begin(), r.by.end(), Facet::Year) != r.by.end();
  if (by_year && r.budget_by == BudgetBy::Start) {
    return std::string("hela budgeten på projektets startår") + (r.by.size() > 1 ? ", jämnt fördelad över övriga värden" : "");
  }
  const bool by_region = std::find(r.by.begin(), r.by.end(), Facet::Region) != r.by.end();
  if (by_year && r.by.size() == 1) return "budget jämnt fördelad över projektets år";
  if (by_region && r.by.size() == 1) {
    return "hela budgeten i varje region projektet ligger i; kommun, län och riksområde överlappar";
  }
  if (by_region) {
    return std::string(by_year && r.budget_by == BudgetBy::Start ? "hela budgeten på projektets startår"
                                                                  : "budget jämnt fördelad över projektets år")
           + ", hela beloppet i varje region projektet ligger i";
  }
  return "budget jämnt fördelad över projektets grupper";
}

std::string count_label_sv(const StatsResult& r) {
  const bool by_year = std::find(r.by.begin(), r.by.end(), Facet::Year) != r.by.end();
  std::string out = by_year ? "antal = projekt som pågår respektive år" : "antal = projekt med värdet";
  return out + "; ett projekt räknas i varje grupp det hör till";
}

Analytics::Analytics(const Searcher& searcher) : searcher_(searcher) {}

StatsResult Analytics::stats(const StatsRequest& request) const {
  if (request.by.empty() || request.by.size() > 2) throw QueryError("stats: group by one or two facets, e.g. --by funder,year");
  const Xapian::Database& db = searcher_.database();
  const QueryBuilder builder(searcher_.analyzer(), &db);
  SearchRequest selection = request.selection;
  StatsResult out;
  out.filter_suggestions = builder.resolver().resolve_filters(selection);
  const ParsedQuery parsed = builder.parse(selection.query);
  out.filter_suggestions.insert(out.filter_suggestions.end(), parsed.filter_suggestions.begin(),
                                parsed.filter_suggestions.end());
  Xapian::Enquire enquire(db);
  enquire.set_query(QueryBuilder::apply_filter(parsed.query, builder.filter(selection)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  StatsSpy spy(request.by, request.budget_by);
  if (searcher_.has_remote()) {
    // A stock xapian-tcpsrv cannot run StatsSpy: the matching documents are fetched (in
    // batches, one request per shard) and counted here.
    const Xapian::MSet all = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    constexpr Xapian::doccount kBatch = 500;
    for (Xapian::doccount i = 0; i < all.size(); i += kBatch) {
      const Xapian::doccount end = std::min<Xapian::doccount>(all.size(), i + kBatch);
      all.fetch(all[i], all[end - 1]);
      for (Xapian::doccount j = i; j < end; ++j) spy(all[j].get_document(), 0);
    }
  } else {
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
  }

  out.query = request.selection.query;
  out.by = request.by;
  out.budget_by = request.budget_by;
  out.total = spy.total();
  out.with_budget = spy.budgets().size();
  out.budget_sum = spy.budget_sum();
  if (!spy.budgets().empty()) out.budget_median = median(spy.budgets());
  for (const auto& [keys, group] : spy.groups()) {
    StatsRow row;
    row.keys = keys;
    row.count = group.count;
    row.with_budget = group.budgets.size();
    row.budget_sum = group.share;
    if (!group.budgets.empty()) row.budget_median = median(group.budgets);
    out.rows.push_back(std::move(row));
  }
  // Order by the first facet (years ascending, others by their total count), then the second.
  std::map<std::string, std::uint64_t> first_totals;
  for (const StatsRow& r : out.rows) first_totals[r.keys[0]] += r.count;
  const bool by_year = request.by[0] == Facet::Year;
  const bool second_year = request.by.size() > 1 && request.by[1] == Facet::Year;
  std::sort(out.rows.begin(), out.rows.end(), [&](const StatsRow& a, const StatsRow& b) {
    if (a.keys[0] != b.keys[0]) {
      if (by_year) return year_less(a.keys[0], b.keys[0]);
      if (a.keys[0].empty() != b.keys[0].empty()) return b.keys[0].empty();
      const auto ta = first_totals[a.keys[0]];
      const auto tb = first_totals[b.keys[0]];
      if (ta != tb) return ta > tb;
      return a.keys[0] < b.keys[0];
    }
    if (a.keys.size() > 1 && a.keys[1] != b.keys[1]) {
      if (second_year) return year_less(a.keys[1], b.keys[1]);
      if (a.count != b.count) return a.count > b.count;
      return a.keys[1] < b.keys[1];
    }
    return false;
  });
  return out;
}

TermsResult Analytics::terms(const TermsRequest& request) const {
  const Xapian::Database& db = searcher_.database();
  const QueryBuilder builder(searcher_.analyzer(), &db);
  SearchRequest resolved = request.selection;
  std::vector<FilterSuggestion> unresolved = builder.resolver().resolve_filters(resolved);
  const ParsedQuery parsed = builder.parse(resolved.query);
  unresolved.insert(unresolved.end(), parsed.filter_suggestions.begin(), parsed.filter_suggestions.end());
  const std::optional<Xapian::Query> filter = builder.filter(resolved);
  const Xapian::Query selection = QueryBuilder::apply_filter(parsed.query, filter);
  Xapian::Enquire enquire(db);
  enquire.set_query(selection);
  const Xapian::MSet mset = enquire.get_mset(0, kMaxRelevanceSet, db.get_doccount());
  TermsResult out;
  out.query = request.selection.query;
  out.total = mset.get_matches_estimated();
  out.filter_suggestions = std::move(unresolved);
  if (mset.empty()) return out;
  Xapian::RSet rset;
  for (auto it = mset.begin(); it != mset.end(); ++it) rset.add_document(*it);
  const WordDecider decider(searcher_.analyzer());
  // Exact term frequencies: over shards Xapian otherwise estimates them per shard.
  const Xapian::ESet eset =
      enquire.get_eset(static_cast<Xapian::termcount>(request.limit), rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    DistinctiveTerm t;
    t.word = *it;
    t.weight = it.get_weight();
    t.index_docs = db.get_termfreq(t.word);
    Xapian::Enquire count(db);
    count.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(t.word), selection));
    count.set_weighting_scheme(Xapian::BoolWeight());
    t.selection_docs = count.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
    out.terms.push_back(std::move(t));
  }
  return out;
}

void to_json(nlohmann::json& j, const StatsRow& r) {
  j = nlohmann::json{{"keys", r.keys},
                     {"count", r.count},
                     {"with_budget", r.with_budget},
                     {"budget_sum", r.budget_sum},
                     {"budget_median", r.budget_median ? nlohmann::json(*r.budget_median) : nlohmann::json(nullptr)}};
}

void to_json(nlohmann::json& j, const StatsResult& r) {
  std::vector<std::string> by;
  for (Facet f : r.by) by.emplace_back(Schema::facet_name(f));
  const bool by_year = std::find(r.by.begin(), r.by.end(), Facet::Year) != r.by.end();
  j = nlohmann::json{{"query", r.query},
                     {"by", by},
                     {"budget_by", budget_by_name(r.budget_by)},
                     {"budget_note", budget_label_sv(r)},
                     {"count_by", by_year ? "running" : "value"},
                     {"total", r.total},
                     {"with_budget", r.with_budget},
                     {"budget_sum", r.budget_sum},
                     {"budget_median", r.budget_median ? nlohmann::json(*r.budget_median) : nlohmann::json(nullptr)},
                     {"rows", r.rows},
                     {"filter_suggestions", r.filter_suggestions}};
}

void to_json(nlohmann::json& j, const DistinctiveTerm& t) {
  j = nlohmann::json{{"word", t.word}, {"weight", t.weight}, {"selection_docs", t.selection_docs}, {"index_docs", t.index_docs}};
}

void to_json(nlohmann::json& j, const TermsResult& r) {
  j = nlohmann::json{{"query", r.query}, {"total", r.total}, {"terms", r.terms}, {"filter_suggestions", r.filter_suggestions}};
}

}  // namespace fynd
