// Fuzz target: the query syntax and the filter resolver. The first line is the query text
// (QueryBuilder::parse); each further line "facet:value" (funder, region, year, theme) is a
// request filter, resolved by FacetValueResolver and turned into a filter query
// (QueryBuilder::filter); "years:A..B" sets a year range, "budget:N..M" a budget range.
#include <xapian.h>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer.h"
#include "fuzz_support.h"
#include "query_builder.h"
#include "schema.h"

namespace {

template <typename T>
void range(std::string_view v, std::optional<T>& from, std::optional<T>& to) {
  const auto dots = v.find("..");
  const std::string_view a = v.substr(0, dots);
  const std::string_view b = dots == std::string_view::npos ? a : v.substr(dots + 2);
  T x{};
  if (std::from_chars(a.data(), a.data() + a.size(), x).ec == std::errc()) from = x;
  if (std::from_chars(b.data(), b.data() + b.size(), x).ec == std::errc()) to = x;
}

/// Built once, before the first input: loading the Swedish dictionary takes seconds.
const fynd::QueryBuilder& query_builder() {
  static const fynd::Analyzer analyzer;
  static const fynd::QueryBuilder instance(analyzer);
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)query_builder();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fynd::QueryBuilder& builder = query_builder();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto eol = input.find('\n');
  fynd::SearchRequest request;
  request.query = std::string(input.substr(0, eol));
  std::string_view rest = eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = line.substr(0, colon);
    const std::string_view value = line.substr(colon + 1);
    if (key == "years") {
      range(value, request.year_from, request.year_to);
    } else if (key == "budget") {
      range(value, request.budget_min, request.budget_max);
    } else if (const auto facet = fynd::Schema::facet_from_name(key)) {
      (void)builder.resolver().resolve(*facet, value);
      request.filters[*facet].emplace_back(value);
    }
  }
  try {
    const fynd::ParsedQuery parsed = builder.parse(request.query);
    (void)parsed.query.get_length();
    if (parsed.blank && !parsed.query.empty() && parsed.query.get_type() != Xapian::Query::LEAF_MATCH_ALL) {
      fynd::fuzz::fail("blank query that is not MatchAll");
    }
  } catch (const fynd::QueryError&) {
  }
  try {
    (void)builder.filter(request);
    (void)builder.build(request);
  } catch (const fynd::QueryError&) {
  }
  return 0;
}
