#include "search_request.h"

#include "error.h"

namespace fynd {

std::string_view sort_name(SortOrder s) {
  switch (s) {
    case SortOrder::Relevance: return "relevance";
    case SortOrder::StartYear: return "year";
    case SortOrder::StartYearDesc: return "-year";
    case SortOrder::Budget: return "budget";
    case SortOrder::BudgetDesc: return "-budget";
  }
  return "relevance";
}

SortOrder sort_from_name(std::string_view name) {
  for (SortOrder s : {SortOrder::Relevance, SortOrder::StartYear, SortOrder::StartYearDesc, SortOrder::Budget,
                      SortOrder::BudgetDesc}) {
    if (sort_name(s) == name) return s;
  }
  throw QueryError("sort: expected relevance, year, -year, budget or -budget, got '" + std::string(name) + "'");
}

void to_json(nlohmann::json& j, const Hit& h) {
  const Project& p = h.project;
  j = nlohmann::json{{"id", h.id},
                     {"kind", kind_name(p.kind)},
                     {"title", p.title},
                     {"snippet", h.snippet},
                     {"score", h.score},
                     {"rank", h.rank},
                     {"source", p.source},
                     {"funders", p.funders},
                     {"regions", p.regions},
                     {"years", p.years},
                     {"themes", p.themes},
                     {"budget_sek", p.budget_sek ? nlohmann::json(*p.budget_sek) : nlohmann::json(nullptr)},
                     {"granted_sek", p.granted_sek ? nlohmann::json(*p.granted_sek) : nlohmann::json(nullptr)},
                     {"owner", p.owner},
                     {"contact", p.contact},
                     {"period", p.period}};
}

void to_json(nlohmann::json& j, const FacetValue& v) {
  j = nlohmann::json{{"value", v.value}, {"count", v.count}, {"selected", v.selected}};
  if (!v.level.empty()) j["level"] = v.level;
  if (!v.parent.empty()) j["parent"] = v.parent;
}

std::string filter_message(const FilterSuggestion& s) {
  std::string out = "no " + std::string(Schema::facet_name(s.facet)) + " matches '" + s.value + "'";
  if (s.suggestions.empty()) return out;
  out += "; did you mean: ";
  for (std::size_t i = 0; i < s.suggestions.size(); ++i) out += (i == 0 ? "" : ", ") + s.suggestions[i];
  return out + "?";
}

void to_json(nlohmann::json& j, const FilterSuggestion& s) {
  j = nlohmann::json{{"facet", Schema::facet_name(s.facet)},
                     {"value", s.value},
                     {"suggestions", s.suggestions},
                     {"message", filter_message(s)}};
}

void to_json(nlohmann::json& j, const SearchResult& r) {
  j = nlohmann::json{{"query", r.query}, {"total", r.total}, {"took_ms", r.took_ms}, {"hits", r.hits}};
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [facet, values] : r.facets) facets[std::string(Schema::facet_name(facet))] = values;
  j["facets"] = facets;
  j["suggestion"] = r.suggestion ? nlohmann::json(*r.suggestion) : nlohmann::json(nullptr);
  j["filter_suggestions"] = r.filter_suggestions;
}

void to_json(nlohmann::json& j, const SearchRequest& r) {
  nlohmann::json filters = nlohmann::json::object();
  for (const auto& [facet, values] : r.filters) filters[std::string(Schema::facet_name(facet))] = values;
  j = nlohmann::json{{"query", r.query}, {"filters", filters}, {"sort", sort_name(r.sort)},
                     {"offset", r.offset}, {"limit", r.limit}};
  if (r.year_from) j["year_from"] = *r.year_from;
  if (r.year_to) j["year_to"] = *r.year_to;
  if (r.budget_min) j["budget_min"] = *r.budget_min;
  if (r.budget_max) j["budget_max"] = *r.budget_max;
}

}  // namespace fynd
