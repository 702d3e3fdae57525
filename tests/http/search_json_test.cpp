// The /api/search body written by JsonWriter against nlohmann::json's dump of the same
// SearchResult: byte for byte, and the same values when parsed back.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "json_writer.h"
#include "search_json.h"
#include "searcher.h"
#include "serve_fixture.h"

namespace fynd::test {
namespace {

std::string nlohmann_dump(const SearchResult& r) {
  return nlohmann::json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void expect_same_json(const SearchResult& r) {
  const std::string written = http::search_result_json(r);
  const std::string reference = nlohmann_dump(r);
  EXPECT_EQ(written, reference);
  const auto parsed = nlohmann::json::parse(written, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << written;
  EXPECT_EQ(parsed, nlohmann::json::parse(reference));
}

class SearchJsonTest : public ServeFixture {};

}  // namespace

TEST_F(SearchJsonTest, RealSearchesWithHitsFacetsAndSuggestionsMatchNlohmann) {
  Searcher searcher(db_dir());
  struct Case {
    std::string query;
    std::map<Facet, std::vector<std::string>> filters;
  };
  const std::vector<Case> cases = {
      {"", {}},
      {"utveckling", {}},
      {"\"små och medelstora företag\" OR innovation*", {}},
      {"företag", {{Facet::Region, {"Värmlnd"}}}},  // a filter value that matches nothing
      {"utvecklng", {}},                              // a misspelling: a suggestion
  };
  std::size_t hits = 0;
  for (const Case& c : cases) {
    SearchRequest request;
    request.query = c.query;
    request.filters = c.filters;
    request.limit = 20;
    request.facets = {Facet::Funder, Facet::Region, Facet::Year, Facet::Theme};
    SearchResult result = searcher.search(request);
    result.took_ms = 1.0 / 3.0;
    SCOPED_TRACE(c.query);
    expect_same_json(result);
    hits += result.hits.size();
    if (c.query == "utveckling") {
      EXPECT_FALSE(result.facets.empty());
    }
    if (!c.filters.empty()) {
      EXPECT_FALSE(result.filter_suggestions.empty());
    }
  }
  EXPECT_GT(hits, 0u);
}

TEST(JsonWriterTest, UnusualCharactersAndNumbersAreWrittenAsNlohmannWritesThem) {
  SearchResult r;
  r.query = "\"citat\" \\ back\tslash\nrad\r\x01\x1f\x7f <mark>&amp;";
  r.total = std::numeric_limits<std::uint64_t>::max();
  r.took_ms = std::numeric_limits<double>::quiet_NaN();
  r.suggestion = "Menade du: växjö 😀";
  Hit h;
  h.id = "2015-000123";
  h.score = 100.0;
  h.weight = 3.25;
  h.rank = 1;
  h.snippet = "…<mark>Växjö</mark> \"kommun\"";
  h.project.title = std::string("trasig \xC3 utf-8 \xFF och \xC0\xAF overlong \xED\xA0\x80 surrogat \xF0\x9F\x98");
  h.project.funders = {"ERUF", "Tillväxtverket \"TVV\""};
  h.project.regions = {"Jönköpings län", std::string("\x00nul", 4)};
  h.project.years = {2015, 2016, -1};
  h.project.budget_sek = -5;
  h.project.owner = "\xE2\x82\xAC";  // €
  h.project.source.file = "C:\\data\\fil.pdf";
  h.project.source.end = 1u << 31;
  h.project.period.start = "2015-01-01";
  r.hits.push_back(h);
  Hit empty;
  empty.score = 1e-7;
  r.hits.push_back(empty);
  r.facets[Facet::Year] = {{"2015", 7, true, "", ""}};
  r.facets[Facet::Region] = {{"Småland", 3, false, "riksområde", ""}, {"Växjö", 1, false, "kommun", "Kronobergs län"}};
  r.facets[Facet::Funder] = {};
  r.filter_suggestions.push_back({Facet::Theme, "innovatoin", {"Innovation", "Forskning \"och\" innovation"}});
  expect_same_json(r);
  for (double d : {0.0, -0.0, 1.0, 0.1, 1e20, 1e-300, 123456789.125, std::numeric_limits<double>::infinity()}) {
    r.took_ms = d;
    SCOPED_TRACE(d);
    expect_same_json(r);
  }
}

}  // namespace fynd::test
