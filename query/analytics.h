/** Analytics: counts and budgets of the projects a query selects, grouped by facets; distinctive terms. */
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "search_request.h"
#include "searcher.h"

namespace fynd {

/// How a project's budget is put into the groups it falls in.
enum class BudgetBy {
  /// Divided evenly over the project's groups (its years, its funders, ... or their
  /// combinations), in whole kronor; the rows add up to the total. Regions are nested
  /// (kommun, län, riksområde), so they are not divided: each region a project lies in
  /// gets its whole share, and rows by region overlap.
  Spread,
  /// By year: the whole budget in the project's start year; other facets as Spread.
  Start,
};

std::string_view budget_by_name(BudgetBy b);
/// Parses "spread" or "start"; throws QueryError otherwise.
BudgetBy budget_by_from_name(std::string_view name);

/// Group the projects matching `selection` (query, filters, ranges) by one or two facets.
struct StatsRequest {
  SearchRequest selection;
  std::vector<Facet> by;  ///< one or two facets
  BudgetBy budget_by = BudgetBy::Spread;
};

/// One group. A project with several values of a facet counts in each of its groups (by
/// year: the projects running that year); its budget is shared out as `budget_by` says.
struct StatsRow {
  std::vector<std::string> keys;  ///< one per `by` facet; "" = the project has no value
  std::uint64_t count = 0;
  std::uint64_t with_budget = 0;  ///< projects of the group with a known budget
  std::int64_t budget_sum = 0;    ///< SEK: the group's share of its projects' budgets
  std::optional<double> budget_median;  ///< of the whole budgets of the group's projects
};

struct StatsResult {
  std::string query;
  std::vector<Facet> by;
  BudgetBy budget_by = BudgetBy::Spread;
  std::uint64_t total = 0;        ///< matching projects (each once)
  std::uint64_t with_budget = 0;  ///< matching projects with a known budget
  std::int64_t budget_sum = 0;    ///< over matching projects, each once = the rows' sum (not by region)
  std::optional<double> budget_median;  ///< over matching projects, each once
  std::vector<StatsRow> rows;     ///< years ascending; other facets by count, then name
  std::vector<FilterSuggestion> filter_suggestions;  ///< filter values that matched nothing
};

/// "budget jämnt fördelad över projektens år" etc.: what the rows' budgets mean, in Swedish.
std::string budget_label_sv(const StatsResult& r);
/// "antal = projekt som pågår respektive år" etc.: what the rows' counts mean, in Swedish.
std::string count_label_sv(const StatsResult& r);

/// The most distinctive words of a selection compared with the rest of the index.
struct TermsRequest {
  SearchRequest selection;
  std::size_t limit = 20;
};

struct DistinctiveTerm {
  std::string word;                 ///< surface word as indexed (lower case)
  double weight = 0;                ///< Xapian expand weight (higher = more distinctive)
  std::uint64_t selection_docs = 0; ///< selected projects containing it
  std::uint64_t index_docs = 0;     ///< projects in the whole index containing it
};

struct TermsResult {
  std::string query;
  std::uint64_t total = 0;  ///< selected projects
  std::vector<DistinctiveTerm> terms;
  std::vector<FilterSuggestion> filter_suggestions;  ///< filter values that matched nothing
};

/// Runs StatsRequests and TermsRequests against a Searcher's index.
class Analytics {
 public:
  /// Relevance set size cap for terms(): the top projects of a large selection.
  static constexpr Xapian::doccount kMaxRelevanceSet = 2000;

  explicit Analytics(const Searcher& searcher);

  /// Throws QueryError when `by` is empty or has more than two facets.
  StatsResult stats(const StatsRequest& request) const;
  TermsResult terms(const TermsRequest& request) const;

 private:
  const Searcher& searcher_;
};

/// "finansiär", "region", "år", "tema": the Swedish label of a facet for charts and tables.
std::string_view facet_label_sv(Facet f);
/// Parses "funder,year" into facets; throws QueryError on an unknown name.
std::vector<Facet> parse_facet_list(std::string_view list);

void to_json(nlohmann::json& j, const StatsRow& r);
void to_json(nlohmann::json& j, const StatsResult& r);
void to_json(nlohmann::json& j, const DistinctiveTerm& t);
void to_json(nlohmann::json& j, const TermsResult& r);

}  // namespace fynd
