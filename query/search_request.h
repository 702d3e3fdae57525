/** SearchRequest and SearchResult: plain structs shared by fynd-query and fynd-serve. */
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "project.h"
#include "schema.h"

namespace fynd {

enum class SortOrder { Relevance, StartYear, StartYearDesc, Budget, BudgetDesc };

std::string_view sort_name(SortOrder s);
/// Parses "relevance", "year", "-year", "budget", "-budget"; throws QueryError otherwise.
SortOrder sort_from_name(std::string_view name);

/// One search: the text query, facet filters (OR within a facet, AND across facets),
/// ranges, order, page, and which facets to count.
struct SearchRequest {
  std::string query;  ///< user syntax: words, "phrases", AND/OR/NOT, prefix*, field:value
  std::map<Facet, std::vector<std::string>> filters;
  std::optional<int> year_from;  ///< a project matches if any of its years is in range
  std::optional<int> year_to;
  std::optional<std::int64_t> budget_min;
  std::optional<std::int64_t> budget_max;
  std::optional<ProjectKind> kind;  ///< only projects, or only articles
  SortOrder sort = SortOrder::Relevance;
  std::size_t offset = 0;
  std::size_t limit = 10;
  std::vector<Facet> facets;          ///< facets to count over the whole matching set
  std::size_t max_facet_values = 50;  ///< per facet, most frequent first
  bool snippets = true;
  bool spelling = true;  ///< suggest a correction when the query finds little
};

/// One hit: the stored record plus rank information and a snippet.
struct Hit {
  std::string id;
  double score = 0;    ///< relevance percentage (0-100)
  double weight = 0;   ///< raw BM25 weight
  std::uint32_t rank = 0;
  /// Best passage with matched words (stemmed matches too) wrapped in <mark>…</mark>;
  /// everything else HTML-escaped.
  std::string snippet;
  Project project;
};

struct FacetValue {
  std::string value;  ///< display form ("Jönköpings län", "2020")
  std::uint64_t count = 0;
  bool selected = false;
  std::string level;  ///< for regions: riksområde, län, kommun, programområde, utland; else empty
  std::string parent; ///< for regions: the value one level up, if any
};

/// A funder, region or theme filter value that matches no known value (it selects nothing).
struct FilterSuggestion {
  Facet facet = Facet::Funder;
  std::string value;                     ///< as typed
  std::vector<std::string> suggestions;  ///< nearest known canonical values, nearest first
};

/// "no region matches 'Värmlnd'; did you mean: Värmlands län?" (one line, for stderr).
std::string filter_message(const FilterSuggestion& s);

struct SearchResult {
  std::string query;
  std::uint64_t total = 0;  ///< exact number of matching projects
  std::vector<Hit> hits;
  std::map<Facet, std::vector<FacetValue>> facets;
  std::optional<std::string> suggestion;  ///< "Menade du: …" correction, if any
  std::vector<FilterSuggestion> filter_suggestions;  ///< filter values that matched nothing
  double took_ms = 0;
};

/// JSON: {"query","total","took_ms","hits":[{"id","title","snippet","score","source",
/// "funders","regions","years","themes","budget_sek","owner",...}],"facets":{...},"suggestion",
/// "filter_suggestions":[{"facet","value","suggestions":[..],"message"}]}
void to_json(nlohmann::json& j, const Hit& h);
void to_json(nlohmann::json& j, const FacetValue& v);
void to_json(nlohmann::json& j, const SearchResult& r);
void to_json(nlohmann::json& j, const SearchRequest& r);
void to_json(nlohmann::json& j, const FilterSuggestion& s);

}  // namespace fynd
