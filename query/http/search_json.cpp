#include "search_json.h"

#include <algorithm>

#include "json_writer.h"
#include "schema.h"

namespace fynd::http {
namespace {

// Members are written in the order of their keys, as nlohmann::json's std::map object
// (to_json() in search_request.h and project.cpp) dumps them.

void write_optional(JsonWriter& w, const std::optional<std::int64_t>& n) {
  if (n) {
    w.value(*n);
  } else {
    w.null();
  }
}

void write_hit(JsonWriter& w, const Hit& h) {
  const Project& p = h.project;
  w.begin_object();
  w.key("budget_sek");
  write_optional(w, p.budget_sek);
  w.key("contact");
  w.value(p.contact);
  w.key("funders");
  w.array(p.funders);
  w.key("granted_sek");
  write_optional(w, p.granted_sek);
  w.key("id");
  w.value(h.id);
  w.key("kind");
  w.value(kind_name(p.kind));
  w.key("owner");
  w.value(p.owner);
  w.key("period");
  write_json(w, p.period);
  w.key("rank");
  w.value(h.rank);
  w.key("regions");
  w.array(p.regions);
  w.key("score");
  w.value(h.score);
  w.key("snippet");
  w.value(h.snippet);
  w.key("source");
  write_json(w, p.source);
  w.key("themes");
  w.array(p.themes);
  w.key("title");
  w.value(p.title);
  w.key("years");
  w.array(p.years);
  w.end_object();
}

void write_facet_value(JsonWriter& w, const FacetValue& v) {
  w.begin_object();
  w.key("count");
  w.value(v.count);
  if (!v.level.empty()) {
    w.key("level");
    w.value(v.level);
  }
  if (!v.parent.empty()) {
    w.key("parent");
    w.value(v.parent);
  }
  w.key("selected");
  w.value(v.selected);
  w.key("value");
  w.value(v.value);
  w.end_object();
}

void write_filter_suggestion(JsonWriter& w, const FilterSuggestion& s) {
  w.begin_object();
  w.key("facet");
  w.value(Schema::facet_name(s.facet));
  w.key("message");
  w.value(filter_message(s));
  w.key("suggestions");
  w.array(s.suggestions);
  w.key("value");
  w.value(s.value);
  w.end_object();
}

}  // namespace

std::string search_result_json(const SearchResult& r) {
  std::string out;
  out.reserve(1024 + r.hits.size() * 1024);
  JsonWriter w(out);
  w.begin_object();
  w.key("facets");
  w.begin_object();
  // By facet name, as the JSON object orders them (the map is ordered by the enum).
  std::vector<std::pair<std::string_view, const std::vector<FacetValue>*>> facets;
  for (const auto& [facet, values] : r.facets) facets.emplace_back(Schema::facet_name(facet), &values);
  std::sort(facets.begin(), facets.end());
  for (const auto& [name, values] : facets) {
    w.key(name);
    w.begin_array();
    for (const FacetValue& v : *values) write_facet_value(w, v);
    w.end_array();
  }
  w.end_object();
  w.key("filter_suggestions");
  w.begin_array();
  for (const FilterSuggestion& s : r.filter_suggestions) write_filter_suggestion(w, s);
  w.end_array();
  w.key("hits");
  w.begin_array();
  for (const Hit& h : r.hits) write_hit(w, h);
  w.end_array();
  w.key("query");
  w.value(r.query);
  w.key("suggestion");
  if (r.suggestion) {
    w.value(*r.suggestion);
  } else {
    w.null();
  }
  w.key("took_ms");
  w.value(r.took_ms);
  w.key("total");
  w.value(r.total);
  w.end_object();
  return out;
}

}  // namespace fynd::http
