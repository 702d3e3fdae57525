// FacetColumn and the two ways of counting facets: from the column (one walk, docid
// bitmaps for multi-select) and with Xapian's ValueCountMatchSpy (the remote fallback)
// must give the same values, counts, order and selection on a single index and over shards.
#include "facet_column.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "facet_counter.h"
#include "query_builder.h"
#include "searcher.h"
#include "test_index.h"
#include "test_support.h"
#include "text.h"

namespace fynd {
namespace {

std::vector<Project> synthetic(std::size_t n, unsigned seed) {
  const std::vector<std::string> words = {"bredband", "kommunen", "företag", "energi", "skola", "klimat", "arbete"};
  const std::vector<std::string> funders = {"ERUF", "ESF", "Energimyndigheten", "Region Gotland", "Vinnova"};
  const std::vector<std::string> regions = {"Växjö", "Kronobergs län", "Luleå", "Norrbottens län", "Gotland",
                                            "Småland och öarna", "Övre Norrland", "Jönköpings län"};
  const std::vector<std::string> themes = {"Digitalisering", "Sysselsättning", "Koldioxidsnål ekonomi", "Innovation"};
  std::mt19937 rng(seed);
  std::vector<Project> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string text;
    for (int w = 0; w < 8; ++w) text += words[rng() % words.size()] + " ";
    auto some = [&](const std::vector<std::string>& pool, unsigned max) {
      std::vector<std::string> v;
      for (unsigned k = rng() % (max + 1); k > 0; --k) Project::add_unique(v, pool[rng() % pool.size()]);
      return v;
    };
    std::vector<int> years;
    if (rng() % 4 != 0) {
      const int start = 2014 + static_cast<int>(rng() % 6);
      for (int y = start; y <= start + static_cast<int>(rng() % 3); ++y) years.push_back(y);
    }
    out.push_back(test::make_project("c" + std::to_string(seed) + "-" + std::to_string(i), "Projekt " + std::to_string(i),
                                     text, some(funders, 2), some(regions, 3), years, some(themes, 2),
                                     static_cast<std::int64_t>(rng() % 10000000)));
  }
  return out;
}

std::set<std::string> folded(const std::vector<std::string>& values) {
  std::set<std::string> out;
  for (const auto& v : values) out.insert(text::fold_case(v));
  return out;
}

/// Counts a request through FacetCounter on `db`, with the column or without.
std::map<Facet, std::vector<FacetValue>> count(const Xapian::Database& db, const SearchRequest& r,
                                               std::shared_ptr<const FacetColumn> column) {
  static const Analyzer analyzer;
  const QueryBuilder builder(analyzer, &db);
  SearchRequest resolved = r;
  builder.resolver().resolve_filters(resolved);
  const ParsedQuery parsed = builder.parse(r.query);
  FacetCounter counter(db, builder, resolved, parsed.query, std::move(column));
  Xapian::Enquire main_run(db);
  main_run.set_query(QueryBuilder::apply_filter(parsed.query, builder.filter(resolved)));
  counter.attach(main_run);
  main_run.get_mset(0, 10, db.get_doccount());
  return counter.result();
}

void expect_same(const std::map<Facet, std::vector<FacetValue>>& a, const std::map<Facet, std::vector<FacetValue>>& b) {
  test::expect_same_facets(a, b);
}

std::vector<SearchRequest> random_requests(const std::vector<Project>& projects, int n) {
  const std::vector<std::string> queries = {"", "bredband", "energi OR klimat", "kommunen företag", "-skola"};
  std::mt19937 rng(99);
  std::vector<SearchRequest> out;
  for (int i = 0; i < n; ++i) {
    SearchRequest r;
    r.query = queries[rng() % queries.size()];
    r.facets.assign(kAllFacets.begin(), kAllFacets.end());
    r.max_facet_values = 1000;
    for (Facet f : kAllFacets) {
      if (rng() % 3 != 0) continue;
      const Project& p = projects[rng() % projects.size()];
      const std::vector<std::string>& pool = f == Facet::Funder ? p.funders : f == Facet::Region ? p.regions : p.themes;
      if (f == Facet::Year) {
        if (!p.years.empty()) r.filters[f] = {std::to_string(p.years[rng() % p.years.size()])};
      } else if (!pool.empty()) {
        r.filters[f] = {pool[rng() % pool.size()]};
      }
    }
    if (rng() % 4 == 0) r.year_from = 2016;
    if (rng() % 5 == 0) r.budget_max = 5000000;
    out.push_back(r);
  }
  return out;
}

class FacetColumnTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new std::filesystem::path(test::temp_dir());
    projects_ = new std::vector<Project>(synthetic(150, 1));
    const auto more = synthetic(120, 2);
    test::build_index(*root_ / "whole", *projects_);
    test::add_to_index(*root_ / "whole", more);
    test::build_index(*root_ / "shard1", *projects_);
    test::build_index(*root_ / "shard2", more);
    projects_->insert(projects_->end(), more.begin(), more.end());
  }
  static void TearDownTestSuite() {
    delete projects_;
    delete root_;
  }
  static std::filesystem::path* root_;
  static std::vector<Project>* projects_;
};

std::filesystem::path* FacetColumnTest::root_ = nullptr;
std::vector<Project>* FacetColumnTest::projects_ = nullptr;

