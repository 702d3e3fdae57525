/** RequestParser: turns query-string parameters and JSON bodies into validated SearchRequests. */
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search_request.h"

namespace fynd::http {

/// The limits every request is held to; violations are a 400 naming the parameter.
struct Limits {
  std::size_t max_query_chars = 500;      ///< q, text of /api/suggest
  std::size_t max_text_chars = 20000;     ///< text of POST /api/similar
  std::size_t max_value_chars = 200;      ///< one facet value
  std::size_t max_values = 50;            ///< values of one parameter
  std::size_t max_page_size = 100;
  std::size_t max_depth = 10000;          ///< page * size
  std::size_t max_body_bytes = 64 * 1024; ///< request bodies
};

/// Decoded query-string parameters (repeatable keys).
using Params = std::multimap<std::string, std::string>;

/// Parses and validates request parameters. Every error is a ParameterError.
class RequestParser {
 public:
  explicit RequestParser(Limits limits = {}) : limits_(limits) {}

  const Limits& limits() const { return limits_; }

  /// GET /api/search: q, funder, region, year, theme, budget_min, budget_max, sort, page,
  /// size, facets.
  SearchRequest search(const Params& params) const;
  /// The filter parameters alone (funder, region, year, theme, budget_min, budget_max).
  void filters(const Params& params, SearchRequest& request) const;
  /// A JSON filters object {"funder":[..]|"..","year":"2018..2021",...} of a POST body.
  void filters(const nlohmann::json& filters, SearchRequest& request) const;
  /// The text of a free-text parameter, trimmed and length-checked; empty when absent.
  std::string text(const Params& params, const std::string& name, std::size_t max_chars) const;
  /// An integer parameter in [min, max], or `fallback` when absent.
  long long integer(const Params& params, const std::string& name, long long min, long long max,
                    long long fallback) const;
  /// The facets named by a parameter (repeated and/or comma-separated); nullopt if absent.
  std::optional<std::vector<Facet>> facet_list(const Params& params, const std::string& name) const;

  /// Rejects a parameter not in `known` (typos should not silently search everything).
  static void reject_unknown(const Params& params, std::initializer_list<std::string_view> known);

 private:
  void add_filter_value(Facet facet, const std::string& name, const std::string& value,
                        SearchRequest& request) const;
  Limits limits_;
};

}  // namespace fynd::http
