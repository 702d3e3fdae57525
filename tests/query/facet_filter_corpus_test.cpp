// End to end on data/sample + the ERDF corpus, indexed as fynd-index does: filter values as
// people type them select the same projects as their canonical forms; budget stats add up.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "analytics.h"
#include "pipeline.h"
#include "searcher.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

class FacetFilterCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // data/sample + the ERDF records (data/erdf, else ../shared/corpus), indexed once per
    // build and shared with the other programs that search it (ctest runs each test alone).
    const auto dir = test::sample_and_erdf_index();
    if (dir.empty()) return;
    dir_ = new std::filesystem::path(dir);
    searcher_ = new Searcher(*dir_);
  }
  static void TearDownTestSuite() {
    delete searcher_;
    searcher_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (searcher_ == nullptr) GTEST_SKIP() << "neither data/erdf nor ../shared/corpus holds the ERDF records: skipping tests on them";
  }

  /// Ids of every project a request selects.
  static std::set<std::string> ids(SearchRequest r) {
    r.limit = 10000;
    r.snippets = false;
    r.spelling = false;
    std::set<std::string> out;
    for (const Hit& h : searcher_->search(r).hits) out.insert(h.id);
    return out;
  }
  static std::set<std::string> by_query(const std::string& q) {
    SearchRequest r;
    r.query = q;
    return ids(r);
  }
  static std::set<std::string> by_filter(Facet f, std::vector<std::string> values) {
    SearchRequest r;
    r.filters[f] = std::move(values);
    return ids(r);
  }

  static std::filesystem::path* dir_;
  static Searcher* searcher_;
};

std::filesystem::path* FacetFilterCorpus::dir_ = nullptr;
Searcher* FacetFilterCorpus::searcher_ = nullptr;

struct Example {
  Facet facet;
  std::string typed;
  std::vector<std::string> canonical;  ///< what it means, OR-ed
};

TEST_F(FacetFilterCorpus, TypedValuesSelectTheSameProjectsAsCanonicalOnes) {
  const std::vector<Example> examples = {
      {Facet::Funder, "ERUF", {"Europeiska regionala utvecklingsfonden"}},
      {Facet::Funder, "ERDF", {"Europeiska regionala utvecklingsfonden"}},
      {Facet::Funder, "Regionalfonden", {"Europeiska regionala utvecklingsfonden"}},
      {Facet::Funder, "ESF", {"Europeiska socialfonden"}},
      {Facet::Funder, "esf", {"Europeiska socialfonden"}},
      {Facet::Funder, "Socialfonden", {"Europeiska socialfonden"}},
      {Facet::Region, "Värmland", {"Värmlands län"}},
      {Facet::Region, "Västra Götaland", {"Västra Götalands län"}},
      {Facet::Region, "jonkoping", {"Jönköping"}},
      {Facet::Region, "Jönköping", {"Jönköping"}},
      {Facet::Region, "Jönköpings", {"Jönköping", "Jönköpings län"}},
      {Facet::Theme, "IKT", {"bredband och digitalisering"}},
      {Facet::Theme, "Digitalisering", {"bredband och digitalisering"}},
      {Facet::Theme, "SMF", {"näringsliv och företagande"}},
      {Facet::Theme, "FoU", {"innovation och forskning"}},
      {Facet::Theme, "koldioxidsnål ekonomi", {"miljö och klimat", "energi"}},
  };
  for (const Example& e : examples) {
    const std::string field(Schema::facet_name(e.facet));
    std::string canonical_query;
    for (const std::string& c : e.canonical) {
      canonical_query += (canonical_query.empty() ? "" : " OR ") + field + ":\"" + c + "\"";
    }
    const std::set<std::string> expected = by_filter(e.facet, e.canonical);
    EXPECT_GT(expected.size(), 0u) << canonical_query;
    EXPECT_EQ(expected, by_query("(" + canonical_query + ")")) << canonical_query;
    EXPECT_EQ(by_filter(e.facet, {e.typed}), expected) << e.typed << " as a filter";
    EXPECT_EQ(by_query(field + ":\"" + e.typed + "\""), expected) << e.typed << " in the query";
  }
}

TEST_F(FacetFilterCorpus, SelectedCanonicalValueIsEchoedAndUnknownValuesAreReported) {
  SearchRequest r;
  r.filters[Facet::Funder] = {"ESF"};
  r.facets = {Facet::Funder};
  SearchResult res = searcher_->search(r);
  ASSERT_GT(res.total, 0u);
  EXPECT_TRUE(res.filter_suggestions.empty());
  bool echoed = false;
  for (const FacetValue& v : res.facets.at(Facet::Funder)) {
    if (v.selected) {
      EXPECT_EQ(v.value, "Europeiska socialfonden");
      EXPECT_EQ(v.count, res.total);
      echoed = true;
    }
    EXPECT_NE(v.value, "ESF");
  }
  EXPECT_TRUE(echoed);

  SearchRequest typo;
  typo.query = "region:Värmlnd";
  res = searcher_->search(typo);
  EXPECT_EQ(res.total, 0u);
  ASSERT_EQ(res.filter_suggestions.size(), 1u);
  ASSERT_FALSE(res.filter_suggestions[0].suggestions.empty());
  EXPECT_EQ(res.filter_suggestions[0].suggestions.front(), "Värmlands län");
}