TEST_F(FacetColumnTest, HoldsEachDocumentsFoldedValues) {
  const Xapian::Database db((*root_ / "whole").string());
  const FacetColumn column = FacetColumn::build(db);
  EXPECT_GT(column.memory_bytes(), 0u);
  std::size_t checked = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Project p = nlohmann::json::parse(db.get_document(*it).get_data()).get<Project>();
    std::vector<std::string> years;
    for (int y : p.years) years.push_back(std::to_string(y));
    const std::map<Facet, std::vector<std::string>> want = {
        {Facet::Funder, p.funders}, {Facet::Region, p.regions}, {Facet::Year, years}, {Facet::Theme, p.themes}};
    for (const auto& [facet, values] : want) {
      const FacetColumn::Column& c = column.column(facet);
      const FacetColumn::SetId set = c.set_of(*it);
      std::set<std::string> got;
      if (set != 0) {
        for (std::uint32_t i = c.set_start[set]; i < c.set_start[set + 1]; ++i) got.insert(c.keys[c.set_values[i]]);
        EXPECT_EQ(c.set_start[set + 1] - c.set_start[set], got.size()) << "a value twice in one set";
      }
      EXPECT_EQ(got, folded(values)) << p.id << " " << Schema::facet_name(facet);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 4 * projects_->size());
  // Every key once, with a display form that folds to it.
  const FacetColumn::Column& regions = column.column(Facet::Region);
  EXPECT_EQ(std::set<std::string>(regions.keys.begin(), regions.keys.end()).size(), regions.keys.size());
  for (std::size_t id = 0; id < regions.keys.size(); ++id) EXPECT_EQ(text::fold_case(regions.displays[id]), regions.keys[id]);
}

TEST_F(FacetColumnTest, SharedPerRevisionAndRebuiltAfterACommit) {
  const auto dir = test::temp_dir() / "db";
  test::build_index(dir, synthetic(20, 3));
  Xapian::Database one(dir.string());
  Xapian::Database two(dir.string());
  const auto a = FacetColumn::shared(one);
  EXPECT_EQ(a, FacetColumn::shared(two)) << "two handles on one revision share a column";
  test::add_to_index(dir, synthetic(5, 4));
  ASSERT_TRUE(one.reopen());
  const auto b = FacetColumn::shared(one);
  EXPECT_NE(a, b);
  EXPECT_EQ(b->column(Facet::Funder).doc_set.size(), one.get_lastdocid() + 1);
  EXPECT_EQ(a->column(Facet::Funder).doc_set.size(), two.get_lastdocid() + 1) << "the old revision's column stays usable";
}

TEST_F(FacetColumnTest, ColumnAndSlotCountsAgreeOnOneIndex) {
  const Xapian::Database db((*root_ / "whole").string());
  const auto column = FacetColumn::shared(db);
  int round = 0;
  for (const SearchRequest& r : random_requests(*projects_, 40)) {
    SCOPED_TRACE("round " + std::to_string(round++) + " query '" + r.query + "' " + nlohmann::json(r).dump());
    expect_same(count(db, r, column), count(db, r, nullptr));
  }
}

TEST_F(FacetColumnTest, ShardsCountAsTheWholeIndex) {
  const Xapian::Database whole((*root_ / "whole").string());
  Xapian::Database shards((*root_ / "shard1").string());
  shards.add_database(Xapian::Database((*root_ / "shard2").string()));
  ASSERT_EQ(shards.size(), 2u);
  ASSERT_EQ(shards.get_doccount(), whole.get_doccount());
  const auto whole_column = FacetColumn::shared(whole);
  const auto shard_column = FacetColumn::shared(shards);
  int round = 0;
  for (const SearchRequest& r : random_requests(*projects_, 25)) {
    SCOPED_TRACE("round " + std::to_string(round++) + " query '" + r.query + "' " + nlohmann::json(r).dump());
    const auto expected = count(whole, r, whole_column);
    expect_same(count(shards, r, shard_column), expected);
    expect_same(count(shards, r, nullptr), expected);
  }
}

TEST_F(FacetColumnTest, SearcherModesGiveTheSameFacetsAndFollowAReindex) {
  const auto dir = test::temp_dir() / "db";
  test::build_index(dir, synthetic(60, 5));
  Searcher column_mode(dir);
  Searcher slot_mode(dir);
  slot_mode.set_facet_counting(FacetCounting::SlotCounts);
  EXPECT_EQ(slot_mode.facet_column(), nullptr);
  SearchRequest r;
  r.facets.assign(kAllFacets.begin(), kAllFacets.end());
  r.filters[Facet::Funder] = {"ESF"};
  expect_same(column_mode.search(r).facets, slot_mode.search(r).facets);
  const auto before = column_mode.search(r).facets;
  test::add_to_index(dir, synthetic(30, 6));
  ASSERT_TRUE(column_mode.reopen());
  ASSERT_TRUE(slot_mode.reopen());
  const auto after = column_mode.search(r).facets;
  expect_same(after, slot_mode.search(r).facets);
  std::uint64_t sum_before = 0, sum_after = 0;
  for (const FacetValue& v : before.at(Facet::Funder)) sum_before += v.count;
  for (const FacetValue& v : after.at(Facet::Funder)) sum_after += v.count;
  EXPECT_GT(sum_after, sum_before) << "the reopened searcher counts the new projects";
}

}  // namespace
}  // namespace fynd
