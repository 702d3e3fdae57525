#include "request_parser.h"

#include <charconv>

#include "api_error.h"
#include "text.h"

namespace fynd::http {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;

std::optional<long long> to_integer(std::string_view s) {
  long long v = 0;
  if (s.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

int parse_year(const std::string& name, std::string_view s) {
  auto v = to_integer(s);
  if (!v || *v < kMinYear || *v > kMaxYear) {
    throw ParameterError(name, "expected a year between 1900 and 2100 or a range like 2018..2021, got '" +
                                   std::string(s) + "'");
  }
  return static_cast<int>(*v);
}

std::vector<std::string> values_of(const Params& params, const std::string& name) {
  std::vector<std::string> out;
  auto [lo, hi] = params.equal_range(name);
  for (auto it = lo; it != hi; ++it) out.push_back(it->second);
  return out;
}

}  // namespace

void RequestParser::reject_unknown(const Params& params, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : params) {
    bool ok = false;
    for (auto k : known) ok = ok || key == k;
    if (!ok) throw ParameterError(key, "unknown parameter");
  }
}

std::string RequestParser::text(const Params& params, const std::string& name, std::size_t max_chars) const {
  auto values = values_of(params, name);
  if (values.empty()) return {};
  if (values.size() > 1) throw ParameterError(name, "given more than once");
  std::string v(text::trim(values.front()));
  if (text::length(v) > max_chars) {
    throw ParameterError(name, "longer than " + std::to_string(max_chars) + " characters");
  }
  return v;
}

long long RequestParser::integer(const Params& params, const std::string& name, long long min, long long max,
                                 long long fallback) const {
  auto values = values_of(params, name);
  if (values.empty()) return fallback;
  if (values.size() > 1) throw ParameterError(name, "given more than once");
  auto v = to_integer(values.front());
  if (!v || *v < min || *v > max) {
    throw ParameterError(name, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                                   ", got '" + values.front() + "'");
  }
  return *v;
}

std::optional<std::vector<Facet>> RequestParser::facet_list(const Params& params, const std::string& name) const {
  auto values = values_of(params, name);
  if (values.empty()) return std::nullopt;
  std::vector<Facet> out;
  for (const auto& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      std::size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string_view item = text::trim(std::string_view(v).substr(start, comma - start));
      start = comma + 1;
      if (item.empty()) continue;
      auto facet = Schema::facet_from_name(item);
      if (!facet) {
        throw ParameterError(name, "unknown facet '" + std::string(item) + "' (funder, region, year, theme)");
      }
      bool seen = false;
      for (Facet f : out) seen = seen || f == *facet;
      if (!seen) out.push_back(*facet);
    }
  }
  return out;
}

void RequestParser::add_filter_value(Facet facet, const std::string& name, const std::string& value,
                                     SearchRequest& request) const {
  std::string v(text::trim(value));
  if (v.empty()) return;
  if (text::length(v) > limits_.max_value_chars) {
    throw ParameterError(name, "value longer than " + std::to_string(limits_.max_value_chars) + " characters");
  }
  auto& list = request.filters[facet];
  if (list.size() >= limits_.max_values) {
    throw ParameterError(name, "more than " + std::to_string(limits_.max_values) + " values");
  }
  if (facet == Facet::Year) {
    auto dots = v.find("..");
    if (dots != std::string::npos) {
      if (request.year_from || request.year_to) throw ParameterError(name, "more than one year range");
      std::string_view lo = std::string_view(v).substr(0, dots);
      std::string_view hi = std::string_view(v).substr(dots + 2);
      if (lo.empty() && hi.empty()) throw ParameterError(name, "empty year range '..'");
      if (!lo.empty()) request.year_from = parse_year(name, lo);
      if (!hi.empty()) request.year_to = parse_year(name, hi);
      if (request.year_from && request.year_to && *request.year_from > *request.year_to) {
        throw ParameterError(name, "range starts after it ends: '" + v + "'");
      }
      if (list.empty()) request.filters.erase(facet);
      return;
    }
    v = std::to_string(parse_year(name, v));
  }
  for (const auto& existing : list) {
    if (existing == v) return;
  }
  list.push_back(v);
}

void RequestParser::filters(const Params& params, SearchRequest& request) const {
  for (Facet facet : kAllFacets) {
    std::string name(Schema::facet_name(facet));
    for (const auto& value : values_of(params, name)) add_filter_value(facet, name, value, request);
  }
  const long long max_budget = 1'000'000'000'000'000LL;
  if (params.count("budget_min")) request.budget_min = integer(params, "budget_min", 0, max_budget, 0);
  if (params.count("budget_max")) request.budget_max = integer(params, "budget_max", 0, max_budget, 0);
  if (request.budget_min && request.budget_max && *request.budget_min > *request.budget_max) {
    throw ParameterError("budget_min", "greater than budget_max");
  }
}

void RequestParser::filters(const nlohmann::json& filters, SearchRequest& request) const {
  if (filters.is_null()) return;
  if (!filters.is_object()) throw ParameterError("filters", "expected an object");
  for (const auto& [key, value] : filters.items()) {
    if (key == "budget_min" || key == "budget_max") {
      if (!value.is_number_integer() || value.get<long long>() < 0) {
        throw ParameterError("filters." + key, "expected a non-negative integer");
      }
      (key == "budget_min" ? request.budget_min : request.budget_max) = value.get<long long>();
      continue;
    }
    auto facet = Schema::facet_from_name(key);
    if (!facet) throw ParameterError("filters." + key, "unknown filter (funder, region, year, theme, budget_min, budget_max)");
    std::vector<nlohmann::json> items = value.is_array() ? value.get<std::vector<nlohmann::json>>()
                                                          : std::vector<nlohmann::json>{value};
    for (const auto& item : items) {
      if (item.is_string()) {
        add_filter_value(*facet, "filters." + key, item.get<std::string>(), request);
      } else if (item.is_number_integer() && *facet == Facet::Year) {
        add_filter_value(*facet, "filters." + key, std::to_string(item.get<long long>()), request);
      } else {
        throw ParameterError("filters." + key, "expected a string or a list of strings");
      }
    }
  }
}

SearchRequest RequestParser::search(const Params& params) const {
  reject_unknown(params, {"q", "funder", "region", "year", "theme", "budget_min", "budget_max", "sort", "page",
                          "size", "facets"});
  SearchRequest request;
  request.query = text(params, "q", limits_.max_query_chars);
  filters(params, request);
  std::string sort = text(params, "sort", 20);
  if (!sort.empty()) {
    try {
      request.sort = sort_from_name(sort);
    } catch (const QueryError& e) {
      throw ParameterError("sort", "expected relevance, year, -year, budget or -budget, got '" + sort + "'");
    }
  }
  auto size = static_cast<std::size_t>(integer(params, "size", 0, static_cast<long long>(limits_.max_page_size), 10));
  auto page = static_cast<std::size_t>(integer(params, "page", 1, static_cast<long long>(limits_.max_depth), 1));
  if (page * size > limits_.max_depth) {
    throw ParameterError("page", "page * size may be at most " + std::to_string(limits_.max_depth));
  }
  request.offset = (page - 1) * size;
  request.limit = size;
  auto facets = facet_list(params, "facets");
  request.facets = facets ? *facets : std::vector<Facet>(kAllFacets.begin(), kAllFacets.end());
  return request;
}

}  // namespace fynd::http