/// The budgets of the stored projects a selection matches, each once.
std::int64_t stored_budget_sum(const Searcher& s, const SearchRequest& selection, std::uint64_t& projects) {
  SearchRequest r = selection;
  r.limit = 10000;
  r.snippets = false;
  r.spelling = false;
  const SearchResult res = s.search(r);
  projects = res.total;
  std::int64_t sum = 0;
  for (const Hit& h : res.hits) sum += h.project.budget_sek.value_or(0);
  return sum;
}

TEST_F(FacetFilterCorpus, SpreadBudgetsAddUpToTheProjectsBudgets) {
  for (const std::string& funder : {std::string(), std::string("ERUF"), std::string("ESF")}) {
    StatsRequest r;
    r.by = {Facet::Year};
    if (!funder.empty()) r.selection.filters[Facet::Funder] = {funder};
    std::uint64_t projects = 0;
    const std::int64_t expected = stored_budget_sum(*searcher_, r.selection, projects);
    ASSERT_GT(expected, 0) << funder;
    const StatsResult stats = Analytics(*searcher_).stats(r);
    EXPECT_EQ(stats.budget_by, BudgetBy::Spread);
    EXPECT_EQ(stats.total, projects);
    EXPECT_EQ(stats.budget_sum, expected) << funder;
    std::int64_t rows = 0;
    for (const StatsRow& row : stats.rows) rows += row.budget_sum;
    EXPECT_EQ(rows, expected) << funder << ": the yearly rows add up to the total";
  }
  // Two facets: the shares still add up.
  StatsRequest two;
  two.by = {Facet::Funder, Facet::Year};
  const StatsResult stats = Analytics(*searcher_).stats(two);
  std::int64_t rows = 0;
  for (const StatsRow& row : stats.rows) rows += row.budget_sum;
  EXPECT_EQ(rows, stats.budget_sum);
}

TEST_F(FacetFilterCorpus, ARegionRowHoldsTheWholeBudgetOfItsProjects) {
  // Regions nest (kommun, län, riksområde): a län's row is the budget of the projects in it.
  StatsRequest r;
  r.by = {Facet::Region};
  const StatsResult stats = Analytics(*searcher_).stats(r);
  for (const std::string region : {"Norrbottens län", "Värmlands län", "Övre Norrland", "Luleå"}) {
    SearchRequest in;
    in.filters[Facet::Region] = {region};
    std::uint64_t projects = 0;
    const std::int64_t expected = stored_budget_sum(*searcher_, in, projects);
    ASSERT_GT(projects, 0u) << region;
    const auto row = std::find_if(stats.rows.begin(), stats.rows.end(),
                                  [&](const StatsRow& x) { return x.keys == std::vector<std::string>{region}; });
    ASSERT_NE(row, stats.rows.end()) << region;
    EXPECT_EQ(row->count, projects) << region;
    EXPECT_EQ(row->budget_sum, expected) << region;
  }
  EXPECT_NE(budget_label_sv(stats).find("överlappar"), std::string::npos);
}

TEST_F(FacetFilterCorpus, StartYearPutsEachBudgetInExactlyOneYear) {
  StatsRequest r;
  r.by = {Facet::Year};
  r.budget_by = BudgetBy::Start;
  r.selection.filters[Facet::Funder] = {"ERUF"};
  const StatsResult stats = Analytics(*searcher_).stats(r);
  // Independently: each stored project's budget under its first year.
  SearchRequest all = r.selection;
  all.limit = 10000;
  all.snippets = false;
  all.spelling = false;
  std::map<std::string, std::int64_t> expected;
  std::map<std::string, std::uint64_t> running;
  for (const Hit& h : searcher_->search(all).hits) {
    const Project& p = h.project;
    const std::string start = p.years.empty() ? "" : std::to_string(*std::min_element(p.years.begin(), p.years.end()));
    if (p.budget_sek) expected[start] += *p.budget_sek;
    for (int y : p.years) ++running[std::to_string(y)];
  }
  std::int64_t rows = 0;
  for (const StatsRow& row : stats.rows) {
    EXPECT_EQ(row.budget_sum, expected.count(row.keys[0]) ? expected[row.keys[0]] : 0) << row.keys[0];
    if (!row.keys[0].empty()) {
      EXPECT_EQ(row.count, running[row.keys[0]]) << "projects running in " << row.keys[0];
    }
    rows += row.budget_sum;
  }
  EXPECT_EQ(rows, stats.budget_sum);
}

}  // namespace
}  // namespace fynd
